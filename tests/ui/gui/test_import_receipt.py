"""Ctrl+I with no dossier open: the receipt imported first opens the dossier its code names
(created when new, taken up when open), the files go there and the status bar says so; a
first page naming no dossier is refused with nothing stored."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from station.dossiers import DossierRequest, open_dossier
from tests.station.codes.synth import PageSpec, make_page
from tests.ui.gui.flow import WAIT_MS, import_with_ctrl_i, settle, type_text

CODE = "000.00.14.H05-251204-0063"
DPI = 200


def _receipt(folder: Path, name: str = "1-receipt.png") -> Path:
    folder.mkdir(exist_ok=True)
    pixels = make_page(PageSpec(CODE, "QRCode", DPI, 5, "gray", None, 0, 0, 11))
    Image.fromarray(pixels).save(folder / name, dpi=(DPI, DPI))
    return folder / name


def _form(folder: Path, name: str = "2-form.png") -> Path:
    folder.mkdir(exist_ok=True)
    Image.fromarray(np.full((500, 350, 3), 235, np.uint8)).save(folder / name, dpi=(DPI, DPI))
    return folder / name


def test_the_receipt_opens_a_new_dossier_with_its_code(qtbot, window, store, tmp_path) -> None:
    assert window.dossier.code is None
    folder = tmp_path / "files"
    _receipt(folder)
    _form(folder)
    import_with_ctrl_i(qtbot, window, folder)
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    message = window.statusBar().currentMessage()
    assert f"New dossier from the receipt: {CODE}" in message and "Imported 2 pages" in message
    assert CODE in window.windowTitle()
    assert [d.code for d in store.dossiers()] == [CODE]
    assert [p.source_device for p in store.pages(CODE)] == [
        "import:1-receipt.png",
        "import:2-form.png",
    ]
    settle(qtbot, window)


def test_an_open_dossier_named_by_the_receipt_is_taken_up(
    qtbot, window, store, catalog, tmp_path
) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Trần Thị H"))
    _receipt(tmp_path / "files")
    import_with_ctrl_i(qtbot, window, tmp_path / "files")
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    assert window.dossier.procedure is not None and window.dossier.procedure.code == "1.001193"
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    assert f"Dossier from the receipt: {CODE}" in window.statusBar().currentMessage()
    assert len(store.dossiers()) == 1 and len(store.pages(CODE)) == 1
    settle(qtbot, window)


def test_a_first_page_without_a_code_is_refused_and_nothing_is_stored(
    qtbot, window, store, tmp_path
) -> None:
    folder = tmp_path / "files"
    _form(folder, "1-form.png")
    _receipt(folder, "2-receipt.png")
    import_with_ctrl_i(qtbot, window, folder)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    assert window.banner.isVisible() and "carries no dossier code" in window.banner.text.text()
    assert window.dossier.code is None and store.dossiers() == []
    assert window.focusWidget() is window.dossier_panel.code  # ready for the code


def test_the_dossier_the_receipt_created_is_completed_from_the_form(
    qtbot, window, store, tmp_path
) -> None:
    """The new dossier has no procedure: the form asks for it, and Enter through the form keeps
    the pages in the dossier, now ready to tag."""
    folder = tmp_path / "files"
    _receipt(folder)
    _form(folder)
    import_with_ctrl_i(qtbot, window, folder)
    panel = window.dossier_panel
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.importer.busy, timeout=WAIT_MS)
    assert window.focusWidget() is panel.search
    assert "choose its procedure" in window.statusBar().currentMessage()
    assert panel.open_button.text() == "Complete dossier" and panel.search.isVisible()
    qtbot.keyClicks(panel.search, "dang ky khai sinh")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    type_text(panel.applicant, "Đỗ Văn K")
    qtbot.keyClick(panel.applicant, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.id_number, "001090000017")
    qtbot.keyClick(panel.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.procedure is not None, timeout=WAIT_MS)
    assert window.dossier.procedure.code == "1.001193" and window.dossier.code == CODE
    qtbot.waitUntil(lambda: window.focusWidget() is window.grid, timeout=WAIT_MS)  # to tag
    assert "Đỗ Văn K" in panel.summary.text() and not panel.search.isVisible()
    [dossier] = store.dossiers()
    assert (dossier.procedure_code, dossier.applicant_id_number) == ("1.001193", "001090000017")
    assert len(store.pages(CODE)) == 2
    settle(qtbot, window)
