"""Separator sheets in the one scan loop (app/capture.py, app/separators.py), with the virtual
scanner feeding printed sheets: the batch keeps the switch until the clerk picks another
component; a counter's target is switched where the counter keeps it."""

from __future__ import annotations

from itertools import count

import pytest

from app.capture import CaptureRequest, Target, capture
from app.counter import CounterSession
from app.separators import SeparatorOutcome, SeparatorRead, checklist_order
from drivers.bridge import InProcessBridge
from station.codes.sheets import separator_sheets
from station.dossiers import DossierRequest, open_dossier
from tests.app.support import Recorder, batch
from tests.station.workflow.support import CODE

PROCEDURE = "1.001193"  # khai sinh: TP1 … TP8, KQ1, KQ2


@pytest.fixture
def bridge():
    opened = InProcessBridge()
    yield opened
    opened.close()


@pytest.fixture
def sheets(tmp_path, catalog):
    path = tmp_path / "sheets.pdf"
    path.write_bytes(separator_sheets(catalog.get(PROCEDURE), patch_t=True))
    return path


def new_dossier(store, catalog):
    return open_dossier(store, catalog, DossierRequest(CODE, PROCEDURE))[0]


def test_a_clerks_pick_after_a_separator_wins_over_it(bridge, store, catalog, sheets) -> None:
    new_dossier(store, catalog)
    procedure = catalog.get(PROCEDURE)
    calls = count(1)
    # the clerk presses the key for TP5 while the third sheet is scanned
    target = lambda: Target(CODE, "TP1" if next(calls) <= 2 else "TP5", procedure)  # noqa: E731
    settings = batch(4, 100, ("insert", f"1:{sheets}#2"), paper="A4")
    ended = capture(bridge, store, CaptureRequest("virtual", settings, target), Recorder())
    assert ended.pages == 3
    assert [p.component_code for p in store.pages(CODE)] == ["TP2", "TP5", "TP5"]


def test_the_counter_is_switched_and_patch_t_follows_the_checklist(
    bridge, store, catalog, sheets
) -> None:
    dossier = new_dossier(store, catalog)
    counter = CounterSession(catalog)
    counter.open(dossier)
    counter.set_component("TP2")
    events = Recorder()
    patch_t = len(catalog.get(PROCEDURE).components) + 1
    settings = batch(3, 100, ("insert", f"2:{sheets}#{patch_t}"), paper="A4")
    capture(bridge, store, CaptureRequest("virtual", settings, counter.start_batch()), events)
    order = checklist_order(catalog.get(PROCEDURE))
    following = order[order.index("TP2") + 1]
    assert counter.component == following
    (read,) = events.of(SeparatorRead)
    assert (read.sheet, read.outcome, read.component) == (2, SeparatorOutcome.NEXT, following)
    assert [p.component_code for p in store.pages(CODE)] == ["TP2", following]
