"""The QApplication with Vietnamese first (our translations plus Qt's own qtbase_vi), and a guard
against a PySide6 reference-count bug, applied before any window is built.

PySide6 6.12 (abi3 wheels) gives back True, False and None without a reference from some calls
(`Signal.emit`, `disconnect`, `QTimer.singleShot`). From CPython 3.12 those objects are immortal
and nothing happens; on 3.11 every call counts them down until the interpreter aborts with
"bool_dealloc" after a few hundred signals. Giving the three objects a reference count no
program can exhaust makes them immortal here as well, which is exactly what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys
from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

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
    """Load sohoa_<lang>.qm and Qt's own qtbase_<lang>.qm; keep the translators alive on the
    app. Qt ships no Vietnamese for its dialogs (file dialogs, message box buttons): ours, built
    from the strings the station shows, stands in where the Qt installation has none."""
    QLocale.setDefault(QLocale(language))
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directories in (
        (f"sohoa_{language}", (translations_dir(),)),
        (f"qtbase_{language}", (qt_dir, translations_dir())),
    ):
        for directory in directories:
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
                loaded.append(translator)
                break
    return loaded


def create_application(argv: list[str], language: str = DEFAULT_LANGUAGE) -> QApplication:
    pin_singletons()
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("SoHoa Station")
    app.setOrganizationName("SoHoa")
    app.setWindowIcon(QIcon(icon_path()))
    install_translators(app, language)
    return app
