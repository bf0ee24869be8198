"""Bad input gets a 4xx with a JSON `error` and leaves no row and no file behind."""

from __future__ import annotations

import hashlib
import os
import time

import pytest
import requests

from hub import tus
from tests.helpers.hub import running_hub
from tests.hub.conftest import (
    STATION,
    connect,
    encode_metadata,
    file_metadata,
    let_tokens_expire,
    manifest_for,
    stored,
)

DATA = os.urandom(30_000)


def _error(response: requests.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    return response.json()["error"]


def _patch(station, url: str, offset: int, body, **headers: str) -> requests.Response:
    tus_headers = {
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
        **headers,
    }
    return requests.patch(url, data=body, headers=tus_headers, timeout=10)


def _head_offset(station, url: str) -> int:
    response = requests.head(url, headers=station.tus_headers(), timeout=10)
    return int(response.headers["Upload-Offset"])


def _nothing_outside_the_data_dir(tmp_path) -> None:
    assert [p.name for p in tmp_path.iterdir()] == ["hub"]
    assert not [p for p in tmp_path.rglob("*") if p.name in {"passwd", "evil.pdf", "outside"}]


def test_a_wrong_token_is_401_and_creates_patches_and_commits_nothing(station) -> None:
    url = station.create(DATA, "K-1").headers["Location"]
    before = stored(station.hub)
    wrong = {"Authorization": "Bearer not-the-token"}
    metadata = encode_metadata(file_metadata(DATA, "K-2"))
    create = requests.post(
        station.hub.url + "/files/",
        headers={**wrong, "Tus-Resumable": "1.0.0", "Upload-Length": str(len(DATA))}
        | {"Upload-Metadata": metadata},
        timeout=10,
    )
    assert _error(create, 401) == "invalid_token"
    assert _error(_patch(station, url, 0, DATA, **wrong), 401) == "invalid_token"
    manifest = manifest_for({"K-1": DATA})
    commit = requests.post(
        station.hub.url + "/api/v1/manifests", json=manifest, headers=wrong, timeout=10
    )
    assert _error(commit, 401) == "invalid_token"
    assert stored(station.hub) == before
    assert _head_offset(station, url) == 0


def test_an_expired_token_is_401_and_stores_nothing(tmp_path) -> None:
    with running_hub(tmp_path / "hub", token_ttl=600) as hub:
        station = connect(hub, STATION)
        url = station.create(DATA, "K-1").headers["Location"]
        before = stored(hub)
        let_tokens_expire(hub)
        assert _error(station.create(DATA, "K-2"), 401) == "invalid_token"
        patch = _patch(station, url, 0, DATA, **station.auth)
        assert _error(patch, 401) == "invalid_token"
        assert "invalid_token" in patch.headers["WWW-Authenticate"]
        assert _error(station.post("/api/v1/manifests", json=manifest_for({})), 401)
        assert stored(hub) == before


def test_bytes_that_do_not_match_the_declared_sha256_are_discarded_and_never_committed(
    station,
) -> None:
    station.upload(DATA, "K-bad", sha256="0" * 64)
    [data_file] = station.hub.data_dir.glob("uploads/*/*.bin")
    assert data_file.stat().st_size == 0
    assert station.get("/api/v1/files/K-bad").json()["state"] == "corrupt"
    before = stored(station.hub)
    commit = station.post("/api/v1/manifests", json=manifest_for({"K-bad": DATA}))
    assert _error(commit, 422) == "sha256_mismatch"
    assert commit.json()["files"][0]["state"] == "corrupt"
    assert stored(station.hub) == before
    assert station.get("/api/v1/dossiers").json() == []


def test_a_manifest_sha256_that_differs_from_the_received_bytes_is_422_and_stores_nothing(
    station,
) -> None:
    station.upload(DATA, "K-1")
    before = stored(station.hub)
    manifest = manifest_for({"K-1": DATA})
    manifest["components"][0]["sha256"] = hashlib.sha256(b"other").hexdigest()
    assert _error(station.post("/api/v1/manifests", json=manifest), 422) == "sha256_mismatch"
    assert stored(station.hub) == before
    assert not (station.hub.data_dir / "dossiers" / STATION).exists()


def test_a_patch_longer_than_the_upload_is_413_and_keeps_none_of_its_bytes(
    station, monkeypatch
) -> None:
    body = os.urandom(1_000)
    metadata = encode_metadata(file_metadata(body, "K-long"))
    headers = station.tus_headers(**{"Upload-Length": "1000", "Upload-Metadata": metadata})
    url = requests.post(station.hub.url + "/files/", headers=headers, timeout=10).headers[
        "Location"
    ]
    [data_file] = station.hub.data_dir.glob("uploads/*/*.bin")
    too_long = _patch(station, url, 0, body + b"x" * 500, **station.auth)
    assert _error(too_long, 413) == "exceeds_upload_length"
    assert (_head_offset(station, url), data_file.stat().st_size) == (0, 0)

    assert _patch(station, url, 0, body[:500], **station.auth).status_code == 204
    # A chunked body has no Content-Length to check first; the hub checkpoints part of
    # it (small checkpoints here) before it sees the overflow, and must undo that too.
    monkeypatch.setattr(tus, "CHECKPOINT_BYTES", 100)

    def chunks():
        for _ in range(4):
            yield body[500:700]
            time.sleep(0.02)

    chunked = _patch(station, url, 500, chunks(), **station.auth)
    assert _error(chunked, 413) == "exceeds_upload_length"
    assert (_head_offset(station, url), data_file.stat().st_size) == (500, 500)
    assert station.get("/api/v1/files/K-long").json()["state"] == "receiving"

    assert _patch(station, url, 500, body[500:], **station.auth).status_code == 204
    assert data_file.read_bytes() == body
    assert station.get("/api/v1/files/K-long").json()["state"] == "complete"


BAD_FILE_NAMES = [
    "../../etc/passwd",
    "a/b.pdf",
    "a\\b.pdf",
    "x\x00.pdf",
    "x\n.pdf",
    "x.pdf\n",
    "x\x7f.pdf",
    "..",
    "manifest.json",
    "é" * 150,  # 300 bytes in UTF-8, more than a file name may hold
]


@pytest.mark.parametrize(
    ("key", "value"),
    [("filename", name) for name in BAD_FILE_NAMES]
    + [("dossier_code", "HS\x00-01"), ("dossier_code", "HS\n01"), ("idempotency_key", "K\r\n")],
)
def test_unsafe_names_in_upload_metadata_are_400_and_store_nothing(
    station, tmp_path, key, value
) -> None:
    before = stored(station.hub)
    response = station.create(DATA, "K-1", **{key: value})
    assert _error(response, 400) == "invalid_metadata"
    assert response.json()["key"] == key
    assert stored(station.hub) == before
    _nothing_outside_the_data_dir(tmp_path)


@pytest.mark.parametrize(
    ("where", "value"),
    [("file_name", name) for name in ["../evil.pdf", "a/b.pdf", "x\x00.pdf", "x\n.pdf", ".."]]
    + [("dossier_code", "HS\n01"), ("dossier_code", "HS\x00/../01")],
)
def test_unsafe_names_in_a_manifest_are_422_and_publish_nothing(
    station, tmp_path, where, value
) -> None:
    station.upload(DATA, "K-1")
    manifest = manifest_for({"K-1": DATA})
    if where == "file_name":
        manifest["components"][0]["file_name"] = value
    else:
        manifest["dossier_code"] = value
    before = stored(station.hub)
    response = station.post("/api/v1/manifests", json=manifest)
    assert _error(response, 422) == "invalid_request"
    assert response.json()["detail"][0]["loc"][-1] == where
    assert stored(station.hub) == before
    assert not (station.hub.data_dir / "dossiers" / STATION).exists()
    _nothing_outside_the_data_dir(tmp_path)


def test_a_dossier_code_that_looks_like_a_path_stays_inside_the_station_folder(
    station, tmp_path
) -> None:
    station.upload(DATA, "K-1", dossier_code="../../outside")
    response = station.post(
        "/api/v1/manifests", json=manifest_for({"K-1": DATA}, code="../../outside")
    )
    assert response.status_code == 200
    [folder] = (station.hub.data_dir / "dossiers" / STATION).iterdir()
    assert "/" not in folder.name and folder.name != ".."
    assert sorted(p.name for p in folder.iterdir()) == ["K-1.pdf", "manifest.json"]
    _nothing_outside_the_data_dir(tmp_path)


def test_malformed_json_or_metadata_is_a_4xx_and_stores_nothing(station) -> None:
    station.upload(DATA, "K-1")
    before = stored(station.hub)
    json_type = {"Content-Type": "application/json"}
    for path in ("/api/v1/manifests", "/api/v1/heartbeat", "/api/v1/metrics"):
        for body in (b"{not json", b"", b"[]", b'"x"', b'{"components": "no"}'):
            response = requests.post(
                station.hub.url + path, data=body, headers={**station.auth, **json_type}, timeout=10
            )
            assert _error(response, 422) == "invalid_request", (path, body)
    bad_metadata = station.tus_headers(
        **{"Upload-Length": "10", "Upload-Metadata": "filename !!not-base64!!"}
    )
    response = requests.post(station.hub.url + "/files/", headers=bad_metadata, timeout=10)
    assert _error(response, 400) == "invalid_metadata"
    no_length = station.tus_headers(
        **{"Upload-Length": "-1", "Upload-Metadata": encode_metadata(file_metadata(DATA, "K-2"))}
    )
    response = requests.post(station.hub.url + "/files/", headers=no_length, timeout=10)
    assert _error(response, 400) == "upload_length_required"
    assert stored(station.hub) == before


def test_a_manifest_naming_files_never_uploaded_is_409_and_publishes_nothing(station) -> None:
    station.upload(DATA, "K-1")
    before = stored(station.hub)
    manifest = manifest_for({"K-1": DATA, "K-never": b"never sent"})
    response = station.post("/api/v1/manifests", json=manifest)
    assert _error(response, 409) == "files_missing"
    assert response.json()["files"] == [
        {"file_name": "K-never.pdf", "idempotency_key": "K-never", "state": "unknown"}
    ]
    assert stored(station.hub) == before
    assert station.get("/api/v1/dossiers").json() == []


@pytest.mark.parametrize(
    ("where", "value"),
    [("cases", [""]), ("cases", ["a\x00b"]), ("missing_required", ["TP1\n"]),
     ("missing_required", ["x" * 1001])],
)  # fmt: skip
def test_unusable_cases_or_missing_labels_in_a_manifest_are_422(
    station, tmp_path, where, value
) -> None:
    station.upload(DATA, "K-1")
    manifest = manifest_for({"K-1": DATA}) | {where: value}
    before = stored(station.hub)
    response = station.post("/api/v1/manifests", json=manifest)
    assert _error(response, 422) == "invalid_request"
    assert response.json()["detail"][0]["loc"][-1] == where
    assert stored(station.hub) == before
