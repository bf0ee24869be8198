"""Analysis policy: every stored page analysed once or marked failed for good; the clerk's
edit wins; pages left unanalysed by a crash are found again."""

from __future__ import annotations

import pytest

import app.analysis as analysis
from app.analysis import (
    AnalysisQueue,
    AnalysisState,
    analyse_page,
    analyse_pending,
    analysis_state,
    left_over,
    unanalysed_pages,
)
from station.workflow import rotate_page
from station.workflow.finish import finish_dossier
from tests.station.workflow.support import CODE, new_dossier, scanned_page, tiny_page

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


def test_the_clerks_edit_made_during_the_analysis_wins(store, catalog, monkeypatch) -> None:
    new_dossier(store, catalog)
    page = scanned_page(store, CODE, "A6")
    real = analysis.process_page

    def clerk_turns_it_meanwhile(*args, **kwargs):
        rotate_page(store, page.id, 1)
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "process_page", clerk_turns_it_meanwhile)
    assert analyse_page(store, page.id, PROFILE) is None
    kept = store.page(page.id)
    assert [t.kind for t in kept.transforms] == ["orient"]
    assert kept.analysed_profile is None


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
