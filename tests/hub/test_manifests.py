from __future__ import annotations

import hashlib
import json
import os
from urllib.parse import quote

from tests.hub.conftest import connect, manifest_for

CODE = "000.00.14.H05-250101-0001"
FILES = {"K-1": os.urandom(40_000), "K-2": os.urandom(10_000)}


def _upload_all(station, files=FILES) -> None:
    for key, data in files.items():
        station.upload(data, key)


def test_a_complete_manifest_commits_and_publishes_the_dossier(station) -> None:
    _upload_all(station)
    response = station.post("/api/v1/manifests", json=manifest_for(FILES))
    assert response.status_code == 200
    assert response.json() == {
        "status": "committed",
        "dossier_code": CODE,
        "files": [
            {"file_name": f"{k}.pdf", "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for k, d in FILES.items()
        ],
    }
    folder = station.hub.data_dir / "dossiers" / "ST-01" / CODE
    assert sorted(p.name for p in folder.iterdir()) == ["K-1.pdf", "K-2.pdf", "manifest.json"]
    assert (folder / "K-1.pdf").read_bytes() == FILES["K-1"]
    stored = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert stored["manifest_id"] == "M-1" and "committed_at" in stored
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".staging")]


def test_the_same_manifest_again_gives_the_same_answer_and_no_duplicate(station) -> None:
    _upload_all(station)
    first = station.post("/api/v1/manifests", json=manifest_for(FILES))
    second = station.post("/api/v1/manifests", json=manifest_for(FILES))
    assert second.status_code == 200
    assert second.json() == first.json()
    assert len(station.get("/api/v1/dossiers").json()) == 1


def test_a_missing_or_half_received_file_is_409_and_nothing_is_listed(station) -> None:
    station.upload(FILES["K-1"], "K-1")
    station.create(FILES["K-2"], "K-2")  # created, no bytes yet
    response = station.post("/api/v1/manifests", json=manifest_for(FILES))
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "files_missing"
    assert [f["idempotency_key"] for f in body["files"]] == ["K-2"]
    assert station.get("/api/v1/dossiers").json() == []
    assert not (station.hub.data_dir / "dossiers" / "ST-01" / CODE).exists()
    unknown = manifest_for({"K-none": b"x"}, manifest_id="M-2")
    assert station.post("/api/v1/manifests", json=unknown).json()["files"][0]["state"] == "unknown"


def test_a_manifest_sha256_that_differs_from_the_received_file_is_422(station) -> None:
    _upload_all(station)
    manifest = manifest_for(FILES)
    manifest["components"][1]["sha256"] = "f" * 64
    response = station.post("/api/v1/manifests", json=manifest)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "sha256_mismatch"
    assert [f["file_name"] for f in body["files"]] == ["K-2.pdf"]
    assert station.get("/api/v1/dossiers").json() == []


def test_a_corrupt_upload_in_a_manifest_is_a_sha256_mismatch(station) -> None:
    station.upload(FILES["K-1"], "K-1", sha256="0" * 64)
    response = station.post("/api/v1/manifests", json=manifest_for({"K-1": FILES["K-1"]}))
    assert response.status_code == 422
    assert response.json()["error"] == "sha256_mismatch"


def test_malformed_manifests_are_422(station) -> None:
    incomplete = manifest_for(FILES)
    del incomplete["clerk_id"]
    bad_code = manifest_for(FILES, code="")
    bad_time = {**manifest_for(FILES), "received_at": "yesterday"}
    same_name = manifest_for(FILES)
    same_name["components"][1]["file_name"] = "K-1.pdf"
    for body in (incomplete, bad_code, bad_time, same_name, {"components": "no"}):
        response = station.post("/api/v1/manifests", json=body)
        assert response.status_code == 422, body
        assert response.json()["error"] == "invalid_request"
    assert station.post("/api/v1/manifests", data=b"{not json").status_code == 422


def test_a_manifest_for_another_station_is_refused(station) -> None:
    _upload_all(station)
    response = station.post("/api/v1/manifests", json={**manifest_for(FILES), "station_id": "X"})
    assert response.status_code == 403
    assert response.json() == {"error": "station_mismatch"}


