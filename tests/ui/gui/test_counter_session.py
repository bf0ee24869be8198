"""The counter session through the real window: Ctrl+N closes the active dossier, and files
imported from the menu go into the active one like scanned pages."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from app.analysis import AnalysisState, analysis_state
from station.dossiers import DossierRequest, open_dossier
from tests.ui.gui.flow import WAIT_MS

CODE = "000.00.15.H29-250101-0011"


def _open(qtbot, window, store, catalog) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Trần Thị E"))
    window.dossier.panel.code.setText(CODE)
    window.dossier.code_entered()
    qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)


def test_next_dossier_closes_the_active_one_and_resets_the_component(
    qtbot, window, store, catalog
) -> None:
    _open(qtbot, window, store, catalog)
    first = window.dossier.procedure.components[0].code
    window.tagging.set_sticky(first)
    assert window.services.counter.component == first
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.dossier.code is None
    assert window.services.counter.component is None
    assert window.tagging.sticky is None
    assert window.services.settings.value.last_dossier == ""
    assert window.pages.model.rowCount() == 0


def test_imported_files_go_into_the_active_dossier_and_are_analysed(
    qtbot, window, store, catalog, tmp_path: Path
) -> None:
    _open(qtbot, window, store, catalog)
    path = tmp_path / "scan.png"
    buffer = io.BytesIO()
    Image.fromarray(np.full((300, 200, 3), 230, np.uint8)).save(buffer, "PNG", dpi=(150, 150))
    path.write_bytes(buffer.getvalue())
    assert window.importer.start([path])
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 1, timeout=WAIT_MS)
    [page] = store.pages(CODE)
    assert page.source_device == "import:scan.png"
    qtbot.waitUntil(
        lambda: analysis_state(store.page(page.id)) is not AnalysisState.PENDING, timeout=WAIT_MS
    )
