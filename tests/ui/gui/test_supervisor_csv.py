"""The supervisor's CSV export offers both dialects in its save dialog: Excel in Vietnamese
(semicolons, decimal commas), chosen first when the window is in Vietnamese, and plain
comma-separated values, chosen first in English. The clerk picks with the keyboard."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from station.stats.export import CsvDialect, TableKind
from tests.ui.gui.test_supervisor import _open_screen, in_vietnamese, november  # noqa: F401
from ui.supervisor.controller import SupervisorController
from ui.supervisor.saving import SaveDialog

WAIT_MS = 30000


@pytest.fixture
def main_window(qtbot, services, november):  # noqa: F811 - the fixture imported above
    from ui.window.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    yield window
    services.tasks.wait()


def _save_csv(qtbot, controller: SupervisorController, path: Path, other_type: bool) -> Path:
    """Export CSV…, then in the save dialog: Down in the file types (the other dialect) when
    asked, the file's path typed into its name, Enter."""
    qtbot.mouseClick(controller.view.export_csv, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.save_dialog is not None, timeout=WAIT_MS)
    dialog: SaveDialog = controller.save_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    dialog.activateWindow()  # a window manager does this; the offscreen platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    if other_type:
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        types.setFocus()
        qtbot.keyClick(types, Qt.Key.Key_Down)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, str(path))
    popup = name.completer().popup() if name.completer() else None
    if popup is not None and popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    with qtbot.waitSignal(controller.exported, timeout=WAIT_MS) as done:
        qtbot.keyClick(name, Qt.Key.Key_Return)
    return done.args[0]


def _first_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def _rate_cells(path: Path, delimiter: str) -> list[str]:
    """The digitization rates of the station table's first row, as written."""
    with path.open(encoding="utf-8-sig", newline="") as found:
        rows = list(csv.reader(found, delimiter=delimiter))
    return [cell for row in rows for cell in row if cell in ("50,0", "50.0")]


def test_in_vietnamese_excel_s_dialect_comes_first_and_the_plain_one_can_be_chosen(
    qtbot,
    in_vietnamese,  # noqa: F811
    main_window,
    tmp_path,
) -> None:
    controller = _open_screen(qtbot, main_window)
    excel = _save_csv(qtbot, controller, tmp_path / "excel.csv", other_type=False)
    assert excel == tmp_path / "excel.csv"
    assert _first_lines(excel)[0] == "Kỳ báo cáo;2026-11-01;2026-11-30;Asia/Ho_Chi_Minh"
    assert _rate_cells(excel, ";") and set(_rate_cells(excel, ";")) == {"50,0"}

    plain = _save_csv(qtbot, controller, tmp_path / "plain.csv", other_type=True)
    assert _first_lines(plain)[0] == "Kỳ báo cáo,2026-11-01,2026-11-30,Asia/Ho_Chi_Minh"
    assert _rate_cells(plain, ",") and set(_rate_cells(plain, ",")) == {"50.0"}
    assert controller.view.models[TableKind.STATIONS].rowCount() == 4  # the screen is unchanged


def test_in_english_the_plain_dialect_comes_first(qtbot, main_window, tmp_path) -> None:
    controller = _open_screen(qtbot, main_window)
    plain = _save_csv(qtbot, controller, tmp_path / "plain.csv", other_type=False)
    assert _first_lines(plain)[0].startswith("Period,2026-11-01,2026-11-30,")
    excel = _save_csv(qtbot, controller, tmp_path / "excel.csv", other_type=True)
    assert _first_lines(excel)[0].startswith("Period;2026-11-01;2026-11-30;")


def test_the_file_types_name_their_dialects(qtbot, in_vietnamese) -> None:  # noqa: F811
    from ui.supervisor.saving import csv_types

    types = csv_types()
    assert [dialect for _name, dialect in types] == [CsvDialect.EXCEL_VI, CsvDialect.PLAIN]
    assert "Excel tiếng Việt" in types[0][0] and "dấu ;" in types[0][0]
    assert "dấu ," in types[1][0]
