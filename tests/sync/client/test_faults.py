"""Exactly once through faults: cut connections, 503s, expired tokens, the network gone."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from sync.hub_connection import build_target
from sync.jobs import JobState
from sync.outbox import Outbox
from sync.worker_events import WorkerEventKind
from tests.sync.client.conftest import CHUNK, CLIENT_ID
from tests.sync.client.faults import FaultProxy
from tests.sync.client.support import Recorder, file_hashes, hub_copies, hub_hashes, jobs_of

STARTED, DONE = WorkerEventKind.JOB_STARTED, WorkerEventKind.JOB_DONE


@pytest.fixture
def proxy(hub):
    fault_proxy = FaultProxy(int(hub.url.rsplit(":", 1)[1]))
    yield fault_proxy
    fault_proxy.close()


@pytest.fixture
def behind_proxy(station, hub, proxy):
    station.connect(proxy.url, hub.add_station(CLIENT_ID))
    return station


def test_a_connection_cut_mid_upload_resumes_from_the_servers_offset(
    behind_proxy, hub, proxy
) -> None:
    jobs = behind_proxy.finish()
    proxy.faults.cut_after = 100_000  # well into the first file's PATCHes
    worker = behind_proxy.worker()
    recorder = Recorder()
    worker.subscribe(recorder)
    worker.run(until_idle=True, timeout=30)
    assert proxy.faults.cuts == 1
    assert {j.state for j in jobs_of(behind_proxy.home)} == {JobState.DONE}
    # The cut moved the offset, so the upload carried on from the hub's offset at once: no
    # retry, no offline, and the bytes sent only ever grew.
    assert WorkerEventKind.JOB_RETRY not in recorder.kinds()
    assert WorkerEventKind.OFFLINE not in recorder.kinds()
    for job in jobs:
        sent = [e.sent for e in recorder.of(WorkerEventKind.JOB_PROGRESS) if e.job_id == job.id]
        assert sent == sorted(sent)
    assert hub_hashes(hub) == file_hashes(jobs)  # one copy of each, intact


def test_a_503_with_retry_after_is_honoured(behind_proxy, hub, proxy) -> None:
    jobs = behind_proxy.finish()
    proxy.faults.error_status = 503
    proxy.faults.error_headers = {"Retry-After": "1"}
    proxy.faults.errors_left = 2
    recorder = Recorder()
    worker = behind_proxy.worker()
    worker.subscribe(recorder)
    started = time.monotonic()
    worker.run(until_idle=True, timeout=30)
    assert proxy.faults.errors_sent == 2
    first, second = proxy.faults.error_times
    assert second - first >= 0.95  # backoff alone (cap 0.4 s) would have come back sooner
    assert time.monotonic() - started >= 1.9
    retries = recorder.of(WorkerEventKind.JOB_RETRY)
    assert [r.error_code for r in retries] == ["sync_server_busy"] * 2
    assert all(r.delay >= 1 for r in retries)
    assert {j.state for j in jobs_of(behind_proxy.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)


def test_a_refused_token_is_replaced_and_the_request_repeated(connected, hub) -> None:
    jobs = connected.finish()
    with Outbox.open(connected.home) as outbox:
        target = build_target(outbox.settings(), chunk_size=CHUNK)
    tokens = target.http.tokens
    tokens.token()
    tokens._token = "revoked-or-from-a-restarted-hub"  # the hub answers 401 for it
    worker = connected.worker()
    worker._given_target = worker._target = target
    worker.run(until_idle=True, timeout=20)
    assert tokens._token != "revoked-or-from-a-restarted-hub"
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)
    target.close()


def test_while_offline_jobs_wait_and_go_out_when_the_network_returns(
    behind_proxy, hub, proxy
) -> None:
    jobs = behind_proxy.finish()
    proxy.faults.down = True
    worker = behind_proxy.worker()
    recorder = Recorder()
    worker.subscribe(recorder)
    worker.start()
    deadline = time.monotonic() + 10
    while len(recorder.of(WorkerEventKind.JOB_RETRY)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert WorkerEventKind.OFFLINE in recorder.kinds()
    states = {j.state for j in jobs_of(behind_proxy.home)}
    assert states <= {JobState.QUEUED, JobState.UPLOADING}
    assert hub_copies(hub) == []
    proxy.faults.down = False
    done = threading.Event()
    worker.subscribe(lambda e: done.set() if e.kind is WorkerEventKind.JOB_DONE else None)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if {j.state for j in jobs_of(behind_proxy.home)} == {JobState.DONE}:
            break
        time.sleep(0.1)
    worker.stop()
    assert WorkerEventKind.ONLINE in recorder.kinds()
    assert {j.state for j in jobs_of(behind_proxy.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)


def test_an_explicit_proxy_setting_is_used(connected, hub) -> None:
    from sync.settings import save_settings

    connected.finish()
    save_settings(connected.store, proxy="http://127.0.0.1:9")  # nothing listens there
    connected.worker().run(once=True)
    jobs = jobs_of(connected.home)
    assert {j.state for j in jobs} == {JobState.QUEUED}
    assert jobs[0].error_code == "sync_offline"
    assert hub_copies(hub) == []
    save_settings(connected.store, proxy=None)
    connected.worker().run(until_idle=True, timeout=20)
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}


def test_a_link_that_cuts_every_connection_still_delivers_each_dossier_whole_and_in_order(
    behind_proxy, hub, proxy
) -> None:
    jobs = behind_proxy.finish() + behind_proxy.finish("D-2")
    proxy.faults.cut_each_between = (0, 3 * CHUNK)  # each connection dies within 3 PATCHes
    worker = behind_proxy.worker()
    recorder = Recorder()
    worker.subscribe(recorder)
    worker.run(until_idle=True, timeout=60)
    assert proxy.faults.cuts > 3
    assert {j.state for j in jobs_of(behind_proxy.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)
    # The hub answers between cuts, so the link is never "offline"; an attempt that moved
    # the offset is followed by the next one at once (only a cut in a request that carries no
    # file, a token or a HEAD, costs a backoff).
    assert WorkerEventKind.OFFLINE not in recorder.kinds()
    retries = recorder.of(WorkerEventKind.JOB_RETRY)
    assert sum(e.delay == 0 for e in retries) >= len(retries) / 2
    # One job at a time, oldest first: each job is done before the next one first starts, so
    # the first dossier is whole before the second starts.
    ids = [j.id for j in jobs]
    assert sorted(ids) == ids
    steps = [(e.kind, e.job_id) for e in recorder.events if e.kind in (STARTED, DONE)]
    assert {i for _, i in steps} == set(ids)
    for job, following in itertools.pairwise(ids):
        done = steps.index((DONE, job))
        assert done < steps.index((STARTED, following)), steps
        assert all(i == job for _, i in steps[steps.index((STARTED, job)) : done]), steps
