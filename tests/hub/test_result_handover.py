"""A result desk of the unit (trả kết quả at a station other than the one that received the
dossier) on a real hub: the hand-over look-up tells a station of the same unit what it needs
and nothing of the applicant, tells everybody else what an unknown code gets, and is logged;
the desk's addendum joins the receiving station's dossier, a file name that clashes with one
the dossier holds is refused, and another unit's station is refused."""

from __future__ import annotations

import json
from typing import Any

from hub.db import open_database
from tests.helpers.hub import HubHandle
from tests.hub.conftest import StationClient, commit_dossier, connect, log_in
from tests.hub.test_result_rejections import send_result

UNIT, OTHER_UNIT = "000.00.14.H05", "000.00.15.H05"
CODE = f"{UNIT}-261120-0001"
PLAIN, RESULT = b"%PDF-1.4 reception\n", b"%PDF-1.4 the certificate\n"


def _rows(hub: HubHandle, sql: str) -> list[tuple[Any, ...]]:
    database = open_database(hub.config.dsn, hub.config.sqlite_path)
    with database.transaction() as session:
        return [tuple(row.values()) for row in session.query(sql)]


def _desks(hub: HubHandle) -> dict[str, StationClient]:
    desks = {
        "A": connect(hub, "ST-XA-A", UNIT),  # receives the dossier
        "B": connect(hub, "ST-XA-B", UNIT),  # the unit's result desk
        "C": connect(hub, "ST-HUYEN-C", OTHER_UNIT),
        "N": connect(hub, "ST-NO-UNIT"),  # registered in no unit
    }
    assert commit_dossier(desks["A"], CODE, "K-a", PLAIN).status_code == 200
    return desks


def test_the_lookup_tells_the_unit_what_its_desk_needs_and_nobody_else_anything(
    hub: HubHandle,
) -> None:
    desks = _desks(hub)
    told = desks["B"].get(f"/api/v1/handover/{CODE}")
    assert told.status_code == 200, told.text
    assert told.json() == {
        "dossier_code": CODE,
        "procedure_code": "1.011442.000.00.00.H38",
        "catalog_version": "",
        "received_at": "2026-11-20T08:00:00+07:00",
        "finished_at": "2026-11-20T08:30:00+07:00",
        "finished": True,
        "station_id": "ST-XA-A",
        "files_count": 1,
        "result_components": [],
        "result_finished_at": None,
    }
    assert "001090000000" not in told.text and "clerk-7" not in told.text
    unknown = desks["C"].get(f"/api/v1/handover/{UNIT}-261120-0404")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "not_found"})
    for outsider in ("C", "N"):
        answer = desks[outsider].get(f"/api/v1/handover/{CODE}")
        assert (answer.status_code, answer.json()) == (404, {"error": "not_found"})
    own = desks["A"].get(f"/api/v1/handover/{CODE}")
    assert own.json()["station_id"] == "ST-XA-A"
    supervisor = log_in(hub, "tinh", "province_supervisor")
    assert supervisor.get(f"/api/v1/handover/{CODE}").status_code == 403  # stations only
    assert _rows(hub, "SELECT actor, station_id, target FROM access_log"
                      " WHERE action = 'read_handover' ORDER BY at") == [
        ("ST-XA-B", "ST-XA-A", CODE),
        ("ST-HUYEN-C", "", f"{UNIT}-261120-0404"),
        ("ST-HUYEN-C", "", CODE),
        ("ST-NO-UNIT", "", CODE),
        ("ST-XA-A", "ST-XA-A", CODE),
    ]  # fmt: skip


def test_the_desks_result_joins_the_receiving_stations_dossier(any_hub: HubHandle) -> None:
    hub = any_hub
    desks = _desks(hub)
    sent = send_result(desks["B"], CODE, "R-b", RESULT)
    assert sent.status_code == 200, sent.text
    folder = hub.data_dir / "dossiers" / "ST-XA-A"
    names = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert "R-b.pdf" in names and "K-a.pdf" in names
    [kept] = [json.loads(p.read_text("utf-8")) for p in folder.rglob("result-*.json")]
    assert kept["station_id"] == "ST-XA-B"  # who sent it
    assert _rows(hub, "SELECT station_id, dossier_station_id, dossier_code"
                      " FROM result_handovers") == [("ST-XA-B", "ST-XA-A", CODE)]  # fmt: skip
    again = send_result(desks["B"], CODE, "R-b", RESULT)
    assert (again.status_code, again.json()) == (200, sent.json())  # a resend, once
    told = desks["B"].get(f"/api/v1/handover/{CODE}").json()
    assert (told["files_count"], told["result_components"]) == (2, ["KQ1"])
    assert told["result_finished_at"] is not None

    # Numbered as a file the dossier holds already, with other bytes: refused, nothing kept.
    clash = send_result(desks["B"], CODE, "K-a", RESULT + b"copy")
    assert (clash.status_code, clash.json()["error"]) == (409, "file_name_taken")
    [reception] = [p for p in folder.rglob("K-a.pdf") if p.is_file()]
    assert reception.read_bytes() == PLAIN
    # Another unit's station: refused, even with its own upload of the same file.
    stranger = send_result(desks["C"], CODE, "R-c", RESULT)
    assert (stranger.status_code, stranger.json()["error"]) == (403, "dossier_of_other_station")
    unregistered = send_result(desks["N"], CODE, "R-n", RESULT)  # a station in no unit
    assert (unregistered.status_code, unregistered.json()["error"]) == (
        403, "dossier_of_other_station",
    )  # fmt: skip
    assert len(list(folder.rglob("result-*.json"))) == 1
