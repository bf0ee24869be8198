"""Vietnamese first: every string of the window is in both .ts files, translated, and the
shipped .qm files are exactly what lrelease builds from them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from tests.conftest import REPO
from ui.application import install_translators
from ui.text import format_number, format_size

TRANSLATIONS = REPO / "resources" / "translations"
TOOLS = Path(sys.executable).parent


def _ui_sources() -> list[str]:
    return sorted(
        str(path.relative_to(REPO))
        for path in (REPO / "ui").rglob("*.py")
        if "cli" not in path.parts and path.name != "messages.py"
    )


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_string_of_the_window_is_in_the_ts_file_and_translated(tmp_path, language) -> None:
    committed = TRANSLATIONS / f"sohoa_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *_ui_sources(), "-no-obsolete", "-ts", str(fresh)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    extracted = _messages(fresh)
    kept = _messages(committed)
    assert set(extracted) == set(kept), "run pyside6-lupdate (see resources/translations/README)"
    for key, translation in kept.items():
        assert translation.text, f"untranslated: {key}"
        assert translation.get("type") is None, f"{translation.get('type')}: {key}"
    assert len(kept) > 100


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_qm_file_is_built_from_the_ts_file(tmp_path, language) -> None:
    built = tmp_path / f"sohoa_{language}.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TRANSLATIONS / f"sohoa_{language}.ts"), "-qm",
         str(built)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert built.read_bytes() == (TRANSLATIONS / built.name).read_bytes()


def test_the_window_speaks_vietnamese_with_vietnamese_numbers(qapp, qtbot, services) -> None:
    from ui.window.main_window import MainWindow

    locale = QLocale()
    translators = install_translators(qapp, "vi")
    try:
        assert translators, "sohoa_vi.qm must load"
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert window.windowTitle().startswith("SoHoa Station — Trạm số hóa — ")  # + station
        assert window.scan_controls.scan_button.text() == "Quét (F5)"
        assert window.dossier_table.horizontalHeaderItem(0).text() == "Mã hồ sơ"
        assert window.menuBar().actions()[0].text() == "&Hồ sơ"
        assert format_number(1234567) == "1.234.567"
        assert format_size(1536000) == "1,5 MB"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_without_translators_the_window_shows_the_english_source(qtbot, services) -> None:
    from ui.window.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("SoHoa Station — Digitization station — ")


# Labels Qt 6's file dialog shows that its French translation (the reference) predates.
QT6_ONLY = {("QFileDialog", "&Look in:"), ("QFileDialog", "Files of &type:")}


def test_qtbase_vi_is_built_from_its_ts_file_and_names_only_strings_qt_has(tmp_path) -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    built = tmp_path / "qtbase_vi.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TRANSLATIONS / "qtbase_vi.ts"), "-qm", str(built)],
        check=True,
        capture_output=True,
    )
    assert built.read_bytes() == (TRANSLATIONS / built.name).read_bytes()
    french = QTranslator()  # Qt's own translation: a source text it knows is one Qt shows
    assert french.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    messages = _messages(TRANSLATIONS / "qtbase_vi.ts")
    assert len(messages) > 80
    for (context, source), translation in messages.items():
        assert translation.text and translation.text != source, (context, source)
        known = french.translate(context, source) or (context, source) in QT6_ONLY
        assert known, f"not a Qt string: {context} {source!r}"


def test_qts_own_dialogs_speak_vietnamese(qapp, qtbot) -> None:
    from PySide6.QtWidgets import (
        QDialogButtonBox,
        QFileDialog,
        QLabel,
        QMessageBox,
        QToolButton,
    )

    locale = QLocale()
    translators = install_translators(qapp, "vi")
    try:
        dialog = QFileDialog(None, "", "", "")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert labels == {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:"}
        tips = {button.toolTip() for button in dialog.findChildren(QToolButton)}
        assert {"Lùi lại", "Tiến tới", "Thư mục cha", "Tạo thư mục mới"} <= tips
        buttons = dialog.findChild(QDialogButtonBox)
        texts = {button.text() for button in buttons.buttons()}
        assert texts == {"&Lưu", "Hủy"}
        answers = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, "", "", answers)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
        assert box.button(QMessageBox.StandardButton.No).text() == "&Không"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
