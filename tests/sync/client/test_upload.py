from __future__ import annotations

from station.model import DossierState
from sync.enqueue import enqueue_dossier
from sync.jobs import JobKind, JobState
from tests.station.workflow.support import CODE
from tests.sync.client.support import file_hashes, hub_copies, hub_hashes, jobs_of


def test_a_finished_dossier_arrives_once_with_matching_hashes(connected, hub) -> None:
    jobs = connected.finish()
    assert [j.kind for j in jobs] == [JobKind.FILE, JobKind.FILE, JobKind.MANIFEST]
    connected.worker().run(until_idle=True, timeout=20)
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)
    assert connected.store.dossier(CODE).state is DossierState.SYNCED
    assert (hub.data_dir / "dossiers").exists()


def test_queueing_a_dossier_again_adds_no_job(connected) -> None:
    first = connected.finish()
    again = enqueue_dossier(connected.store, connected.catalog, CODE)
    assert [j.id for j in again] == [j.id for j in first]
    assert len(jobs_of(connected.home)) == 3


def test_a_second_run_after_success_sends_nothing_more(connected, hub) -> None:
    jobs = connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    with_retry = jobs_of(connected.home)
    connected.worker().run(once=True)
    assert jobs_of(connected.home) == with_retry
    assert len(hub_copies(hub)) == len(file_hashes(jobs))


def test_a_paused_worker_sends_nothing_until_resumed(connected, hub) -> None:
    import time

    from sync.worker_events import WorkerEventKind
    from tests.sync.client.support import Recorder

    connected.finish()
    worker = connected.worker()
    recorder = Recorder()
    worker.subscribe(recorder)
    worker.pause()
    worker.start()
    time.sleep(0.5)
    assert worker.status().paused and worker.status().running
    assert hub_copies(hub) == []
    worker.resume()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(recorder.of(WorkerEventKind.JOB_DONE)) < 3:
        time.sleep(0.05)
    worker.stop()
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert not worker.status().running
    assert (
        recorder.kinds()[0] is WorkerEventKind.PAUSED
        and WorkerEventKind.STOPPED in recorder.kinds()
    )
