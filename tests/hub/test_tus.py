from __future__ import annotations

import hashlib
import os
import socket
import time
from urllib.parse import urlparse

import requests

from tests.helpers.hub import running_hub
from tests.hub.conftest import connect, manifest_for

DATA = os.urandom(300_000)


def _head(station, url: str) -> requests.Response:
    return requests.head(url, headers=station.tus_headers(), timeout=10)


def _data_files(hub) -> list:
    return sorted(hub.data_dir.glob("uploads/*/*.bin"))


def test_tuspy_uploads_in_chunks_and_the_hub_verifies_the_sha256(station) -> None:
    url = station.upload(DATA, "K-1", chunk_size=50_000)
    status = station.get("/api/v1/files/K-1").json()
    assert status == {
        "idempotency_key": "K-1",
        "state": "complete",
        "offset": len(DATA),
        "length": len(DATA),
        "sha256": hashlib.sha256(DATA).hexdigest(),
        "upload_url": url,
    }
    assert _data_files(station.hub)[0].read_bytes() == DATA


def test_options_advertises_tus_1_0_0_with_creation(station) -> None:
    response = requests.options(
        station.hub.url + "/files/", headers=station.tus_headers(), timeout=10
    )
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert "creation" in response.headers["Tus-Extension"]


def _patch_and_drop(station, url: str, offset: int, body: bytes, sent: int) -> None:
    """Announces the whole body but sends only `sent` bytes, then cuts the connection."""
    parsed = urlparse(url)
    head = (
        f"PATCH {parsed.path} HTTP/1.1\r\nHost: {parsed.netloc}\r\n"
        f"Authorization: Bearer {station.token}\r\nTus-Resumable: 1.0.0\r\n"
        f"Content-Type: application/offset+octet-stream\r\nUpload-Offset: {offset}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection((parsed.hostname, parsed.port)) as connection:
        connection.sendall(head + body[:sent])
        time.sleep(0.2)


def _wait_for_offset(station, url: str, expected: int) -> int:
    deadline = time.monotonic() + 5
    offset = -1
    while time.monotonic() < deadline:
        offset = int(_head(station, url).headers["Upload-Offset"])
        if offset == expected:
            break
        time.sleep(0.05)
    return offset


def test_a_dropped_patch_keeps_what_arrived_and_the_upload_resumes_from_head(station) -> None:
    created = station.create(DATA, "K-drop")
    assert created.status_code == 201
    url = created.headers["Location"]
    _patch_and_drop(station, url, 0, DATA, 120_000)
    assert _wait_for_offset(station, url, 120_000) == 120_000
    assert station.get("/api/v1/files/K-drop").json()["state"] == "receiving"
    manifest = manifest_for({"K-drop": DATA})
    assert station.post("/api/v1/manifests", json=manifest).status_code == 409
    assert station.get("/api/v1/dossiers").json() == []

    rest = requests.patch(
        url,
        data=DATA[120_000:],
        headers=station.tus_headers(
            **{"Upload-Offset": "120000", "Content-Type": "application/offset+octet-stream"}
        ),
        timeout=10,
    )
    assert rest.status_code == 204
    assert rest.headers["Upload-Offset"] == str(len(DATA))
    assert station.get("/api/v1/files/K-drop").json()["state"] == "complete"


def test_a_patch_at_the_wrong_offset_is_409_with_the_real_offset(station) -> None:
    url = station.create(DATA, "K-off").headers["Location"]
    response = requests.patch(
        url,
        data=DATA[:10],
        headers=station.tus_headers(
            **{"Upload-Offset": "5", "Content-Type": "application/offset+octet-stream"}
        ),
        timeout=10,
    )
    assert response.status_code == 409
    assert response.headers["Upload-Offset"] == "0"


def test_creating_again_with_the_same_key_returns_the_existing_upload(station) -> None:
    first = station.create(DATA, "K-dup")
    second = station.create(DATA, "K-dup")
    assert second.status_code == 201
    assert second.headers["Location"] == first.headers["Location"]
    station.upload(DATA, "K-dup2")
    again = station.create(DATA, "K-dup2")
    assert again.status_code == 201
    assert _head(station, again.headers["Location"]).headers["Upload-Offset"] == str(len(DATA))
    assert len(_data_files(station.hub)) == 2


def test_a_sha256_mismatch_marks_the_upload_corrupt_and_it_is_never_listed(station) -> None:
    station.upload(DATA, "K-bad", sha256="0" * 64)
    status = station.get("/api/v1/files/K-bad").json()
    assert status["state"] == "corrupt"
    assert status["sha256"] is None
    assert station.get("/api/v1/dossiers").json() == []


def test_a_corrupt_upload_restarts_when_created_again_with_the_same_key(station) -> None:
    station.upload(DATA, "K-retry", sha256="0" * 64)
    url = station.upload(DATA, "K-retry")
    status = station.get("/api/v1/files/K-retry").json()
    assert status["state"] == "complete"
    assert status["upload_url"] == url


def test_missing_metadata_or_a_bad_sha256_is_400(station) -> None:
    headers = station.tus_headers(**{"Upload-Length": "10", "Upload-Metadata": ""})
    response = requests.post(station.hub.url + "/files/", headers=headers, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"] == "metadata_missing"
    assert station.create(DATA, "K-x", sha256="abc").status_code == 400
    assert station.create(DATA, "K-y", filename="../evil").status_code == 400


def test_uploads_are_scoped_to_their_station(station) -> None:
    url = station.create(DATA, "K-mine").headers["Location"]
    other = connect(station.hub, "ST-02")
    assert _head(other, url).status_code == 404
    assert other.get("/api/v1/files/K-mine").status_code == 404
    assert other.create(DATA, "K-mine").headers["Location"] != url


def test_a_wrong_tus_version_is_412(station) -> None:
    url = station.create(DATA, "K-v").headers["Location"]
    response = requests.head(url, headers={**station.auth, "Tus-Resumable": "0.2.2"}, timeout=10)
    assert response.status_code == 412


def test_an_upload_above_the_maximum_size_is_413(tmp_path) -> None:
    with running_hub(tmp_path / "hub", max_upload_size=1000) as hub:
        response = connect(hub, "ST-01").create(DATA, "K-big")
    assert response.status_code == 413
    assert response.headers["Tus-Max-Size"] == "1000"


def test_a_patch_while_another_request_holds_the_upload_is_409_upload_locked(
    station, monkeypatch
) -> None:
    from filelock import FileLock

    from hub import tus

    monkeypatch.setattr(tus, "LOCK_WAIT_SECONDS", 0.2)
    url = station.create(DATA, "K-lock").headers["Location"]
    [data_file] = _data_files(station.hub)
    with FileLock(str(data_file) + ".lock"):
        response = requests.patch(
            url,
            data=DATA[:10],
            headers=station.tus_headers(
                **{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
            ),
            timeout=10,
        )
    assert response.status_code == 409
    assert response.json() == {"error": "upload_locked"}
    assert _head(station, url).headers["Upload-Offset"] == "0"


def test_a_patch_that_beats_the_data_file_lands_and_a_late_create_keeps_its_bytes(
    station,
) -> None:
    """Another hub process may commit the row and answer a duplicate create, and the
    station's PATCH may arrive, before the creating process has made the data file."""
    from hub import tus

    url = station.create(DATA, "K-early").headers["Location"]
    [data_file] = _data_files(station.hub)
    data_file.unlink()
    response = requests.patch(
        url,
        data=DATA[:1000],
        headers=station.tus_headers(
            **{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
        ),
        timeout=10,
    )
    assert response.status_code == 204
    tus._ensure_data_file(data_file)  # the creating process catching up
    assert data_file.read_bytes() == DATA[:1000]
    assert _head(station, url).headers["Upload-Offset"] == "1000"
