"""Result addenda through the soak test's misbehaving network and a power cut: each of 20
results reaches the hub exactly once, and never before its dossier's own commit."""

from __future__ import annotations

import random
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from station.workflow import finish_dossier
from station.workflow.results import finish_result, open_for_result
from sync.enqueue import enqueue_dossier, enqueue_result
from sync.jobs import JobKind
from tests.helpers.hub import running_hub
from tests.station.workflow.support import new_dossier, tiny_page
from tests.sync.soak.http_faults import FaultPlan, HttpFaultProxy
from tests.sync.soak.station_process import StationProcess
from tests.sync.soak.test_exactly_once import RATES, READ_TIMEOUT, TOKEN_TTL, _drained

DOSSIERS = 20
CLIENT_ID = "ST-SOAK-RESULTS"
SEED = 4_2


def _code(number: int) -> str:
    return f"000.00.14.H05-261104-{number:04d}"


def _queue(store, catalog) -> list[str]:
    """Each dossier queued at reception, then its result queued after it, as at the counter."""
    addenda = []
    for number in range(1, DOSSIERS + 1):
        code = _code(number)
        new_dossier(store, catalog, code)
        tiny_page(store, code, "TP1")
        finish_dossier(store, catalog, code, profile="jpeg", workers=1)
        enqueue_dossier(store, catalog, code)
        open_for_result(store, catalog, code)
        tiny_page(store, code, "KQ1", shade=90)
        receipt = finish_result(store, catalog, code, profile="jpeg", workers=1)
        enqueue_result(store, catalog, code, receipt.addendum_id)
        addenda.append(receipt.addendum_id)
    return addenda


@pytest.mark.slow
def test_result_addenda_arrive_once_and_after_their_dossier(
    tmp_path: Path, store, catalog, home: Path
) -> None:
    addenda = _queue(store, catalog)
    rng = random.Random(SEED)
    with running_hub(tmp_path / "hub", token_ttl=TOKEN_TTL) as hub:
        plan = FaultPlan(SEED, RATES, READ_TIMEOUT, TOKEN_TTL)
        proxy = HttpFaultProxy(int(hub.url.rsplit(":", 1)[1]), plan)
        station = StationProcess(home, tmp_path, READ_TIMEOUT, backoff_cap=1.0)
        try:
            station.sohoa(
                "sync", "login", "--url", proxy.url, "--client-id", CLIENT_ID,
                "--secret-file", str(tmp_path / "secret"), stdin=hub.add_station(CLIENT_ID) + "\n",
            )  # fmt: skip
            plan.enabled = True
            station.start()
            time.sleep(rng.uniform(1.0, 3.0))
            station.kill()  # a power cut while results and dossiers are in flight
            station.start()
            deadline = time.monotonic() + 240
            while not _drained(home):
                assert station.alive(), station.log_text()[-3000:]
                assert time.monotonic() < deadline, "queue not drained in time"
                time.sleep(0.25)
            station.stop()
        finally:
            station.stop()
            proxy.close()
        hub_db = hub.config.sqlite_path
    conn = sqlite3.connect(hub_db)
    try:
        results = conn.execute("SELECT addendum_id, dossier_code, committed_at FROM results")
        committed = results.fetchall()
        dossiers = dict(conn.execute("SELECT dossier_code, min(committed_at) FROM manifests"
                                     " GROUP BY dossier_code").fetchall())  # fmt: skip
    finally:
        conn.close()
    assert Counter(row[0] for row in committed) == Counter(addenda)  # each once, none missing
    for _, code, at in committed:
        assert dossiers[code] <= at, f"{code}: result committed before its dossier"
    assert sum(plan.injected.values()) > 0
    kinds = Counter(j.kind for j in _jobs(home))
    assert kinds[JobKind.RESULT] == DOSSIERS


def _jobs(home: Path):
    from sync.outbox import Outbox

    with Outbox.open(home) as outbox:
        return outbox.jobs()
