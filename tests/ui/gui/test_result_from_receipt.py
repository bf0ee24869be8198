"""The result screen with no dossier open takes the dossier from its receipt: the receipt on
top of the result in the virtual feeder (F5), or imported (Ctrl+I). The receipt's QR opens the
finished dossier and is not kept as a result page; a receipt naming no finished dossier is
refused with a message and nothing stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.analysis import processed_pixels
from station.codes import read_codes
from station.dossiers import DossierRequest, open_dossier
from station.model import DossierState
from tests.station.workflow.support import CODE
from tests.ui.gui.flow import WAIT_MS
from tests.ui.gui.result_support import (
    coded_sheet,
    finished_dossier,
    import_with_ctrl_i,
    shown_screen,
)

OTHER = "000.00.14.H05-251122-0002"
UNKNOWN = "000.00.14.H05-251122-0099"


def _awaiting_codes(screen) -> list[str]:
    tree = screen.awaiting
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def _feeder(services, sheets: int, first: Path) -> None:
    options = f"sheets={sheets} insert=1:{first}"
    services.settings.update(device="virtual", paper="A4", dpi=150, mode="gray", source="adf",
                             options=options, profile="jpeg")  # fmt: skip


def _result_pages(store, code: str) -> list:
    return [p for p in store.pages(code) if p.result]


def test_the_receipt_on_top_opens_the_finished_dossier_and_the_result_follows_it(
    qtbot, services, store, catalog, tmp_path
) -> None:
    finished_dossier(store, catalog, CODE)
    finished_dossier(store, catalog, OTHER)
    _feeder(services, 3, coded_sheet(tmp_path / "sheets", CODE))
    screen = shown_screen(qtbot, services)
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [CODE, OTHER], timeout=WAIT_MS)
    assert screen.import_button.text().startswith("Import receipt")

    screen.pages.setFocus()
    qtbot.keyClick(screen.pages, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.pages.count() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.controller.scanning, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    assert screen.controller.current.dossier.code == CODE and CODE in screen.about.text()
    pages = _result_pages(store, CODE)
    assert [p.component_code for p in pages] == ["KQ1", "KQ1"]  # the two sheets after it
    assert all(not read_codes(processed_pixels(store, p)) for p in pages)  # no receipt among them
    assert screen.import_button.text().startswith("Import PDF")

    qtbot.keyClick(screen.pages, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=WAIT_MS)
    assert screen.last_error is None, screen.last_error
    assert [(f.component_code, f.pages) for f in screen.last_outcome.receipt.files] == [("KQ1", 2)]
    qtbot.waitUntil(lambda: _awaiting_codes(screen) == [OTHER], timeout=WAIT_MS)

    # Esc: no dossier open again; the next citizen's receipt alone opens theirs.
    qtbot.keyClick(screen.pages, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.controller.current is None, timeout=WAIT_MS)
    assert screen.components.count() == 0 and screen.focusWidget() is screen.code
    _feeder(services, 1, coded_sheet(tmp_path / "other", OTHER, seed=6))
    qtbot.keyClick(screen.code, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.controller.scanning, timeout=WAIT_MS)
    assert screen.controller.current.dossier.code == OTHER
    assert _result_pages(store, OTHER) == [] and screen.pages.count() == 0
    services.tasks.wait()


def test_a_first_sheet_without_a_code_stores_nothing_and_says_so(
    qtbot, services, store, catalog, tmp_path
) -> None:
    finished_dossier(store, catalog, CODE)
    plain = coded_sheet(tmp_path / "sheets", "not a dossier code")
    _feeder(services, 3, plain)
    screen = shown_screen(qtbot, services)
    qtbot.keyClick(screen.code, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "carries no dossier code" in screen.status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.controller.scanning, timeout=WAIT_MS)
    assert screen.controller.current is None and screen.components.count() == 0
    assert _result_pages(store, CODE) == []
    assert store.dossier(CODE).state is DossierState.FINISHED
    services.tasks.wait()


def test_a_receipt_of_an_open_dossier_is_refused_and_its_pages_are_not_stored(
    qtbot, services, store, catalog, tmp_path
) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", clerk_id="lan"))
    _feeder(services, 3, coded_sheet(tmp_path / "sheets", CODE))
    screen = shown_screen(qtbot, services)
    qtbot.keyClick(screen.code, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.last_error is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not screen.controller.scanning, timeout=WAIT_MS)
    assert "not finished at reception" in screen.status.text()
    assert screen.controller.current is None and store.pages(CODE) == []
    services.tasks.wait()


def test_an_imported_receipt_opens_its_finished_dossier_and_an_unknown_one_is_named(
    qtbot, services, store, catalog, tmp_path
) -> None:
    finished_dossier(store, catalog, CODE)
    screen = shown_screen(qtbot, services)
    import_with_ctrl_i(qtbot, screen, coded_sheet(tmp_path / "unknown", UNKNOWN))
    qtbot.waitUntil(lambda: screen.last_error is not None, timeout=WAIT_MS)
    assert UNKNOWN in screen.status.text() and "was not found" in screen.status.text()
    assert screen.controller.current is None

    receipt = coded_sheet(tmp_path / "receipt", CODE, seed=7, format_name="Code128")
    import_with_ctrl_i(qtbot, screen, receipt)
    qtbot.waitUntil(lambda: screen.components.count() == 2, timeout=WAIT_MS)
    assert screen.controller.current.dossier.code == CODE
    assert _result_pages(store, CODE) == []  # the receipt is not a result page
    services.tasks.wait()
