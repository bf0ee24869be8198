"""Build the running application: QApplication in the station's language, services, window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from drivers.bridge import Bridge
from station.catalog import Catalog
from station.store import Store
from ui.application import create_application
from ui.settings.values import load_station_settings
from ui.window.main_window import MainWindow
from ui.window.services import Services, create_services


def open_main_window(
    store: Store, catalog: Catalog, argv: list[str], bridge: Bridge | None = None
) -> tuple[QApplication, MainWindow, Services]:
    language = load_station_settings(store.layout.home).language
    qt_app = create_application(argv, language)
    services = create_services(store, catalog, bridge=bridge)
    window = MainWindow(services)
    window.show()
    window.start()
    return qt_app, window, services
