"""The grid marks a page waiting for its analysis ("Processing") and a page whose analysis failed
("Not processed", with the rescan advice); Ctrl+E or the context menu tries a failed page again.
Back sides recovered at start are skipped when blank, as in a live scan, and counted."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

import app.analysis as analysis
from app.analysis import AnalysisState, analysis_state
from app.capture import CaptureRequest, capture, fixed_target
from drivers.bridge import InProcessBridge
from drivers.contract import Source
from station.dossiers import DossierRequest, open_dossier
from tests.app.support import batch
from tests.ui.gui.flow import (
    WAIT_MS,
    choose_scan,
    open_new_dossier,
    press_on_grid,
    scan_with_f5,
    settle,
)
from ui.pages.model import ANALYSIS_ROLE

CODE = "000.00.15.H29-250101-0071"


class Pipeline:
    """The real pipeline behind a gate: pages wait until it opens; `fail` breaks it."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.fail = False
        self._real = analysis.process_page

    def __call__(self, *args, **kwargs):
        if not self.gate.wait(WAIT_MS / 1000):
            raise TimeoutError("the test never opened the gate")
        if self.fail:
            raise RuntimeError("the pipeline fell over")
        return self._real(*args, **kwargs)


@pytest.fixture
def pipeline(monkeypatch):
    gated = Pipeline()
    monkeypatch.setattr(analysis, "process_page", gated)
    yield gated
    gated.gate.set()


def _states(window) -> list[AnalysisState | None]:
    model = window.pages.model
    found = [model.index(row).data(ANALYSIS_ROLE) for row in range(model.rowCount())]
    return [AnalysisState(state) if state else None for state in found]


def _menu_key(grid) -> None:
    """The keyboard's menu key, as the window system turns it into a context menu request on
    the page with the keyboard (QTest's key clicks skip that step)."""
    at = grid.visualRect(grid.currentIndex()).center()
    reason = QContextMenuEvent.Reason.Keyboard
    QApplication.sendEvent(
        grid.viewport(), QContextMenuEvent(reason, at, grid.viewport().mapToGlobal(at))
    )


def _strip_colour(window, row: int) -> QColor:
    """The colour painted across the foot of the page's thumbnail, beside its label."""
    grid = window.grid
    cell = grid.visualRect(grid.model().index(row))
    shot = grid.viewport().grab().toImage()
    # The delegate's thumbnail area starts 8 px into the cell and is 200 px high.
    return shot.pixelColor(cell.left() + 10, cell.top() + 8 + 196)


def test_pages_are_marked_while_they_wait_and_when_their_analysis_failed(
    qtbot, window, store, pipeline
) -> None:
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Đỗ Văn P", "001090000007")
    choose_scan(window, dpi=100, source="adf", options="sheets=2")
    scan_with_f5(qtbot, window, 2)
    assert _states(window) == [AnalysisState.PENDING] * 2
    tip = window.pages.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Processing" in tip
    grey = _strip_colour(window, 0)
    assert max(grey.red(), grey.green(), grey.blue()) < 140  # a dark strip across the page

    pipeline.fail = True
    pipeline.gate.set()
    qtbot.waitUntil(lambda: _states(window) == [AnalysisState.FAILED] * 2, timeout=WAIT_MS)
    assert all(analysis_state(p) is AnalysisState.FAILED for p in store.pages(CODE))
    tip = window.pages.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Could not be processed — rescan?" in tip
    amber = _strip_colour(window, 0)
    assert amber.red() > 180 and amber.blue() < 90  # the warning strip, not the page
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: "Could not be processed" in window.page_note.text(), timeout=WAIT_MS)
    assert window.page_note.isVisible()

    # The clerk tries again: the first page from its context menu, the second with Ctrl+E.
    pipeline.fail = False
    _menu_key(window.grid)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=WAIT_MS)
    menu = QApplication.activePopupWidget()
    first = menu.actions()[0]
    assert first is window.page_actions.process_again
    assert menu.actions()[1] is window.page_actions.rescan
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: menu.activeAction() is first, timeout=WAIT_MS)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _states(window)[0] is None, timeout=WAIT_MS)
    assert _states(window)[1] is AnalysisState.FAILED

    window.activateWindow()  # the menu closed: a window manager gives the window back its keys
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    press_on_grid(qtbot, window, Qt.Key.Key_End)
    press_on_grid(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _states(window) == [None, None], timeout=WAIT_MS)
    settle(qtbot, window)
    profile = window.scan.profile()
    assert [p.analysed_profile for p in store.pages(CODE)] == [profile, profile]
    assert "Could not be processed" not in window.page_note.text()


def test_blank_backs_recovered_at_start_are_skipped_and_counted(
    qtbot, store, catalog, tmp_path, pipeline
) -> None:
    open_dossier(store, catalog, DossierRequest(CODE, "1.001193", "Lê Văn Q"))
    settings = replace(batch(2, 100, ("seed", "8")), source=Source.DUPLEX)
    bridge = InProcessBridge()
    try:  # stored while the window was closed (or by `sohoa scan`): nothing analysed yet
        ended = capture(bridge, store, CaptureRequest("virtual", settings, fixed_target(CODE)))
    finally:
        bridge.close()
    assert ended.pages == 4
    assert [p.side for p in store.pages(CODE)] == ["front", "back", "front", "back"]

    from ui.window.main_window import MainWindow
    from ui.window.services import create_services

    services = create_services(store, catalog, user_config=tmp_path / "gui.json")
    window = MainWindow(services)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        notice = window.status.recovered
        qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
        assert f"Recovered 4 pages of dossier {CODE} " in notice.text()
        assert "; 4 still being processed" in notice.text()  # the pipeline is held back
        pipeline.gate.set()
        qtbot.waitUntil(lambda: len(store.deleted_pages(CODE)) == 2, timeout=60000)
        settle(qtbot, window)
        assert [p.side for p in store.deleted_pages(CODE)] == ["back", "back"]
        assert [p.side for p in store.pages(CODE)] == ["front", "front"]
        qtbot.waitUntil(lambda: "; all processed" in notice.text(), timeout=WAIT_MS)

        if window.dossier.code != CODE:  # not taken up at start: the clerk opens it
            panel = window.dossier_panel
            qtbot.keyClicks(panel.code, CODE)
            qtbot.keyClick(panel.code, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: window.dossier.code == CODE, timeout=WAIT_MS)
        button = window.blank_backs_button
        qtbot.waitUntil(button.isVisible, timeout=WAIT_MS)
        assert "2 blank back sides skipped" in button.text()
    finally:
        window.scan.cancel()
        services.tasks.wait()
        services.close()
