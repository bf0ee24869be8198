"""Analysis policy: every stored page analysed once or marked failed for good; the clerk's
edit wins; pages left unanalysed by a crash are found again."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

import app.analysis as analysis
from app.analysis import (
    Analysis,
    AnalysisQueue,
    AnalysisState,
    analyse_page,
    analyse_pending,
    analysis_state,
    clear_failed,
    left_over,
    left_over_pages,
    restore_blank_backs,
    skip_blank_back,
    skipped_blank_backs,
    unanalysed_pages,
)
from station.capture import PageOrigin, store_pixels
from station.errors import ErrorCode, StationError
from station.model import Page
from station.store import Store
from station.workflow import record_analysis, rotate_page
from station.workflow.finish import finish_dossier, page_job
from tests.station.pipeline.pages import virtual_page
from tests.station.workflow.support import CODE, DPI, new_dossier, scanned_page, tiny_page

PROFILE = "standard"


def test_a_stored_page_is_analysed_once(store, catalog) -> None:
    new_dossier(store, catalog)
    page = scanned_page(store, CODE, "A6", "TP1")
    assert analysis_state(page) is AnalysisState.PENDING
    result = analyse_page(store, page.id, PROFILE)
    assert result is not None and result.image is not None and not result.failed
    stored = store.page(page.id)
    assert stored.analysed_profile == PROFILE and stored.transforms == result.page.transforms
    assert analyse_page(store, page.id, PROFILE) is None  # once


def skewed_page(store: Store) -> Page:
    bgr = virtual_page(("seed", "3"), ("skew", "3"), ("noise", "0"), paper="A6", dpi=DPI)
    pixels = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return store_pixels(store, CODE, pixels, DPI, PageOrigin("virtual", "A6"))


def test_a_page_turned_during_its_analysis_is_analysed_again_under_the_turn(
    store, catalog, monkeypatch
) -> None:
    new_dossier(store, catalog)
    page = skewed_page(store)
    real = analysis.process_page
    calls = []

    def clerk_turns_it_meanwhile(*args, **kwargs):
        calls.append(args[3] if len(args) > 3 else kwargs.get("initial", ()))
        if len(calls) == 1:
            rotate_page(store, page.id, 1)
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "process_page", clerk_turns_it_meanwhile)
    queue = AnalysisQueue(store, lambda: PROFILE)  # no worker: the job runs at once
    queue.queue(page.id)
    kept = store.page(page.id)
    assert len(calls) == 2 and [t.kind for t in calls[1]] == ["orient"]  # from the turn
    assert analysis_state(kept) is AnalysisState.DONE and kept.analysed_profile == PROFILE
    kinds = [t.kind for t in kept.transforms]
    assert kinds[0] == "orient" and kept.transforms[0].params["rotation"] == 90  # the clerk's
    assert "deskew" in kinds  # and what the analysis found under it
    job = page_job(store, kept, PROFILE)
    assert job.replay and job.transforms == kept.transforms


def test_a_turn_landing_between_the_analysis_and_its_write_is_not_overwritten(
    store, catalog, monkeypatch
) -> None:
    """The write checks the transforms in its own transaction: a turn made after the analysis
    read the page and before it wrote is kept, and the page analysed again under it."""
    new_dossier(store, catalog)
    page = scanned_page(store, CODE, "A6")
    real = analysis.record_analysis
    turned = []

    def turn_just_before_the_write(*args, **kwargs):
        if not turned:
            turned.append(rotate_page(store, page.id, 2))
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "record_analysis", turn_just_before_the_write)
    result = analyse_page(store, page.id, PROFILE)
    assert result is not None and not result.failed
    kept = store.page(page.id)
    assert kept.transforms[0] == turned[0].transforms[0]  # the half turn stayed
    assert kept.analysed_profile == PROFILE


def test_the_analysis_write_is_refused_when_the_transforms_changed(store, catalog) -> None:
    new_dossier(store, catalog)
    page = scanned_page(store, CODE, "A6")
    rotate_page(store, page.id, 1)
    with pytest.raises(StationError) as refused:
        record_analysis(store, page.id, (), PROFILE, analysed=())
    assert refused.value.code is ErrorCode.PAGE_EDITED
    kept = store.page(page.id)
    assert [t.kind for t in kept.transforms] == ["orient"] and kept.analysed_profile is None


def test_a_failed_analysis_is_marked_for_good_and_not_queued_again(
    store, catalog, monkeypatch
) -> None:
    new_dossier(store, catalog)
    page = tiny_page(store, CODE)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the pipeline fell over")

    monkeypatch.setattr(analysis, "process_page", broken)
    result = analyse_page(store, page.id, PROFILE)
    assert result is not None and result.failed and result.image is None
    assert analysis_state(store.page(page.id)) is AnalysisState.FAILED
    assert unanalysed_pages(store) == []
    assert analyse_page(store, page.id, PROFILE) is None


def test_pages_left_unanalysed_are_found_in_open_dossiers_only(store, catalog) -> None:
    new_dossier(store, catalog)
    first, second = scanned_page(store, CODE, "A6", "TP1"), scanned_page(store, CODE, "A6", "KQ1")
    analyse_page(store, first.id, PROFILE)
    deleted = tiny_page(store, CODE)
    store.change_pages([analysis.PageChange(deleted.id, deleted=True)])
    assert [p.id for p in unanalysed_pages(store)] == [second.id]
    finish_dossier(store, catalog, CODE, profile="jpeg", workers=1)
    assert unanalysed_pages(store) == []


def test_analyse_pending_settles_every_page(store, catalog) -> None:
    new_dossier(store, catalog)
    pages = [scanned_page(store, CODE, "A6") for _ in range(3)]
    done = analyse_pending(store, PROFILE)
    assert sorted(r.page.id for r in done) == sorted(p.id for p in pages)
    assert {analysis_state(store.page(p.id)) for p in pages} == {AnalysisState.DONE}


@pytest.mark.parametrize("profile", ["jpeg", "standard"])
def test_a_page_marked_failed_is_analysed_again_when_its_dossier_is_finished(
    store, catalog, monkeypatch, profile
) -> None:
    new_dossier(store, catalog)
    pages = [scanned_page(store, CODE, "A6", "TP1"), scanned_page(store, CODE, "A6", "KQ1")]
    analysis.mark_failed(store, pages[0].id, profile)
    receipt = finish_dossier(store, catalog, CODE, profile=profile, workers=1)
    assert sum(f.pages for f in receipt.files) == 2


def test_the_queue_takes_each_page_once_until_its_job_reports_back(store, catalog) -> None:
    new_dossier(store, catalog)
    page = scanned_page(store, CODE, "A6")
    jobs = []
    queue = AnalysisQueue(store, lambda: PROFILE, lambda page_id, job: jobs.append((page_id, job)))
    assert queue.queue(page.id) and not queue.queue(page.id)
    assert queue.queue_all(left_over(store)) == 0  # the recovery at start asks again: no twice
    assert queue.pending == 1 and len(jobs) == 1
    page_id, job = jobs[0]
    assert job().page.analysed_profile == PROFILE
    queue.finished(page_id)
    assert queue.pending == 0 and left_over(store) == []


def test_without_a_worker_the_queue_runs_the_pages_left_over_at_once(store, catalog) -> None:
    new_dossier(store, catalog)
    pages = [scanned_page(store, CODE, "A6") for _ in range(2)]
    queue = AnalysisQueue(store, lambda: PROFILE)
    assert queue.queue_all(left_over(store)) == 2
    assert queue.pending == 0
    assert {analysis_state(store.page(p.id)) for p in pages} == {AnalysisState.DONE}


def test_a_failed_page_cleared_by_the_clerk_is_analysed_again(store, catalog, monkeypatch) -> None:
    new_dossier(store, catalog)
    failed, done = scanned_page(store, CODE, "A6"), scanned_page(store, CODE, "A6")
    analysis.mark_failed(store, failed.id, PROFILE)
    analyse_page(store, done.id, PROFILE)
    assert clear_failed(store, [failed.id, done.id]) == [failed.id]  # the analysed page stays
    assert analysis_state(store.page(failed.id)) is AnalysisState.PENDING
    assert store.page(done.id).analysed_profile == PROFILE
    result = analyse_page(store, failed.id, PROFILE)
    assert result is not None and not result.failed
    assert analysis_state(store.page(failed.id)) is AnalysisState.DONE


def _sided_page(store, side: str):
    pixels = np.full((60, 40), 250, np.uint8)
    return store_pixels(store, CODE, pixels, DPI, PageOrigin("virtual", "A6", side=side))


def test_the_side_a_page_was_scanned_from_is_kept_with_it(home, catalog) -> None:
    with Store.open(home) as store:
        new_dossier(store, catalog)
        back, front, imported = (_sided_page(store, side) for side in ("back", "front", ""))
    with Store.open(home) as store:  # a restart: nothing held in memory
        assert [store.page(p.id).side for p in (back, front, imported)] == ["back", "front", ""]


def test_blank_backs_are_told_by_the_stored_side_and_a_restored_one_stays(home, catalog) -> None:
    with Store.open(home) as store:
        new_dossier(store, catalog)
        back, front, imported = (_sided_page(store, side) for side in ("back", "front", ""))
        assert [skip_blank_back(store, Analysis(p, blank=True)) for p in (front, imported)] == [
            False, False
        ]  # fmt: skip
        assert not skip_blank_back(store, Analysis(back, blank=False))
        assert skip_blank_back(store, Analysis(back, blank=True))
        assert (
            skipped_blank_backs(store, CODE) == [back.id] and skipped_blank_backs(store, "x") == []
        )
    with Store.open(home) as store:  # a restart: the count and the restore come from the store
        assert skipped_blank_backs(store, CODE) == [back.id]
        assert restore_blank_backs(store, CODE) == [back.id]
        assert skipped_blank_backs(store, CODE) == []
        assert store.page(back.id).deleted_at is None
        assert not skip_blank_back(store, Analysis(back, blank=True))  # brought back: kept


def _leave_a_dead_writer(home, session_id: str) -> None:
    """What kill -9 leaves of a writer: its lock file, held by nobody."""
    (home / "sessions" / f"{session_id}.lock").write_text("")


def test_recovery_counts_every_page_a_killed_writer_stored_and_those_left_to_process(
    home, catalog
) -> None:
    with Store.open(home) as store:
        new_dossier(store, catalog)
        earlier = scanned_page(store, CODE, "A6")
        analyse_page(store, earlier.id, PROFILE)  # a closed session's page: not recovered
    with Store.open(home) as store:
        killed = store.session_id
        stored = [scanned_page(store, CODE, "A6") for _ in range(3)]
        analyse_page(store, stored[0].id, PROFILE)  # analysed before the kill
    _leave_a_dead_writer(home, killed)
    with Store.open(home) as store:
        assert store.recovery.dead_sessions == [killed]
        found = left_over_pages(store)
    assert found.page_ids == [p.id for p in stored[1:]]
    assert found.per_dossier == {CODE: 3} and found.recovered == 3


def test_pages_left_unanalysed_by_a_close_are_recovered_too(home, catalog) -> None:
    with Store.open(home) as store:
        new_dossier(store, catalog)
        left = scanned_page(store, CODE, "A6")  # stored while the window closed
    with Store.open(home) as store:
        found = left_over_pages(store)
    assert (found.page_ids, found.per_dossier) == ([left.id], {CODE: 1})
