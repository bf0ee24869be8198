"""The QApplication with Vietnamese first: our translations plus Qt's own qtbase_vi."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ui.qt_runtime import pin_singletons

DEFAULT_LANGUAGE = "vi"


def translations_dir() -> str:
    return str(resources.files("resources") / "translations")


def icon_path() -> str:
    return str(resources.files("resources") / "icons" / "sohoa.svg")


def install_translators(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Load sohoa_<lang>.qm and Qt's qtbase_<lang>.qm; keep the translators alive on the app."""
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
    pin_singletons()
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("SoHoa Station")
    app.setOrganizationName("SoHoa")
    app.setWindowIcon(QIcon(icon_path()))
    install_translators(app, language)
    return app
