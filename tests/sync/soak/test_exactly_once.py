"""The acceptance test: 300 files through a misbehaving network and three power cuts.

A real hub (tokens live 5 s) sits behind a proxy that answers 500/502/503 with Retry-After,
resets connections mid-body and mid-answer, holds answers past the client's read timeout,
trickles them, and swaps in expired tokens. `sohoa sync run` runs as its own process and is
SIGKILLed at random moments while a file is in flight, then started again. In the end every
file is on the hub exactly once with the station's sha256, every manifest committed once,
and no local copy was removed before the hub confirmed it.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from sync.jobs import Job, JobKind, JobState
from sync.outbox import Outbox
from tests.helpers.hub import running_hub
from tests.sync.soak.http_faults import FaultPlan, HttpFaultProxy
from tests.sync.soak.station_data import (
    MB,
    SizePlan,
    draw_sizes,
    finish_random,
    finish_scanned,
    group_into_dossiers,
)
from tests.sync.soak.station_process import StationProcess

SEED = int(os.environ.get("SOHOA_SOAK_SEED", "766"))
FILES = 300
SCANNED_DOSSIERS = 2  # finished from virtual scans: 2 PDFs each
TOKEN_TTL = 5
READ_TIMEOUT = 3.0
KILLS = 3
RATES = {
    "error": 0.02,
    "reset_body": 0.03,
    "reset_response": 0.01,
    "timeout": 0.002,
    "slow": 0.01,
    "expired_token": 0.01,
}
CLIENT_ID = "ST-SOAK-01"
TOKEN_REFUSED = "token refused (401)"
TOKEN_NEW = "access token received"
RETRY_LINE = re.compile(r"job \d+: (sync_\w+); again in")
DRAIN_LIMIT = 480.0  # seconds for the whole run; a hang fails instead of blocking the suite


@pytest.mark.slow
def test_every_file_reaches_the_hub_exactly_once_through_faults_and_power_cuts(
    tmp_path: Path, store, catalog, home: Path
) -> None:
    rng = random.Random(SEED)
    started = time.monotonic()
    jobs = _queue_dossiers(store, catalog, rng)
    files = [j for j in jobs if j.kind is JobKind.FILE]
    manifests = [j for j in jobs if j.kind is JobKind.MANIFEST]
    sizes = sorted(j.size for j in files)
    print(
        f"\nseed {SEED}: {len(files)} files in {len(manifests)} dossiers,"
        f" {sum(sizes) / MB:.0f} MB, {sizes[0] / 1024:.0f} KB .. {sizes[-1] / MB:.1f} MB,"
        f" {sum(s >= 40 * MB for s in sizes)} of 40 MB or more;"
        f" queued in {time.monotonic() - started:.1f} s"
    )
    assert len(files) == FILES

    with running_hub(tmp_path / "hub", token_ttl=TOKEN_TTL) as hub:
        plan = FaultPlan(SEED, RATES, READ_TIMEOUT, TOKEN_TTL)
        proxy = HttpFaultProxy(int(hub.url.rsplit(":", 1)[1]), plan)
        secret_file = tmp_path / "client-secret"
        station = StationProcess(home, tmp_path, READ_TIMEOUT, backoff_cap=1.0)
        try:
            station.sohoa(
                "sync", "login", "--url", proxy.url, "--client-id", CLIENT_ID,
                "--secret-file", str(secret_file), stdin=hub.add_station(CLIENT_ID) + "\n",
            )  # fmt: skip
            station.sohoa("sync", "configure", "--retention-days", "0")
            assert secret_file.stat().st_mode & 0o077 == 0
            plan.enabled = True
            sending = time.monotonic()
            kills = _send_with_power_cuts(station, home, rng, sending + DRAIN_LIMIT)
            sent_in = time.monotonic() - sending
            plan.enabled = False
            status = station.sohoa("sync", "status")
            station.start("--once")  # a fresh start purges what the hub confirmed
            assert station.wait(60) == 0
        finally:
            station.stop()
            proxy.close()
        hub_db = hub.config.sqlite_path
        uploads_dir = hub.config.uploads_dir / CLIENT_ID

    print(
        f"sent in {sent_in:.1f} s ({sum(sizes) / MB / sent_in:.1f} MB/s) over"
        f" {station.runs - 1} sync processes; killed mid-file: {kills}"
    )
    print(f"{plan.requests} requests, faults injected: {dict(sorted(plan.injected.items()))}")
    log = station.log_text()
    retries = Counter(RETRY_LINE.findall(log))
    print(
        f"client: retries by reason {dict(sorted(retries.items()))},"
        f" tokens refused (401) {log.count(TOKEN_REFUSED)}, tokens fetched {log.count(TOKEN_NEW)}"
    )
    assert status["counts"] == {"queued": 0, "uploading": 0, "done": len(jobs), "failed": 0}
    assert len(kills) == KILLS and all(k.startswith("job ") for k in kills), kills
    assert log.count(TOKEN_REFUSED) > 0  # expired tokens were refused and replaced
    assert sum(plan.injected.values()) > 0 and all(plan.injected[name] for name in RATES)
    _assert_hub_holds_each_file_once(hub_db, uploads_dir, files)
    _assert_each_manifest_committed_once(hub_db, manifests)
    _assert_local_copies_purged_after_confirmation(home)


def _queue_dossiers(store, catalog, rng: random.Random) -> list[Job]:
    jobs: list[Job] = []
    for number in range(1, SCANNED_DOSSIERS + 1):
        jobs += finish_scanned(store, catalog, number)
    scanned = sum(j.kind is JobKind.FILE for j in jobs)
    sizes = draw_sizes(SizePlan(FILES - scanned), rng)
    for number, group in enumerate(group_into_dossiers(sizes, rng), start=SCANNED_DOSSIERS + 1):
        jobs += finish_random(store, catalog, number, group, rng)
    return jobs


def _send_with_power_cuts(
    station: StationProcess, home: Path, rng: random.Random, deadline: float
) -> list[str]:
    """Run, SIGKILL mid-file `KILLS` times, run again; returns what each cut interrupted."""
    kills: list[str] = []
    while True:
        station.start()
        if len(kills) < KILLS:
            cut_at = time.monotonic() + rng.uniform(2.0, 8.0)
            while time.monotonic() < cut_at:
                _check_no_early_purge(home)
                time.sleep(0.1)
            in_flight = _wait_in_flight(home, time.monotonic() + 10)
            # A cut of a process that has already gone would prove nothing.
            assert station.alive(), "sync run exited:\n" + station.log_text()[-3000:]
            station.kill()
            kills.append(in_flight)
            continue
        while not _drained(home):
            assert station.alive(), "sync run exited:\n" + station.log_text()[-3000:]
            assert time.monotonic() < deadline, "queue not drained in time"
            _check_no_early_purge(home)
            time.sleep(0.25)
        station.stop()
        return kills


def _wait_in_flight(home: Path, until: float) -> str:
    """A job part-way through its file (else any job being sent), as 'job N at X of Y'."""
    fallback = "no upload in flight"
    while time.monotonic() < until:
        with Outbox.open(home) as outbox:
            sending = outbox.jobs(JobState.UPLOADING)
        for job in sending:
            if 0 < job.sent_bytes < job.size:
                return f"job {job.id} at {job.sent_bytes / MB:.0f} of {job.size / MB:.0f} MB"
        if sending:
            fallback = f"job {sending[0].id} ({sending[0].kind}) starting"
        time.sleep(0.02)
    return fallback


def _drained(home: Path) -> bool:
    with Outbox.open(home) as outbox:
        counts = outbox.status().counts
    assert counts["failed"] == 0, "a job was parked"
    return counts["queued"] == 0 and counts["uploading"] == 0


def _check_no_early_purge(home: Path) -> None:
    """Missing local copies first, states second: a file gone must belong to a done job."""
    with Outbox.open(home) as outbox:
        paths = {j.path for j in outbox.jobs() if j.kind is JobKind.FILE}
        missing = {p for p in paths if not outbox.layout.absolute(p).exists()}
        if not missing:
            return
        states = {j.path: j.state for j in outbox.jobs() if j.path in missing}
    assert set(states.values()) <= {JobState.DONE}, f"purged before confirmation: {states}"


def _assert_hub_holds_each_file_once(hub_db: Path, uploads_dir: Path, files: list[Job]) -> None:
    conn = sqlite3.connect(hub_db)
    try:
        rows = conn.execute(
            "SELECT idempotency_key, upload_id, state, sha256, length FROM uploads"
        ).fetchall()
    finally:
        conn.close()
    keys = Counter(row[0] for row in rows)
    assert keys == Counter(j.idempotency_key for j in files)  # one row per key, no stranger
    wanted = {j.idempotency_key: j for j in files}
    on_disk = {p.stem for p in uploads_dir.glob("*.bin")}
    assert on_disk == {row[1] for row in rows}  # one data file per key
    for key, upload_id, state, sha256, length in rows:
        job = wanted[key]
        assert (state, sha256, length) == ("complete", job.sha256, job.size)
        assert _sha256(uploads_dir / f"{upload_id}.bin") == job.sha256


def _assert_each_manifest_committed_once(hub_db: Path, manifests: list[Job]) -> None:
    conn = sqlite3.connect(hub_db)
    try:
        committed = Counter(r[0] for r in conn.execute("SELECT manifest_id FROM manifests"))
        dossiers = conn.execute("SELECT dossier_code, manifest_id FROM dossiers").fetchall()
    finally:
        conn.close()
    assert committed == Counter(j.idempotency_key for j in manifests)
    assert sorted(dossiers) == sorted((j.dossier_code, j.idempotency_key) for j in manifests)


def _assert_local_copies_purged_after_confirmation(home: Path) -> None:
    with Outbox.open(home) as outbox:
        done = outbox.jobs()
        layout = outbox.layout
    for job in done:
        assert job.state is JobState.DONE
        if job.kind is JobKind.FILE:
            assert job.purged_at is not None and job.done_at is not None
            assert job.done_at <= job.purged_at
            assert not layout.absolute(job.path).exists()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(4 * MB):
            digest.update(block)
    return digest.hexdigest()
