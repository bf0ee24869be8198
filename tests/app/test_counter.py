"""The counter session: one active dossier, its component target, next citizen."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.capture import Target
from app.counter import (
    CounterSession,
    ScanRunning,
    dossier_to_resume,
    find_dossier,
    scan_target,
)
from station.errors import ErrorCode, StationError
from station.model import DossierState
from tests.station.workflow.support import CODE, new_dossier

OTHER = "000.00.14.H05-251122-0002"


def test_opening_a_dossier_makes_it_the_one_pages_go_to(store, catalog) -> None:
    remembered = []
    counter = CounterSession(catalog, remembered.append)
    counter.open(new_dossier(store, catalog))
    counter.set_component("TP1")
    assert (counter.code, counter.procedure.code, counter.component) == (CODE, "1.010041", "TP1")
    assert counter.target_for(CODE)() == Target(CODE, "TP1")
    assert remembered == [CODE]


def test_next_citizen_closes_the_dossier_and_resets_the_component(store, catalog) -> None:
    remembered = []
    counter = CounterSession(catalog, remembered.append)
    counter.open(new_dossier(store, catalog))
    counter.set_component("KQ1")
    target = counter.target_for(CODE)
    counter.next_citizen()
    assert (counter.dossier, counter.component) == (None, None)
    assert target() is None  # a batch still running stops taking pages
    assert remembered == [CODE, ""]


def test_switching_dossiers_keeps_one_active_and_resets_the_component(store, catalog) -> None:
    counter = CounterSession(catalog)
    counter.open(new_dossier(store, catalog))
    counter.set_component("TP1")
    first = counter.target_for(CODE)
    counter.open(new_dossier(store, catalog, OTHER))
    assert (counter.code, counter.component) == (OTHER, None)
    assert first() is None
    assert counter.target_for(OTHER)() == Target(OTHER, None)


def test_reopening_the_same_dossier_keeps_the_component(store, catalog) -> None:
    counter = CounterSession(catalog)
    dossier = new_dossier(store, catalog)
    counter.open(dossier)
    counter.set_component("TP1")
    counter.open(dossier)
    assert counter.component == "TP1"


def test_an_unknown_component_or_a_finished_dossier_is_refused(store, catalog) -> None:
    counter = CounterSession(catalog)
    dossier = new_dossier(store, catalog)
    counter.open(dossier)
    with pytest.raises(StationError) as unknown:
        counter.set_component("ZZ9")
    assert unknown.value.code is ErrorCode.UNKNOWN_COMPONENT
    with pytest.raises(StationError) as finished:
        counter.open(replace(dossier, state=DossierState.FINISHED))
    assert finished.value.code is ErrorCode.DOSSIER_FINISHED


def test_resume_takes_the_remembered_dossier_else_the_latest_open(store, catalog) -> None:
    assert dossier_to_resume(store, "") is None
    new_dossier(store, catalog)
    new_dossier(store, catalog, OTHER)
    assert dossier_to_resume(store, CODE).code == CODE
    assert dossier_to_resume(store, "GONE").code in {CODE, OTHER}
    assert find_dossier(store, "GONE") is None


def test_scan_target_checks_the_component(store, catalog) -> None:
    new_dossier(store, catalog)
    assert scan_target(store, catalog, f" {CODE} ", "TP1").code == CODE
    with pytest.raises(StationError) as error:
        scan_target(store, catalog, CODE, "ZZ9")
    assert error.value.code is ErrorCode.UNKNOWN_COMPONENT


def test_no_other_dossier_and_no_next_citizen_while_a_batch_runs_into_the_active_one(
    store, catalog
) -> None:
    counter = CounterSession(catalog)
    dossier = new_dossier(store, catalog)
    other = new_dossier(store, catalog, OTHER)
    counter.open(dossier)
    target = counter.start_batch()
    assert counter.scanning and target() == Target(CODE, None)
    with pytest.raises(ScanRunning):
        counter.open(other)
    with pytest.raises(ScanRunning):
        counter.next_citizen()
    counter.open(dossier)  # the same dossier again is no switch
    assert counter.code == CODE and target() == Target(CODE, None)
    counter.end_batch()
    counter.open(other)
    assert counter.code == OTHER and target() is None


def test_a_batch_with_no_dossier_goes_where_its_receipt_says(store, catalog) -> None:
    counter = CounterSession(catalog)
    dossier = new_dossier(store, catalog)
    other = new_dossier(store, catalog, OTHER)
    target = counter.start_batch()
    assert counter.scanning and target() == Target(None)  # the first page is read for a code
    counter.claim_batch(CODE)
    counter.claim_batch(OTHER)  # only the first receipt names the batch's dossier
    assert target() == Target(CODE)  # named, not shown yet: no component
    with pytest.raises(ScanRunning):
        counter.open(other)
    counter.open(dossier)  # the window shows the receipt's dossier
    counter.set_component("TP1")
    assert target() == Target(CODE, "TP1")
    counter.end_batch()
    assert target() is None
