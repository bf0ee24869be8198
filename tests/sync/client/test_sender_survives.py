"""The sender never dies: answers it cannot read are transient, odd Retry-After values are
bounded, and whatever else stops its loop, it starts again and resumes its job."""

from __future__ import annotations

import io
import json
import signal
import threading
import time
from datetime import UTC, datetime

import pytest
from filelock import FileLock

from sync.crashes import MAX_DETAIL, crash_detail
from sync.failures import MAX_RETRY_AFTER, retry_after_seconds
from sync.hub_connection import build_target
from sync.jobs import JobState
from sync.outbox import Outbox
from sync.settings import load_settings
from sync.supervisor import Restarts, supervise
from sync.worker import LOCK_NAME, TARGET_CONFIRMED, SyncWorker, WorkerOptions
from sync.worker_events import WorkerEventKind
from tests.sync.client.conftest import CLIENT_ID, FAST
from tests.sync.client.faults import FaultProxy
from tests.sync.client.scripted import captive_portal, scripted
from tests.sync.client.support import Recorder, file_hashes, hub_hashes, jobs_of
from ui.cli.main import main

QUICK_RESTARTS = WorkerOptions(
    backoff=FAST.backoff,
    poll_seconds=FAST.poll_seconds,
    heartbeat_seconds=FAST.heartbeat_seconds,
    chunk_size=FAST.chunk_size,
    restarts=Restarts(first=0.05, cap=0.2),
)


