"""Station facts the hub refuses (422, located, in Vietnamese and English, nothing stored),
stats queries it refuses, units on the command line, and the schema's second version."""

from __future__ import annotations

import copy
import json
import sqlite3
import time
from contextlib import closing
from typing import Any

import pytest
from click.testing import CliRunner

from hub.cli import hub_group
from hub.db import open_database
from hub.schema import MIGRATIONS, SCHEMA_VERSION
from tests.helpers.hub import running_hub
from tests.hub.conftest import connect, stored
from tests.hub.postgres import fresh_database
from tests.hub.test_stats import facts_body, received_of, scenario_events
from tests.station.stats.scenario import S1


@pytest.fixture
def body() -> dict[str, Any]:
    facts = facts_body(S1, scenario_events()[S1], received_of(S1))
    return {"station_id": S1, "at": "2026-12-01T08:00:00Z", "facts": facts}


def _spoil(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    spoilt = copy.deepcopy(body)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = spoilt["facts"]
    for part in parents:
        node = node[part]
    node[last] = value
    return spoilt


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("store_id", "../etc", "invalid store id"),
        ("after", -1, "must be ≥ 0"),
        ("events.0.kind", "page_eaten", "unknown event kind"),
        ("events.1.at", "noon", "invalid time"),
        ("events.1.id", 0, "must be ≥ 1"),
        ("events.2.pages", -3, "must be ≥ 0"),
        ("events.2.dossier_code", "D1\nD2", "no control characters"),
        ("received.0.month", "2026-13", "YYYY-MM"),
        ("received.0.digest", "abc", "64 hex digits"),
        ("received.1.rows.0.received_at", "2026-01-05T08:00:00Z", "not in its month"),
        ("received.1.rows.0.code", "", "missing dossier code"),
        ("queue.jobs_failed", -1, "invalid queue"),
        ("queue.oldest_job_at", "yesterday", "invalid queue"),
    ],
)
def test_bad_facts_are_refused_where_they_are_wrong_and_nothing_is_stored(
    station, body, path, value, message
) -> None:
    before = stored(station.hub)
    with closing(sqlite3.connect(station.hub.config.sqlite_path)) as db:
        events_before = db.execute("SELECT count(*) FROM station_events").fetchone()[0]
    spoilt = _spoil({**body, "station_id": station.station_id}, path, value)
    response = station.post("/api/v1/metrics", json=spoilt)
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["error"] == "invalid_request"
    where = [int(p) if p.isdigit() else p for p in path.split(".")]
    field = ["body", "facts", *where]
    if path.startswith("queue."):  # the queue is judged whole
        field = field[:-1]
    (problem,) = [p for p in answer["detail"] if p["loc"] == field]
    assert message in problem["msg"] and " / " in problem["msg"]  # Vietnamese / English
    assert stored(station.hub) == before
    with closing(sqlite3.connect(station.hub.config.sqlite_path)) as db:
        assert db.execute("SELECT count(*) FROM station_events").fetchone()[0] == events_before


def test_malformed_or_foreign_facts_are_refused_too(station, body) -> None:
    mine = {**body, "station_id": station.station_id}
    assert station.post("/api/v1/metrics", json={**body, "station_id": "X"}).status_code == 403
    wrong_type = _spoil(mine, "events", "many")
    assert station.post("/api/v1/metrics", json=wrong_type).status_code == 422
    too_many = _spoil(mine, "events", [mine["facts"]["events"][0]] * 5001)
    assert station.post("/api/v1/metrics", json=too_many).status_code == 422
    twice = _spoil(mine, "received", mine["facts"]["received"] * 2)
    assert station.post("/api/v1/metrics", json=twice).status_code == 422
    assert stored(station.hub)["rows"]["metrics"] == 0


def test_a_snapshot_without_facts_is_still_204(station, body) -> None:
    beat = {"station_id": station.station_id, "at": body["at"], "snapshot": {"pages": 3}}
    assert station.post("/api/v1/metrics", json=beat).status_code == 204
    with_both = {**body, "station_id": station.station_id, "snapshot": {"pages": 3}}
    answer = station.post("/api/v1/metrics", json=with_both)
    assert answer.status_code == 200
    assert answer.json()["events_through"] == len(body["facts"]["events"])
    assert stored(station.hub)["rows"]["metrics"] == 2


@pytest.mark.parametrize(
    ("params", "where", "message"),
    [
        ({"since": "30.11.2026"}, "since", "use YYYY-MM-DD or DD/MM/YYYY"),
        ({"until": "2026-11-30"}, "until", "needs since too"),
        ({"since": "2026-11-30", "until": "2026-11-01"}, "until", "is before since"),
        ({"by": "province"}, "by", "one of station|clerk|day|unit"),
        ({"tz": "Nowhere/Atlantis"}, "tz", "unknown time zone"),
    ],
)
def test_bad_stats_queries_are_422_with_a_bilingual_reason(station, params, where, message):
    response = station.get("/api/v1/stats", params=params)
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", where]
    assert message in problem["msg"] and " / " in problem["msg"]


