"""Starting the GUI, the only way the CLI reaches Qt: the data directory, the QApplication in
the station's language (our translations plus Qt's own qtbase_vi), the services and the window.

Also a guard against a PySide6 reference-count bug, applied before any window is built: PySide6
6.12 (abi3 wheels) gives back True, False and None without a reference from some calls
(`Signal.emit`, `disconnect`, `QTimer.singleShot`). From CPython 3.12 those objects are immortal
and nothing happens; on 3.11 every call counts them down until the interpreter aborts with
"bool_dealloc" after a few hundred signals. Giving the three objects a reference count no
program can exhaust makes them immortal here as well, which is exactly what 3.12 does.
"""

from __future__ import annotations

import ctypes
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from app.context import AppContext
from station.errors import ErrorCode, StationError
from station.store import HOME_ENV, default_home
from ui.settings.values import configured_home, load_station_settings, user_config_file

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from drivers.bridge import Bridge
    from station.catalog import Catalog
    from station.store import Store
    from ui.window.main_window import MainWindow
    from ui.window.services import Services

DEFAULT_LANGUAGE = "vi"
_HEADROOM = 1 << 40
_pinned = False


def pin_singletons() -> bool:
    """Idempotent; returns whether anything had to be done on this interpreter."""
    global _pinned  # one process-wide fact, like the interpreter's own singletons
    if _pinned or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False
    for singleton in (True, False, None):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _pinned = True
    return True


def translations_dir() -> str:
    return str(resources.files("resources") / "translations")


def icon_path() -> str:
    return str(resources.files("resources") / "icons" / "sohoa.svg")


def install_translators(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Load sohoa_<lang>.qm and Qt's qtbase_<lang>.qm; keep the translators alive on the app."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(language))
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in (
        (f"sohoa_{language}", translations_dir()),
        (f"qtbase_{language}", qt_dir),
    ):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def create_application(argv: list[str], language: str = DEFAULT_LANGUAGE) -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    pin_singletons()
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("SoHoa Station")
    app.setOrganizationName("SoHoa")
    app.setWindowIcon(QIcon(icon_path()))
    install_translators(app, language)
    return app


def open_main_window(
    store: Store, catalog: Catalog, argv: list[str], bridge: Bridge | None = None
) -> tuple[QApplication, MainWindow, Services]:
    """The QApplication in the station's language, the services, the window shown and started."""
    from ui.window.main_window import MainWindow
    from ui.window.services import create_services

    language = load_station_settings(store.layout.home).language
    qt_app = create_application(argv, language)
    services = create_services(store, catalog, bridge=bridge)
    window = MainWindow(services)
    window.show()
    window.start()
    return qt_app, window, services


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
