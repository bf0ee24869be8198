"""The counter says when the chosen procedure's entry is unverified: beside the procedure while
it is picked and once the dossier is open, the reason in the tooltip; a verified one says
nothing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt

from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from station.model import SourceDocument, SourceKind
from tests.ui.gui.flow import WAIT_MS, type_text

VERIFIED = "1.000894"  # Đăng ký kết hôn, made verified for the test


@pytest.fixture
def catalog() -> Catalog:
    bundled = load_catalog([bundled_catalog_dir()]).procedures
    read = SourceDocument(
        "Quyết định công bố TTHC", SourceKind.ANNOUNCING, read_on=date(2026, 12, 4)
    )
    checked = dataclasses.replace(
        bundled[VERIFIED].provenance, verified=True, verified_on=date(2026, 12, 4),
        verified_by="Sở Tư pháp", reason="", documents=(read,),
    )  # fmt: skip
    return Catalog(
        {**bundled, VERIFIED: dataclasses.replace(bundled[VERIFIED], provenance=checked)}
    )


def _pick(qtbot, window, code: str, query: str) -> None:
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, code)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    type_text(panel.search, query)


def test_an_unverified_procedure_says_so_while_picked_and_once_open(qtbot, window) -> None:
    panel = window.dossier_panel
    _pick(qtbot, window, "HKD-01", "hộ kinh doanh")
    assert panel.chosen_procedure() == "1.001612"
    assert panel.trust.isVisible()
    assert panel.trust.text() == "⚠ Unverified: the papers may differ from the law in force"
    tip = panel.trust.toolTip()
    assert tip.startswith("Entry 1.001612 was not checked against the legal text")
    assert "NĐ 168/2025" in tip and "thuvienphapluat.vn" in tip  # read in an unofficial copy
    assert tip.endswith("Applies: 2025-07-01 to …")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    type_text(panel.applicant, "Lê Văn C")
    qtbot.keyClick(panel.applicant, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.id_number, "001090000001")
    qtbot.keyClick(panel.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.code == "HKD-01", timeout=WAIT_MS)
    assert panel.trust.isVisible() and "1.001612" in panel.trust.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dossier.code is None, timeout=WAIT_MS)
    assert not panel.trust.isVisible()


def test_a_verified_procedure_shows_no_warning(qtbot, window) -> None:
    panel = window.dossier_panel
    _pick(qtbot, window, "KH-01", "kết hôn")
    assert panel.chosen_procedure() == VERIFIED
    assert not panel.trust.isVisible() and panel.trust.toolTip() == ""
    panel.search.clear()
    type_text(panel.search, "khai sinh")
    assert panel.trust.isVisible()
