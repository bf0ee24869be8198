"""A page the clerk turns (R) while its analysis runs keeps the turn and is still cropped and
straightened in the same session: its analysis runs again under the turn."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

import app.analysis as analysis
from app.analysis import AnalysisState, analysis_state
from tests.ui.gui.flow import WAIT_MS, choose_scan, open_new_dossier, settle

CODE = "000.00.15.H29-250101-0091"


def test_a_page_turned_while_it_is_analysed_is_analysed_again_under_the_turn(
    qtbot, window, store, monkeypatch
) -> None:
    real = analysis.process_page
    started, turned = threading.Event(), threading.Event()
    calls = []

    def held_until_turned(*args, **kwargs):  # the first analysis waits for the clerk's key
        calls.append(args[3] if len(args) > 3 else ())
        if len(calls) == 1:
            started.set()
            turned.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "process_page", held_until_turned)
    open_new_dossier(qtbot, window, CODE, "ket hon", "Ngô Mai", "")
    choose_scan(window, dpi=100, source="flatbed", options="seed=3 skew=3")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    [page] = store.pages(CODE)
    assert analysis_state(page) is AnalysisState.PENDING

    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_R)  # a quarter turn, while the analysis runs
    qtbot.waitUntil(lambda: bool(store.page(page.id).transforms), timeout=WAIT_MS)
    turned.set()
    settle(qtbot, window)

    kept = store.page(page.id)
    kinds = [t.kind for t in kept.transforms]
    assert analysis_state(kept) is AnalysisState.DONE, kinds
    assert kinds[0] == "orient" and kept.transforms[0].params["rotation"] == 90  # the clerk's
    assert "crop" in kinds  # cropped (and levelled, its angle) under it
    assert len(calls) == 2 and [t.kind for t in calls[1]] == ["orient"]
