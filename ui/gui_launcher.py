"""Start the Qt application; the only way the CLI reaches Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.context import AppContext
from station.errors import ErrorCode, StationError
from station.store import HOME_ENV, default_home
from ui.settings.values import configured_home, user_config_file


def _display_available() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def chosen_home(app: AppContext, config: Path | None = None) -> AppContext:
    """The data directory picked in the settings dialog, unless --home or SOHOA_HOME says."""
    if os.environ.get(HOME_ENV, "").strip() or app.home != default_home():
        return app
    configured = configured_home(config or user_config_file())
    if configured is None or configured == app.home:
        return app
    return AppContext(home=configured, debug=app.debug)


def launch(app: AppContext) -> int:
    if not _display_available():
        raise StationError(ErrorCode.DISPLAY_UNAVAILABLE)
    chosen = chosen_home(app)
    try:
        store, catalog = chosen.store, chosen.catalog  # open before Qt so errors stay plain text
        from ui.window.app import open_main_window

        qt_app, _window, services = open_main_window(store, catalog, sys.argv[:1])
        try:
            return qt_app.exec()
        finally:
            services.close()  # after a cancelled scan and the last background task
    finally:
        if chosen is not app:
            chosen.close()