def _wait_for(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def proxy(hub):
    fault_proxy = FaultProxy(int(hub.url.rsplit(":", 1)[1]))
    yield fault_proxy
    fault_proxy.close()


def test_a_captive_portal_leaves_the_sender_alive_and_the_job_queued(station) -> None:
    station.finish()
    with scripted(captive_portal) as portal:
        station.connect(portal.url, "s3cr3t")
        worker = station.worker()
        recorder = Recorder()
        worker.subscribe(recorder)
        worker.start()
        try:
            assert _wait_for(lambda: len(recorder.of(WorkerEventKind.JOB_RETRY)) >= 3)
            assert worker.status().running
        finally:
            worker.stop()
    assert len(portal.received) < 100  # backed off, not hammering the portal
    assert WorkerEventKind.CRASHED not in recorder.kinds()
    retry = recorder.of(WorkerEventKind.JOB_RETRY)[0]
    assert retry.error_code == "sync_unexpected_answer"
    assert "HTTP 200, text/html" in retry.error_params["detail"]
    assert {j.state for j in jobs_of(station.home)} == {JobState.QUEUED}


def test_empty_200_answers_in_place_of_the_hubs_are_retried_until_the_hub_answers(
    station, hub, proxy
) -> None:
    jobs = station.finish()
    station.connect(proxy.url, hub.add_station(CLIENT_ID))
    proxy.faults.error_status = 200  # no JSON, no Upload-Offset, no Location
    proxy.faults.errors_left = 4
    recorder = Recorder()
    worker = station.worker()
    worker.subscribe(recorder)
    worker.run(until_idle=True, timeout=30)
    assert proxy.faults.errors_sent == 4
    assert len(recorder.of(WorkerEventKind.JOB_RETRY)) >= 1
    assert {j.state for j in jobs_of(station.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)


@pytest.mark.parametrize(
    "value", ["²", "99999999999999", "9" * 400, "Fri, 31 Dec 9999 23:59:59 -0000"]
)
def test_an_odd_retry_after_is_bounded_and_the_job_stays_queued(
    station, hub, proxy, value: str
) -> None:
    station.finish()
    station.connect(proxy.url, hub.add_station(CLIENT_ID))
    proxy.faults.error_status = 503
    proxy.faults.error_headers = {"Retry-After": value}
    proxy.faults.errors_left = 1000  # an unreadable value may mean "now": every try fails
    recorder = Recorder()
    worker = station.worker()
    worker.subscribe(recorder)
    worker.run(once=True)
    retries = recorder.of(WorkerEventKind.JOB_RETRY)
    assert retries and all(0 <= retry.delay <= MAX_RETRY_AFTER for retry in retries)
    states = {j.state for j in jobs_of(station.home)}
    assert states == {JobState.QUEUED}


def test_retry_after_is_read_as_seconds_or_a_date_and_capped_at_an_hour() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(" 7 ") == 7
    assert retry_after_seconds("²") is None
    assert retry_after_seconds("١٢") is None  # Arabic-Indic digits
    assert retry_after_seconds("99999999999999") == MAX_RETRY_AFTER
    assert retry_after_seconds("-5") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds("Fri, 31 Dec 9999 23:59:59 GMT") == MAX_RETRY_AFTER
    assert retry_after_seconds("Fri, 31 Dec 9999 23:59:59 -0000") == MAX_RETRY_AFTER
    assert retry_after_seconds("Mon, 99 Foo 2015 99:99:99 GMT") is None


def test_the_supervisor_restarts_a_crashed_run_with_a_growing_pause() -> None:
    stop = threading.Event()
    runs: list[int] = []
    crashes: list[tuple[str, float]] = []

    def run() -> None:
        runs.append(1)
        if len(runs) < 4:
            raise ValueError(f"crash {len(runs)}")
        stop.set()

    supervise(run, stop, lambda exc, delay: crashes.append((str(exc), delay)),
              Restarts(first=0.01, cap=0.02))  # fmt: skip
    assert len(runs) == 4
    assert crashes == [("crash 1", 0.01), ("crash 2", 0.02), ("crash 3", 0.02)]


def test_a_crashed_sender_reports_it_restarts_and_sends_the_job_once(station, hub) -> None:
    jobs = station.finish()
    station.connect(hub.url, hub.add_station(CLIENT_ID))
    crashes = []

    def checkpoint(name: str) -> None:
        if name == TARGET_CONFIRMED and len(crashes) < 2:
            crashes.append(name)
            raise RuntimeError("a bug between the hub's answer and the database")

    worker = SyncWorker(station.home, options=QUICK_RESTARTS, checkpoint=checkpoint)
    recorder = Recorder()
    worker.subscribe(recorder)
    worker.start()
    try:
        assert _wait_for(lambda: {j.state for j in jobs_of(station.home)} == {JobState.DONE})
    finally:
        worker.stop()
    crashed = recorder.of(WorkerEventKind.CRASHED)
    assert len(crashed) == 2
    assert crashed[0].error_params["detail"].startswith("RuntimeError: a bug")
    assert crashed[0].delay > 0
    assert hub_hashes(hub) == file_hashes(jobs)


def test_a_job_a_dead_sender_left_uploading_is_resumed(connected, hub) -> None:
    jobs = connected.finish()
    with Outbox.open(connected.home) as outbox:
        claimed = outbox.claim_next()  # the sender died right after this
        assert claimed is not None and outbox.get(claimed.id).state is JobState.UPLOADING
    connected.worker().run(until_idle=True, timeout=20)
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)


def _interrupt_when(condition, seconds: float = 90.0) -> threading.Thread:
    """Ctrl-C for `sohoa sync run` in this (the main) thread once `condition` holds, or after
    `seconds` whatever happens (the test then fails on what it finds instead of hanging)."""

    def holds() -> bool:
        try:
            return bool(condition())
        except Exception:  # the database busy with the sender this instant: look again
            return False

    def watch() -> None:
        try:
            _wait_for(holds, seconds)
        finally:
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    return watcher


def test_sync_run_restarts_a_crashed_sender_and_sync_status_shows_the_crash(
    connected, hub, capsys, monkeypatch, request
) -> None:
    jobs = connected.finish()
    real_mark_done = Outbox.mark_done
    crashes: list[int] = []

    def mark_done(outbox, job_id, now=None):
        if not crashes:  # a bug between the hub's answer and the database, once
            crashes.append(job_id)
            raise RuntimeError("lost the answer; Authorization: Bearer eyJ.s3cr3t.tok")
        return real_mark_done(outbox, job_id, now)

    monkeypatch.setattr(Outbox, "mark_done", mark_done)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    # Ctrl-C as a terminal gives it: Python's own handler, whatever an earlier test left there.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    watcher = _interrupt_when(lambda: {j.state for j in jobs_of(connected.home)} == {JobState.DONE})
    assert main(["sync", "run", "--json"]) == 0
    watcher.join()
    out, err = capsys.readouterr()
    assert crashes and {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
    assert hub_hashes(hub) == file_hashes(jobs)
    events = [json.loads(line) for line in out.splitlines()]
    crashed = [e for e in events if e["kind"] == "crashed"]
    assert len(crashed) == 1 and crashed[0]["delay"] > 0
    assert [e["kind"] for e in events].count("started") == 2  # ran again after the crash

    assert main(["sync", "status", "--json"]) == 0
    last = json.loads(capsys.readouterr().out)["last_crash"]
    assert last["detail"] == "RuntimeError: lost the answer; Authorization: Bearer ***"
    assert "s3cr3t" not in json.dumps(last)
    at = datetime.fromisoformat(last["at"])
    assert abs((datetime.now(UTC) - at).total_seconds()) < 60
    assert "bộ gửi" in last["message_vi"] and "sender's last crash" in last["message_en"]
    assert main(["sync", "status"]) == 0
    text = capsys.readouterr().out
    assert "Lần dừng do lỗi gần nhất của bộ gửi" in text and "The sender's last crash" in text
    assert "RuntimeError: lost the answer" in text


def test_sync_run_once_records_a_crash_and_fails(connected, capsys, monkeypatch) -> None:
    connected.finish()

    def mark_done(outbox, job_id, now=None):
        raise RuntimeError("a bug between the hub's answer and the database")

    monkeypatch.setattr(Outbox, "mark_done", mark_done)
    assert main(["sync", "run", "--once"]) != 0
    capsys.readouterr()
    assert main(["sync", "status", "--json"]) == 0
    last = json.loads(capsys.readouterr().out)["last_crash"]
    assert last["detail"] == "RuntimeError: a bug between the hub's answer and the database"
    assert {j.state for j in jobs_of(connected.home)} == {JobState.QUEUED}


def test_sync_status_says_nothing_of_crashes_when_there_was_none(connected, capsys) -> None:
    assert main(["sync", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["last_crash"] is None


def test_sync_run_ends_at_once_when_another_sender_holds_the_lock(
    connected, capsys, monkeypatch
) -> None:
    with FileLock(str(connected.home / LOCK_NAME), timeout=0):
        started = time.monotonic()
        assert main(["sync", "run"]) == 3
        assert time.monotonic() - started < 10  # not restarted in a loop
    err = capsys.readouterr().err
    assert "Một tiến trình đồng bộ khác đang chạy" in err
    assert "Another sync process is already running" in err
    assert main(["sync", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["last_crash"] is None


def test_a_crash_detail_keeps_no_secret() -> None:
    text = "ProxyError: http://clerk:hunter2@proxy:3128/ refused (token=abc123, Basic dXNlcg==)"
    detail = crash_detail(RuntimeError(text))
    assert "hunter2" not in detail and "abc123" not in detail and "dXNlcg" not in detail
    assert detail.startswith("RuntimeError: ProxyError: http://***@proxy:3128/")
    assert len(crash_detail(ValueError("x" * 5000))) == MAX_DETAIL


def test_only_the_hubs_own_answer_counts_as_the_hub_being_reachable(station, hub) -> None:
    """A captive portal answers every request with 200 and its page: the link "works", but
    nothing reaches the hub, and the sender must not say it is online."""
    with scripted(captive_portal) as portal:
        station.connect(portal.url, "s3cr3t")
        behind_portal = build_target(load_settings(station.store))
        assert behind_portal.reachable() is False
        assert [r.path for r in portal.received] == ["/api/v1/stations"]  # it was asked
        assert "Authorization" not in portal.received[0].headers  # no token, no secret
    station.connect(hub.url, hub.add_station(CLIENT_ID))
    assert build_target(load_settings(station.store)).reachable() is True
