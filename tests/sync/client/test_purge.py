"""Confirmed local copies go after the retention period; unconfirmed ones never do."""

from __future__ import annotations

from datetime import timedelta

from station.model import utc_now
from sync.jobs import JobKind, JobState
from sync.outbox import Outbox
from sync.purge import purge_confirmed
from sync.settings import save_settings
from tests.sync.client.support import jobs_of

OTHER = "000.00.14.H05-251122-0002"


def test_purge_removes_only_confirmed_files_past_the_retention(connected, hub) -> None:
    sent = connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    waiting = connected.finish(OTHER)  # queued, never sent
    sent_files = [connected.home / j.path for j in sent if j.kind is JobKind.FILE]
    waiting_files = [connected.home / j.path for j in waiting if j.kind is JobKind.FILE]
    with Outbox.open(connected.home) as outbox:
        assert purge_confirmed(outbox, retention_days=7) == []  # too early
        assert all(p.exists() for p in sent_files)
        later = utc_now() + timedelta(days=8)
        removed = purge_confirmed(outbox, retention_days=7, now=later)
    assert sorted(removed) == sorted(j.path for j in sent if j.kind is JobKind.FILE)
    assert not any(p.exists() for p in sent_files)
    assert all(p.exists() for p in waiting_files)
    assert not sent_files[0].parent.exists()  # the dossier's empty folder went too
    purged = [j for j in jobs_of(connected.home) if j.purged_at is not None]
    assert {j.state for j in purged} == {JobState.DONE}


def test_the_worker_purges_with_zero_retention_but_keeps_parked_files(connected, hub) -> None:
    jobs = connected.finish()
    victim = next(j for j in jobs if j.kind is JobKind.FILE)
    (connected.home / victim.path).write_bytes(b"changed")  # parks it
    save_settings(connected.store, retention_days=0)
    connected.worker().run(until_idle=True, timeout=20)
    connected.worker().run(once=True)  # housekeeping on an idle start
    states = {j.id: j for j in jobs_of(connected.home)}
    assert states[victim.id].state is JobState.FAILED
    assert (connected.home / victim.path).exists()
    other = next(j for j in jobs if j.kind is JobKind.FILE and j.id != victim.id)
    assert states[other.id].state is JobState.DONE
    assert not (connected.home / other.path).exists()
