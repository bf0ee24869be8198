"""Racing requests on SQLite: the idempotency checks hold under parallel requests."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from tests.hub.conftest import commit_until_answered, manifest_for

DATA = os.urandom(20_000)


def test_parallel_creates_with_one_key_share_one_upload(station) -> None:
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: station.create(DATA, "K-race"), range(8)))
    assert {a.status_code for a in answers} == {201}
    assert len({a.headers["Location"] for a in answers}) == 1
    assert len(list(station.hub.data_dir.glob("uploads/*/*.bin"))) == 1


def test_parallel_commits_of_one_manifest_publish_it_once(station) -> None:
    station.upload(DATA, "K-1")
    manifest = manifest_for({"K-1": DATA})
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: commit_until_answered(station, manifest), range(8)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert len(station.get("/api/v1/dossiers").json()) == 1
    station_dir = station.hub.data_dir / "dossiers" / "ST-01"
    assert [p.name for p in station_dir.iterdir()] == [manifest["dossier_code"]]
