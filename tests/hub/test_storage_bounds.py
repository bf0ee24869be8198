"""What a station can make the hub keep is bounded: only the latest metrics snapshots of each
station stay, each 64 KiB at most, and an upload the disk cannot take with the hub's margin
left is refused (507) before any byte of it is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import requests
from click.testing import CliRunner

from hub.cli import hub_group
from hub.db import open_database
from tests.helpers.hub import HubHandle, running_hub, served_hub
from tests.hub.conftest import StationClient, connect, encode_metadata, fetch_token, file_metadata

GIB = 1024**3


def _report(client: StationClient, n: int) -> requests.Response:
    body = {"station_id": client.station_id, "at": "2026-11-20T09:00:00Z", "snapshot": {"n": n}}
    return client.post("/api/v1/metrics", json=body)


def _kept(hub: HubHandle, station: str) -> list[int]:
    """The `n` of each snapshot the hub holds for `station`, as its database says."""
    db = open_database(hub.config.dsn, hub.config.sqlite_path)
    with db.transaction() as session:
        rows = session.query(
            "SELECT snapshot_json FROM metrics WHERE station_id = ? ORDER BY received_at",
            (station,),
        )
    return [json.loads(row["snapshot_json"])["n"] for row in rows]


def test_only_the_latest_metrics_snapshots_of_each_station_are_kept(
    tmp_path: Path, store: dict[str, Any]
) -> None:
    with running_hub(tmp_path / "hub", metrics_kept=3, **store) as hub:
        a, b = connect(hub, "ST-A"), connect(hub, "ST-B")
        assert _report(b, 100).status_code == 204
        assert [_report(a, n).status_code for n in range(7)] == [204] * 7
        assert _kept(hub, "ST-A") == [4, 5, 6]
        assert _kept(hub, "ST-B") == [100]  # another station's own history is left alone
        facts = {"store_id": "0" * 32, "after": 0}
        body = {"station_id": "ST-A", "at": "2026-11-20T09:05:00Z", "snapshot": {"n": 7}}
        assert a.post("/api/v1/metrics", json={**body, "facts": facts}).status_code == 200
        assert _kept(hub, "ST-A") == [5, 6, 7]


def _snapshot_of(size: int, n: int) -> dict[str, Any]:
    """A snapshot whose JSON (as the hub measures it, json.dumps) is exactly `size` bytes."""
    snapshot: dict[str, Any] = {"n": n, "pad": ""}
    snapshot["pad"] = "x" * (size - len(json.dumps(snapshot)))
    assert len(json.dumps(snapshot)) == size
    return snapshot


def test_a_metrics_snapshot_above_64_kib_is_refused_and_not_kept(
    tmp_path: Path, store: dict[str, Any]
) -> None:
    """Ten 2 MB snapshots once grew the database by 20 MB: one is now 64 KiB at most, with or
    without facts, and a refused one leaves nothing behind."""
    with running_hub(tmp_path / "hub", **store) as hub:
        a = connect(hub, "ST-A")
        body = {"station_id": "ST-A", "at": "2026-11-20T09:00:00Z"}
        fits = a.post("/api/v1/metrics", json={**body, "snapshot": _snapshot_of(64 * 1024, 1)})
        assert fits.status_code == 204, fits.text
        for extra in ({}, {"facts": {"store_id": "0" * 32, "after": 0}}):
            over = {**body, "snapshot": _snapshot_of(64 * 1024 + 1, 2), **extra}
            refused = a.post("/api/v1/metrics", json=over)
            assert refused.status_code == 422, refused.text
            assert refused.json()["detail"] == [{"loc": ["body", "snapshot"]}]
        assert _kept(hub, "ST-A") == [1]


def test_an_upload_the_disk_cannot_take_with_the_margin_left_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"
    data_dir.mkdir()
    # Free space moves as other programs write: 4 GiB of room leaves them plenty of play.
    margin = shutil.disk_usage(data_dir).free - 4 * GIB
    limits = {"max_upload_size": 64 * GIB, "max_bytes_in_flight": 128 * GIB}
    with running_hub(data_dir, free_disk_margin=margin, **limits) as hub:
        station = connect(hub, "ST-A")
        small = station.create(b"x" * 1024, "K-small")
        assert small.status_code == 201, small.text
        refused = _create_declaring(station, 16 * GIB, "K-huge")
        assert refused.status_code == 507
        assert refused.json()["error"] == "insufficient_storage"
        vietnamese, english = refused.json()["msg"].split(" / ")
        assert "không còn đủ chỗ trống" in vietnamese and "free disk space" in english
        assert int(refused.headers["Retry-After"]) > 0
        assert refused.headers["Tus-Resumable"] == "1.0.0"
        assert station.get("/api/v1/files/K-huge").status_code == 404
        assert len(list((data_dir / "uploads" / "ST-A").glob("*.bin"))) == 1


def test_an_upload_admitted_before_the_disk_filled_is_still_answered(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"
    with running_hub(data_dir) as hub:
        station = connect(hub, "ST-A")
        first = station.create(b"abc", "K-1")
        assert first.status_code == 201
    everything = 2 * shutil.disk_usage(data_dir).total  # no disk has this much free
    with running_hub(data_dir, free_disk_margin=everything) as hub:
        token = fetch_token(hub, "ST-A", station.secret)
        station = StationClient(hub, "ST-A", station.secret, token)
        again = station.create(b"abc", "K-1")
        assert again.status_code == 201
        assert _upload_id(again) == _upload_id(first)
        patched = requests.patch(
            again.headers["Location"],
            data=b"abc",
            headers=station.tus_headers(
                **{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
            ),
            timeout=10,
        )
        assert patched.status_code == 204
        assert station.create(b"d", "K-2").status_code == 507


def test_serve_takes_the_margin_to_every_worker(tmp_path: Path) -> None:
    data_dir = tmp_path / "hub"
    added = CliRunner().invoke(
        hub_group, ["add-station", "--data", str(data_dir), "--client-id", "ST-A", "--json"]
    )
    assert added.exit_code == 0, added.output
    secret = json.loads(added.output)["client_secret"]
    everything = 2 * shutil.disk_usage(data_dir).total // 1024**2
    margin = ["--free-disk-margin", str(everything), "--workers", "2"]
    with served_hub(data_dir, *margin) as served:
        form = {"grant_type": "client_credentials"}
        answer = requests.post(
            served.url + "/oauth/token", data=form, auth=("ST-A", secret), timeout=10
        )
        token = answer.json()["access_token"]
        headers = {
            "Authorization": f"Bearer {token}",
            "Tus-Resumable": "1.0.0",
            "Upload-Length": "10",
            "Upload-Metadata": encode_metadata(file_metadata(b"0123456789", "K-1")),
        }
        answers = [
            requests.post(served.url + "/files/", headers=headers, timeout=10) for _ in range(4)
        ]
        assert [a.status_code for a in answers] == [507] * 4


def _create_declaring(client: StationClient, length: int, key: str) -> requests.Response:
    """A tus create that declares `length` bytes (none of them sent)."""
    metadata = encode_metadata(file_metadata(b"", key))
    headers = client.tus_headers(**{"Upload-Length": str(length), "Upload-Metadata": metadata})
    return requests.post(client.hub.url + "/files/", headers=headers, timeout=10)


def _upload_id(created: requests.Response) -> str:
    return created.headers["Location"].rsplit("/", 1)[1]