def test_stats_need_a_token(station) -> None:
    import requests

    assert requests.get(station.hub.url + "/api/v1/stats", timeout=10).status_code == 401


def _cli(*args: str) -> Any:
    return CliRunner().invoke(hub_group, list(args))


def test_add_station_takes_a_unit_and_set_unit_changes_it(tmp_path) -> None:
    data = str(tmp_path / "hub")
    added = _cli("add-station", "--data", data, "--name", "Xã Đông Anh", "--unit",
                 "000.00.14.H05", "--unit-name", "UBND xã Đông Anh", "--json")  # fmt: skip
    assert added.exit_code == 0, added.output
    client_id = json.loads(added.output)["client_id"]
    assert json.loads(added.output)["unit_code"] == "000.00.14.H05"
    assert _listed(data) == ("000.00.14.H05", "UBND xã Đông Anh")
    changed = _cli("set-unit", "--data", data, "--station", client_id, "--unit", "H05.1")
    assert changed.exit_code == 0, changed.output
    assert _listed(data) == ("H05.1", "")
    assert _cli("set-unit", "--data", data, "--station", client_id).exit_code == 0  # forgotten
    assert _listed(data) == ("", "")


def _listed(data: str) -> tuple[str, str]:
    (station,) = json.loads(_cli("stations", "--data", data, "--json").output)
    return station["unit_code"], station["unit_name"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add-station", "--name", "A", "--unit", "UBND xã A"), "a unit code is 1-64 of"),
        (("add-station", "--name", "A", "--unit-name", "UBND"), "a unit name needs a unit code"),
        (("set-unit", "--station", "nobody", "--unit", "U1"), "is not registered"),
        (("stats", "--since", "30.11.2026"), "use YYYY-MM-DD or DD/MM/YYYY"),
        (("stats", "--until", "2026-11-30"), "--until needs --since"),
        (("stats", "--by", "province"), "Invalid value for '--by'"),
        (("stats", "--offline-after", "-5"), "Invalid value for '--offline-after'"),
    ],
)
def test_bad_hub_options_are_usage_errors_in_both_languages(tmp_path, args, message) -> None:
    result = _cli(args[0], "--data", str(tmp_path / "hub"), *args[1:])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_the_stats_of_an_empty_hub(tmp_path) -> None:
    result = _cli("stats", "--data", str(tmp_path / "hub"), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["stations"] == [] and payload["queue"] is None
    assert payload["total"]["digitization"] == {"received": 0, "digitized": 0, "rate": None}


# The schema's second version ----------------------------------------------------------------
def _version_1_statements() -> tuple[str, ...]:
    version, statements = MIGRATIONS[0]
    assert version == 1
    return statements


def test_a_version_1_sqlite_database_gains_the_new_tables_and_keeps_its_rows(tmp_path) -> None:
    path = tmp_path / "hub.sqlite3"
    with closing(sqlite3.connect(path)) as db, db:
        for statement in _version_1_statements():
            db.execute(statement)
        db.execute("INSERT INTO stations (client_id, name, secret_hash, created_at)"
                   " VALUES ('old', 'Old', 'x', '2025-01-01T00:00:00.000000Z')")  # fmt: skip
    for _ in range(2):  # every start runs the schema again
        database = open_database(None, path)
    with database.transaction() as session:
        versions = [row["version"] for row in session.query("SELECT version FROM hub_schema")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        assert session.one("SELECT name FROM stations")["name"] == "Old"
        assert session.query("SELECT * FROM station_events") == []


def test_a_version_1_postgresql_database_too(server_dsn, tmp_path) -> None:
    import psycopg

    dsn = fresh_database(server_dsn, f"v1_{time.monotonic_ns()}")
    with psycopg.connect(dsn, autocommit=True) as db:
        for statement in _version_1_statements():
            db.execute(statement)
    with running_hub(tmp_path / "hub", dsn=dsn) as hub:
        station = connect(hub, "ST-PG")
        facts = facts_body(S1, scenario_events()[S1], received_of(S1))
        body = {"station_id": "ST-PG", "at": "2026-12-01T08:00:00Z", "facts": facts}
        answer = station.post("/api/v1/metrics", json=body)
        assert answer.status_code == 200, answer.text
        again = station.post("/api/v1/metrics", json=body)
        assert again.json() == answer.json()
    with psycopg.connect(dsn) as db:
        assert db.execute("SELECT count(*) FROM station_events").fetchone()[0] == len(
            facts["events"]
        )
        assert db.execute("SELECT max(version) FROM hub_schema").fetchone()[0] == SCHEMA_VERSION
