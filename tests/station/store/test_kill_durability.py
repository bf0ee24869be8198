"""A page acknowledged as stored survives SIGKILL of the writer at any moment."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from station.model import PageIntegrity
from station.store import Store
from tests.conftest import REPO

PAGES = 200
CODE = "000.00.14.H05-251122-0042"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is a POSIX signal")


def _start_writer(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.page_writer", str(home), CODE, str(PAGES)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


RECOVERED = {"temp": 0, "orphans": 0}


def _collect_acks(proc: subprocess.Popen[str], acked: dict[str, str]) -> threading.Thread:
    def read() -> None:
        for line in proc.stdout:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ACK":
                acked[parts[1]] = parts[2]
            elif len(parts) == 3 and parts[0] == "RECOVERY":
                RECOVERED["temp"] += int(parts[1])
                RECOVERED["orphans"] += int(parts[2])

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _run_until_killed(home: Path, acked: dict[str, str], rng: random.Random) -> bool:
    """One writer run; returns True when it was killed, False when it finished on its own."""
    proc = _start_writer(home)
    reader = _collect_acks(proc, acked)
    # Kill after a random number of fresh acknowledgements plus a random sliver of time, so the
    # signal lands anywhere: mid-write, between rename and commit, or between commit and print.
    target = len(acked) + rng.randint(1, 40)
    deadline = time.monotonic() + 60
    while len(acked) < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    time.sleep(rng.uniform(0.0, 0.004))
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    reader.join(timeout=10)
    if not killed:
        assert proc.returncode == 0, proc.stderr.read()
    return killed


@pytest.mark.slow
def test_every_acknowledged_page_survives_sigkill(home: Path) -> None:
    seed = int(os.environ.get("SOHOA_KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    acked: dict[str, str] = {}
    kills = 0
    for _run in range(60):
        if not _run_until_killed(home, acked, rng):
            break
        kills += 1
    assert kills >= 3, f"seed {seed}: writer finished before it could be killed three times"
    print(f"seed {seed}: {kills} kills, {len(acked)} acknowledged, recovered {RECOVERED}")

    with Store.open(home) as store:
        pages = {page.id: page for page in store.pages(CODE)}
        assert len(pages) == PAGES, f"seed {seed}"
        for page_id, sha in acked.items():
            page = pages[page_id]
            data = (home / page.original.path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha == page.sha256, f"seed {seed}"
            assert page.integrity is PageIntegrity.OK
        assert [p.order for p in store.pages(CODE)] == list(range(1, PAGES + 1))
    leftovers = [p for p in (home / "pages").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []

    check = subprocess.run(
        [sys.executable, "-m", "ui.cli.main", "check", "--json"],
        cwd=REPO,
        env={**os.environ, "SOHOA_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    report = json.loads(check.stdout)
    assert report["clean"] is True and report["pages"] == PAGES
