"""The access log takes only what a dossier code can be, grows at a bounded pace, forgets
entries past their retention, and is printed so that no stored text can drive the terminal."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from hub import access_log, clock
from hub.cli import hub_group
from hub.db import Database, open_database
from hub.principal import Principal, Role
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import StationClient, commit_dossier, connect

UNIT = "000.00.14.H05"
CODE = f"{UNIT}-261201-0001"
PLAIN = b"%PDF-1.4 plain\n"


@pytest.fixture
def hub(store: dict[str, Any], tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub", personal_reads_per_minute=6, **store) as handle:
        yield handle


def _database(hub: HubHandle) -> Database:
    return open_database(hub.config.dsn, hub.config.sqlite_path)


def _targets(hub: HubHandle) -> list[str]:
    with _database(hub).transaction() as session:
        return [row["target"] for row in session.query("SELECT target FROM access_log")]


def _lookup(desk: StationClient, code: str) -> Any:
    return desk.get("/api/v1/handover/" + quote(code, safe=""))


def test_a_code_no_dossier_can_have_is_refused_and_never_logged(hub: HubHandle) -> None:
    desk = connect(hub, "ST-B", UNIT)
    spoofing = "A" * 3000 + "\x1b[2J\r\t2026-01-01 admin read_dossier"
    for code in (spoofing, "x" * 201, "HS\x1b[31m-1", " HS-1", "=HYPERLINK(1)"):
        answer = _lookup(desk, code)
        refused = (answer.status_code, answer.json()["error"])
        assert refused == (422, "invalid_request"), repr(code[-40:])
    unknown = _lookup(desk, f"{UNIT}-261201-0404")
    assert unknown.status_code == 404  # a code a dossier could have: looked up, and logged
    assert _targets(hub) == [f"{UNIT}-261201-0404"]


def test_a_station_reading_faster_than_a_desk_is_slowed_and_the_others_are_not(
    hub: HubHandle,
) -> None:
    a, desk, other = connect(hub, "ST-A", UNIT), connect(hub, "ST-B", UNIT), connect(hub, "ST-C")
    assert commit_dossier(a, CODE, "K-a", PLAIN).status_code == 200
    answers = [_lookup(desk, f"{UNIT}-261201-{n:04d}").status_code for n in range(5)]
    answers.append(desk.get("/api/v1/dossiers/" + quote(CODE, safe="")).status_code)
    assert answers == [404, 200, 404, 404, 404, 404]  # a dossier read counts with the look-ups
    slowed = _lookup(desk, CODE)
    assert (slowed.status_code, slowed.json()) == (429, {"error": "slow_down"})
    assert 0 < int(slowed.headers["Retry-After"]) <= 60
    assert desk.get("/api/v1/stats", params={"by": "clerk"}).status_code == 429
    assert desk.get("/api/v1/stations").status_code == 200  # names nobody: not paced
    assert desk.get("/api/v1/stats", params={"by": "day"}).status_code == 200
    assert _lookup(other, CODE).status_code == 404  # another station keeps its own pace
    assert len(_targets(hub)) == 6  # five look-ups of ST-B and one of ST-C; none refused


def test_the_access_log_command_prints_stored_control_characters_escaped(hub: HubHandle) -> None:
    station = Principal("ST-\x1b]0;x\x07B", Role.STATION)
    target = "HS-1\x1b[2J\r2026-01-01T00:00:00Z\tadmin:root\tread_dossier\u202e\\x1b"
    access_log.record(_database(hub), station, access_log.READ_HANDOVER, "", target, "127.0.0.1")
    store = ["--data", str(hub.data_dir)] + (["--dsn", hub.config.dsn] if hub.config.dsn else [])
    shown = CliRunner().invoke(hub_group, ["access-log", *store])
    assert shown.exit_code == 0, shown.output
    (line,) = shown.output.splitlines()
    fields = line.split("\t")
    assert fields[1:] == [
        "station:ST-\\x1b]0;x\\x07B",
        "read_handover",
        "",
        "HS-1\\x1b[2J\\r2026-01-01T00:00:00Z\\tadmin:root\\tread_dossier\\u202e\\\\x1b",
        "127.0.0.1",
    ]


def _backdate(db: Database, target: str, days: int) -> None:
    at = clock.to_text(clock.now() - timedelta(days=days))
    with db.transaction(write=True) as session:
        session.execute("UPDATE access_log SET at = ? WHERE target = ?", (at, target))


def test_entries_past_their_retention_are_deleted_at_start_and_while_serving(
    store: dict[str, Any], tmp_path: Path
) -> None:
    data = tmp_path / "hub"
    with running_hub(data, **store) as hub:
        db, station = _database(hub), Principal("ST-A", Role.STATION)
        for target, age in (("HS-old", 731), ("HS-kept", 729), ("HS-new", 0)):
            access_log.record(db, station, access_log.READ_DOSSIER, "ST-A", target, "-")
            _backdate(db, target, age)
    with running_hub(data, **store) as hub:  # the shipped retention, two years
        assert sorted(_targets(hub)) == ["HS-kept", "HS-new"]

    async def one_sweep() -> None:
        sweeping = asyncio.create_task(access_log.sweep_expired(db, 30, 0.01))
        while len(_targets(hub)) > 1:
            await asyncio.sleep(0.01)
        sweeping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeping

    asyncio.run(asyncio.wait_for(one_sweep(), timeout=10))
    assert _targets(hub) == ["HS-new"]
