"""Starting the GUI, the only way the CLI reaches Qt: the data directory (the one the settings
dialog chose, unless --home or SOHOA_HOME says), the store and catalog opened before Qt so their
errors stay plain text, then the QApplication in the station's language, the services and the
window, shown and started."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.context import AppContext
from station.errors import ErrorCode, StationError
from station.store import HOME_ENV, default_home
from ui.settings.values import configured_home, load_station_settings, user_config_file

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from drivers.bridge import Bridge
    from station.catalog import Catalog
    from station.store import Store
    from ui.window.main_window import MainWindow
    from ui.window.services import Services


def open_main_window(
    store: Store, catalog: Catalog, argv: list[str], bridge: Bridge | None = None
) -> tuple[QApplication, MainWindow, Services]:
    """The QApplication in the station's language, the services, the window shown and started."""
    from ui.application import create_application
    from ui.window.geometry import show_window
    from ui.window.main_window import MainWindow
    from ui.window.services import create_services

    language = load_station_settings(store.layout.home).language
    qt_app = create_application(argv, language)
    services = create_services(store, catalog, bridge=bridge)
    window = MainWindow(services)
    show_window(window, services.settings.value.window_geometry)
    window.people.start()  # covered until someone signs in (the first run sets the station up)
    window.start()
    _freeze_start_up_objects()
    return qt_app, window, services


def _freeze_start_up_objects() -> None:
    """What start-up made and keeps (modules, Qt wrappers, the catalog) is left out of every
    later full collection: with the window open, a full collection went through all of it and
    held every thread, the window's included, for 80 ms in the middle of a scan."""
    gc.collect()
    gc.freeze()


def chosen_home(context: AppContext, config: Path | None = None) -> AppContext:
    """The data directory picked in the settings dialog, unless --home or SOHOA_HOME says."""
    if os.environ.get(HOME_ENV, "").strip() or context.home != default_home():
        return context
    configured = configured_home(config or user_config_file())
    if configured is None or configured == context.home:
        return context
    return AppContext(home=configured, debug=context.debug)


def _display_available() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def launch(context: AppContext) -> int:
    if not _display_available():
        raise StationError(ErrorCode.DISPLAY_UNAVAILABLE)
    chosen = chosen_home(context)
    try:
        store, catalog = chosen.store, chosen.catalog  # open before Qt: errors stay plain text
        qt_app, _window, services = open_main_window(store, catalog, sys.argv[:1])
        try:
            return qt_app.exec()
        finally:
            services.close()  # after a cancelled scan and the last background task
    finally:
        if chosen is not context:
            chosen.close()
