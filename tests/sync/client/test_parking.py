"""Permanent refusals park a job with a reason; retry-now puts it back; a mismatch is never done."""

from __future__ import annotations

from sync.jobs import JobKind, JobState
from sync.outbox import Outbox
from sync.settings import save_settings
from sync.worker_events import WorkerEventKind
from tests.helpers.hub import running_hub
from tests.sync.client.conftest import CLIENT_ID
from tests.sync.client.support import Recorder, file_hashes, hub_copies, hub_hashes, jobs_of


def test_a_permanent_refusal_parks_the_job_and_retry_now_sends_it(station, tmp_path) -> None:
    jobs = station.finish()
    data_dir = tmp_path / "hub"
    with running_hub(data_dir, max_upload_size=200_000) as small:  # the first PDF is larger
        station.connect(small.url, small.add_station(CLIENT_ID))
        station.worker().run(until_idle=True, timeout=20)
    by_kind = {(j.kind, j.size > 200_000): j for j in jobs_of(station.home)}
    parked = by_kind[(JobKind.FILE, True)]
    assert parked.state is JobState.FAILED
    assert parked.error_code == "sync_rejected"
    assert parked.error_params["status"] == "413"
    assert by_kind[(JobKind.FILE, False)].state is JobState.DONE
    assert by_kind[(JobKind.MANIFEST, False)].state is JobState.QUEUED  # waits for its files
    with Outbox.open(station.home) as outbox:
        assert outbox.status().last_error["code"] == "sync_rejected"
        assert outbox.retry(parked.id).state is JobState.QUEUED

    with running_hub(data_dir) as fixed:  # same hub data, the limit raised
        save_settings(station.store, url=fixed.url)
        station.worker().run(until_idle=True, timeout=20)
        assert {j.state for j in jobs_of(station.home)} == {JobState.DONE}
        assert hub_hashes(fixed) == file_hashes(jobs)


def test_a_file_the_hub_hashes_differently_is_never_done(connected, hub) -> None:
    jobs = connected.finish()
    victim = next(j for j in jobs if j.kind is JobKind.FILE)
    path = connected.home / victim.path
    original = path.read_bytes()
    recorder = Recorder()

    def change_the_tail_mid_upload(event) -> None:
        if event.kind is WorkerEventKind.JOB_PROGRESS and event.job_id == victim.id:
            data = bytearray(path.read_bytes())
            data[-10:] = b"X" * 10
            path.write_bytes(bytes(data))

    worker = connected.worker()
    worker.subscribe(recorder)
    worker.subscribe(change_the_tail_mid_upload)
    worker.run(until_idle=True, timeout=20)
    job = next(j for j in jobs_of(connected.home) if j.id == victim.id)
    assert job.state is JobState.FAILED
    assert job.error_code == "sync_checksum_mismatch"
    assert job.error_params["expected"] == victim.sha256
    assert WorkerEventKind.JOB_FAILED in recorder.kinds()
    assert len(hub_copies(hub)) == 2  # the hub keeps what it got, flagged corrupt

    path.write_bytes(original)  # the clerk restores the file, then retries: the hub restarts
    with Outbox.open(connected.home) as outbox:
        outbox.retry(victim.id)
    connected.worker().run(until_idle=True, timeout=20)
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)


def test_a_file_changed_after_finishing_is_not_sent(connected, hub) -> None:
    jobs = connected.finish()
    victim = next(j for j in jobs if j.kind is JobKind.FILE)
    (connected.home / victim.path).write_bytes(b"%PDF-1.4 tampered")
    connected.worker().run(until_idle=True, timeout=20)
    job = next(j for j in jobs_of(connected.home) if j.id == victim.id)
    assert (job.state, job.error_code) == (JobState.FAILED, "sync_local_file_changed")
    assert len(hub_copies(hub)) == 1
