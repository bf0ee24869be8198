"""Refused result addenda count like refused dossier commits: a station that keeps sending an
addendum whose signature check fails is slowed with 429 before the hub checks it again."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import requests

from tests.helpers.hub import running_hub
from tests.hub.conftest import StationClient, commit_dossier, connect
from tests.hub.test_signature_worker import fake_signed

PLAIN = b"%PDF-1.4 plain\n"


def result_for(client: StationClient, code: str, key: str, data: bytes) -> dict[str, Any]:
    """A result addendum of one scanned file, sent under `key` to dossier `code`."""
    return {
        "schema": "sohoa.result/1",
        "addendum_id": hashlib.sha256(f"{code}/{key}".encode()).hexdigest(),
        "dossier_code": code,
        "procedure_code": "1.011442.000.00.00.H38",
        "station_id": client.station_id,
        "clerk_id": "clerk-7",
        "received_at": "2026-11-20T08:00:00+07:00",
        "finished_at": "2026-11-20T08:30:00+07:00",
        "result_finished_at": "2026-11-22T10:00:00+07:00",
        "components": ["KQ1"],
        "files": [
            {
                "component_code": "KQ1",
                "component_name": "Kết quả",
                "file_name": f"{key}.pdf",
                "idempotency_key": key,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "pages": 1,
                "origin": "scanned",
                "signed_by_station": True,
            }
        ],
    }


def send_result(client: StationClient, code: str, key: str, data: bytes) -> requests.Response:
    """Uploads the file (once) and posts the addendum."""
    if not _uploaded(client, key):
        client.upload(data, key, dossier_code=code)
    return client.post("/api/v1/results", json=result_for(client, code, key, data))


def _uploaded(client: StationClient, key: str) -> bool:
    return client.get(f"/api/v1/files/{key}").status_code == 200


def _rejections(db_path: Path, station: str) -> list[str]:
    with closing(sqlite3.connect(db_path)) as db:
        rows = db.execute(
            "SELECT error FROM commit_rejections WHERE station_id = ? ORDER BY at", (station,)
        ).fetchall()
    return [error for (error,) in rows]


def test_repeated_refused_addenda_are_throttled_for_that_station_only(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", max_rejections=2) as hub:
        a, b = connect(hub, "ST-A"), connect(hub, "ST-B")
        assert commit_dossier(a, "D-a", "K-a", PLAIN).status_code == 200
        assert commit_dossier(b, "D-b", "K-b", PLAIN).status_code == 200
        forged = fake_signed(20_000)

        refused = [send_result(a, "D-a", "R-a", forged) for _ in range(2)]
        assert [r.status_code for r in refused] == [422, 422], [r.text for r in refused]
        assert {r.json()["error"] for r in refused} == {"signature_invalid"}
        assert _rejections(hub.config.sqlite_path, "ST-A") == ["signature_invalid"] * 2

        throttled = send_result(a, "D-a", "R-a", forged)
        assert throttled.status_code == 429
        assert throttled.json() == {"error": "too_many_rejected_commits"}
        assert 0 < int(throttled.headers["Retry-After"]) <= 600
        assert _rejections(hub.config.sqlite_path, "ST-A") == ["signature_invalid"] * 2
        # The count is the station's: its dossier commits wait too, another station's do not.
        assert commit_dossier(a, "D-a2", "K-a2", PLAIN).status_code == 429
        assert send_result(b, "D-b", "R-b", PLAIN).status_code == 200


def test_a_reused_addendum_id_is_a_counted_refusal(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", max_rejections=2) as hub:
        a = connect(hub, "ST-A")
        assert commit_dossier(a, "D-a", "K-a", PLAIN).status_code == 200
        assert send_result(a, "D-a", "R-1", PLAIN).status_code == 200
        changed = result_for(a, "D-a", "R-1", PLAIN)
        changed["clerk_id"] = "clerk-8"
        answers = [a.post("/api/v1/results", json=changed) for _ in range(3)]
        assert [r.status_code for r in answers] == [422, 422, 429]
        assert answers[0].json() == {"error": "addendum_id_reused"}
        assert _rejections(hub.config.sqlite_path, "ST-A") == ["addendum_id_reused"] * 2


def test_a_paper_sent_as_a_result_is_a_counted_refusal(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", max_rejections=2) as hub:
        a = connect(hub, "ST-A")
        assert commit_dossier(a, "D-a", "K-a", PLAIN).status_code == 200  # received with TP1
        paper = result_for(a, "D-a", "R-1", PLAIN)
        paper["components"] = ["TP1"]
        paper["files"][0]["component_code"] = "TP1"
        a.upload(PLAIN, "R-1", dossier_code="D-a")
        answer = a.post("/api/v1/results", json=paper)
        assert answer.status_code == 422
        assert answer.json()["error"] == "not_a_result_component"
        assert answer.json()["detail"] == [
            {"loc": ["body", "components", 0], "msg": "received_with_dossier"}
        ]
        assert _rejections(hub.config.sqlite_path, "ST-A") == ["not_a_result_component"]