def test_read_endpoints_list_and_show_committed_dossiers(station) -> None:
    _upload_all(station)
    station.post("/api/v1/manifests", json=manifest_for(FILES))
    listed = station.get("/api/v1/dossiers", params={"station": "ST-01"}).json()
    assert [(d["dossier_code"], d["station_id"], d["files_count"]) for d in listed] == [
        (CODE, "ST-01", 2)
    ]
    assert station.get("/api/v1/dossiers", params={"station": "ST-02"}).status_code == 404
    later = station.get("/api/v1/dossiers", params={"since": "2999-01-01T00:00:00+07:00"})
    assert later.json() == []
    earlier = station.get("/api/v1/dossiers", params={"since": "2000-01-01T00:00:00Z"})
    assert len(earlier.json()) == 1
    shown = station.get(f"/api/v1/dossiers/{CODE}").json()
    assert shown["manifest_id"] == "M-1"
    assert shown["components"][0]["kpi"] == {
        "digitized": True,
        "reused": False,
        "from_national_store": False,
    }
    assert shown["committed_at"] == listed[0]["committed_at"]
    assert station.get("/api/v1/dossiers/unknown").status_code == 404


def test_a_new_manifest_for_the_same_dossier_replaces_the_published_one(station) -> None:
    _upload_all(station)
    station.post("/api/v1/manifests", json=manifest_for(FILES))
    only_first = {"K-1": FILES["K-1"]}
    response = station.post("/api/v1/manifests", json=manifest_for(only_first, "M-2"))
    assert response.status_code == 200
    folder = station.hub.data_dir / "dossiers" / "ST-01" / CODE
    assert sorted(p.name for p in folder.iterdir()) == ["K-1.pdf", "manifest.json"]
    assert station.get(f"/api/v1/dossiers/{CODE}").json()["manifest_id"] == "M-2"
    assert len(station.get("/api/v1/dossiers").json()) == 1


def test_stations_do_not_see_each_others_files_when_committing(station) -> None:
    _upload_all(station)
    other = connect(station.hub, "ST-02")
    manifest = {**manifest_for(FILES), "station_id": "ST-02"}
    assert other.post("/api/v1/manifests", json=manifest).status_code == 409


def test_a_code_that_is_not_a_plain_file_name_is_published_under_a_safe_name(station) -> None:
    code = "HS 01/2025 ../Xã"
    data = {"K-odd": FILES["K-1"]}
    station.upload(data["K-odd"], "K-odd", dossier_code=code)
    response = station.post("/api/v1/manifests", json=manifest_for(data, code=code))
    assert response.status_code == 200
    [folder] = (station.hub.data_dir / "dossiers" / "ST-01").iterdir()
    assert folder.name == "HS_2001_2F2025_20.._2FX_C3_A3" and "/" not in folder.name
    assert json.loads((folder / "manifest.json").read_text("utf-8"))["dossier_code"] == code
    shown = station.get("/api/v1/dossiers/" + quote(code, safe=""))
    assert shown.status_code == 200 and shown.json()["dossier_code"] == code


def test_annotated_pairs_are_kept_in_the_published_manifest(station) -> None:
    _upload_all(station)
    body = manifest_for(FILES)
    body["components"][0].update(pages=4, annotated_pairs=[[1, 2], [3, 4]])
    assert station.post("/api/v1/manifests", json=body).status_code == 200
    folder = station.hub.data_dir / "dossiers" / "ST-01" / CODE
    stored = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pairs = [c["annotated_pairs"] for c in stored["components"]]
    assert pairs == [[[1, 2], [3, 4]], []]  # an older station's manifest has none


def test_annotated_pairs_outside_the_file_or_not_consecutive_are_422(station) -> None:
    _upload_all(station)
    cases = ([[1, 2]], [[2, 4]], [[1, 2], [2, 3]], [[1, 2, 3]], [[0, 1]])
    for number, pairs in enumerate(cases):
        body = manifest_for(FILES, manifest_id=f"M-{number}")
        body["components"][0].update(pages=3 if pairs != [[1, 2]] else 1, annotated_pairs=pairs)
        response = station.post("/api/v1/manifests", json=body)
        assert response.status_code == 422, pairs
        (problem,) = response.json()["detail"]
        assert problem["loc"] == ["body", "components", "0", "annotated_pairs"]
    assert station.get("/api/v1/dossiers").json() == []
