"""Start the Qt application; the only way the CLI reaches Qt."""

from __future__ import annotations

import os
import sys

from station.errors import ErrorCode, StationError
from ui.cli.context import AppContext


def _display_available() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def launch(app: AppContext) -> int:
    if not _display_available():
        raise StationError(ErrorCode.DISPLAY_UNAVAILABLE)
    store, catalog = app.store, app.catalog  # open before Qt so errors stay plain text
    from ui.application import create_application
    from ui.main_window import MainWindow

    qt_app = create_application(sys.argv[:1])
    window = MainWindow(store, catalog)
    window.show()
    return qt_app.exec()
