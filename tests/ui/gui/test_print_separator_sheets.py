"""Scan > Print separator sheets… (Ctrl+P): the sheets of the open dossier's procedure, or of
the procedure chosen in the form, written off the GUI thread to the file the clerk names and
opened in the viewer; every sheet carries its component's QR code. Only the system's file
picker and viewer are stood in for (the boundary of the station)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu

from station.codes import CodeKind, read_codes
from station.codes.model import Separator
from station.dossiers import DossierRequest, open_dossier
from tests.ui.gui.flow import WAIT_MS

CODE = "000.00.14.H05-251204-0071"
PROCEDURE = "1.001193"  # khai sinh: TP1 … TP8, KQ1, KQ2


class SystemDialogs:
    """The save dialog answers `answer`; the viewer records what it was asked to open."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []  # (title, proposed path)
        self.opened: list[Path] = []

    def save(self, parent, title, proposed, filters, *args, **kwargs):
        self.asked.append((title, proposed))
        return (str(self.answer) if self.answer else "", filters)

    def open_url(self, url) -> bool:
        self.opened.append(Path(url.toLocalFile()))
        return True


@pytest.fixture
def dialogs(monkeypatch, tmp_path):
    stand_in = SystemDialogs(tmp_path / "printed" / "sheets.pdf")
    (tmp_path / "printed").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", stand_in.save)
    monkeypatch.setattr(QDesktopServices, "openUrl", stand_in.open_url)
    return stand_in


def _separators(path: Path) -> list[Separator]:
    """The separator each page's QR code reads as, page by page."""
    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            pixels = page.render(scale=150 / 72, grayscale=True).to_numpy()
            codes = [c for c in read_codes(pixels) if c.kind is CodeKind.SEPARATOR]
            assert len(codes) == 1
            found.append(codes[0].fields)
    finally:
        document.close()
    return found


def _take_up_dossier(qtbot, window, store, catalog) -> None:
    """A dossier of the procedure, opened elsewhere, taken up by typing its code."""
    open_dossier(store, catalog, DossierRequest(CODE, PROCEDURE, "Võ Văn T"))
    qtbot.keyClicks(window.dossier_panel.code, CODE)
    qtbot.keyClick(window.dossier_panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)


def _press_ctrl_p(qtbot, window) -> None:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_p_writes_the_open_dossiers_sheets_and_opens_them(
    qtbot, window, store, catalog, dialogs
) -> None:
    _take_up_dossier(qtbot, window, store, catalog)
    _press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=WAIT_MS)
    [(title, proposed)] = dialogs.asked
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(proposed) == Path(documents) / f"to-phan-cach-{PROCEDURE}.pdf"
    assert PROCEDURE in title
    assert dialogs.opened == [dialogs.answer]

    components = [c.code for c in catalog.get(PROCEDURE).components]
    with pikepdf.open(dialogs.answer) as pdf:
        assert len(pdf.pages) == len(components)
    assert _separators(dialogs.answer) == [Separator(PROCEDURE, c) for c in components]
    message = window.statusBar().currentMessage()
    assert f"{len(components)} separator sheets saved to {dialogs.answer}" in message


def test_from_the_menu_with_no_dossier_the_chosen_procedure_is_printed(
    qtbot, window, catalog, dialogs
) -> None:
    panel = window.dossier_panel
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "ket hon")
    qtbot.waitUntil(lambda: panel.chosen_procedure() is not None, timeout=WAIT_MS)
    chosen = catalog.get(panel.chosen_procedure())

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # the Scan menu
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Scan")
    qtbot.waitUntil(menu.isVisible, timeout=WAIT_MS)
    for _ in range(len(menu.actions())):
        if menu.activeAction() and menu.activeAction().text() == "Print separator sheets…":
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=WAIT_MS)
    assert dialogs.asked[0][1].endswith(f"to-phan-cach-{chosen.code}.pdf")
    with pikepdf.open(dialogs.answer) as pdf:
        assert len(pdf.pages) == len(chosen.components)
    assert _separators(dialogs.answer)[0] == Separator(chosen.code, chosen.components[0].code)


def test_with_no_procedure_it_says_so_and_asks_for_no_file(qtbot, window, dialogs) -> None:
    _press_ctrl_p(qtbot, window)
    banner = window.banner  # stays until a dossier opens or the clerk dismisses it
    assert banner.isVisible() and "No procedure to print separator sheets for" in banner.text.text()
    assert dialogs.asked == [] and dialogs.opened == []


def test_a_folder_that_cannot_be_written_is_reported_and_nothing_opens(
    qtbot, window, store, catalog, dialogs, tmp_path
) -> None:
    dialogs.answer = tmp_path / "missing-folder" / "sheets.pdf"
    _take_up_dossier(qtbot, window, store, catalog)
    _press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=WAIT_MS)
    assert "missing-folder" in str(window.last_error.params["path"])
    assert dialogs.opened == [] and not window.separator_sheets.busy
