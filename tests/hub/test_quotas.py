"""Per-station quotas: uploads open, bytes declared in them, one upload's size; incomplete
uploads expire (tus Expiration) and are cleaned; live tokens per station are bounded."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from email.utils import parsedate_to_datetime

import pytest
import requests

from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import Front, connect, fetch_token


@pytest.fixture
def hub(tmp_path, front: Front) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as direct, front(direct) as handle:
        yield handle


def test_open_uploads_bytes_in_flight_and_upload_size_are_capped_per_station(
    tmp_path, store_front
) -> None:
    store, front = store_front
    limits = {"max_open_uploads": 3, "max_bytes_in_flight": 10_000, "max_upload_size": 6_000}
    limits.update(store)
    with running_hub(tmp_path / "hub", **limits) as direct, front(direct) as hub:
        a, b = connect(hub, "ST-A"), connect(hub, "ST-B")
        assert a.create(b"x" * 6_001, "big").status_code == 413
        assert [a.create(b"x" * 10, f"k{i}").status_code for i in range(3)] == [201] * 3
        refused = a.create(b"x" * 10, "k3")
        assert (refused.status_code, refused.json()) == (429, {"error": "quota_exceeded"})
        assert refused.headers["Retry-After"]
        assert a.create(b"x" * 10, "k0").status_code == 201  # the same upload again is fine
        assert b.create(b"y" * 6_000, "b0").status_code == 201  # another station's own quota
        assert b.create(b"y" * 4_001, "b1").status_code == 429  # 10 001 bytes in flight
        a.upload(b"x" * 10, "k0")  # finishing one frees its place
        assert a.create(b"x" * 10, "k3").status_code == 201


def test_an_incomplete_upload_expires_and_is_cleaned(tmp_path, store_front) -> None:
    store, front = store_front
    with running_hub(tmp_path / "hub", upload_ttl=1, **store) as direct, front(direct) as hub:
        station = connect(hub, "ST-A")
        created = station.create(b"abc", "k1")
        expires = parsedate_to_datetime(created.headers["Upload-Expires"])
        assert expires.tzinfo is not None
        url = created.headers["Location"]
        time.sleep(1.2)
        head = requests.head(url, headers=station.tus_headers(), timeout=10)
        assert head.status_code == 410
        assert station.create(b"defg", "k2").status_code == 201  # sweeps the expired one
        assert requests.head(url, headers=station.tus_headers(), timeout=10).status_code == 404
        files = list((hub.data_dir / "uploads" / "ST-A").glob("*.bin"))
        assert len(files) == 1
        again = station.create(b"abc", "k1")
        assert again.status_code == 201 and again.headers["Upload-Offset"] == "0"


def test_a_station_holds_at_most_ten_live_tokens(hub) -> None:
    secret = hub.add_station("ST-A")
    tokens = [fetch_token(hub, "ST-A", secret) for _ in range(12)]
    with closing(sqlite3.connect(hub.config.sqlite_path)) as db:
        (live,) = db.execute("SELECT count(*) FROM tokens WHERE client_id = 'ST-A'").fetchone()
    assert live == 10
    newest = {"Authorization": f"Bearer {tokens[-1]}"}
    assert requests.get(hub.url + "/api/v1/stations", headers=newest, timeout=10).ok
