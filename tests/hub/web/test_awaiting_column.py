"""Results awaiting scan on the dashboard, in real Chromium against a real hub: the overview's
card, the figures table's column (and its CSV and XLSX), and the stations table, each the
figure `/api/v1/stats` gives. Station 1 says which of its dossiers are finished; station 2
finished none; station 3 is an older station that does not say, so it shows no figure (—)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from station.stats.serialize import received_digest
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import AccountClient, connect
from tests.hub.conftest import log_in as api_log_in
from tests.hub.test_stats import S3, facts_body, received_of, scenario_events, send
from tests.hub.web.browser import chromium, log_in
from tests.hub.web.province import NOVEMBER, OTHER_UNIT, UNIT
from tests.station.stats.scenario import S1, S2


@dataclass(frozen=True)
class Readers:
    hub: HubHandle
    password: str  # the dashboard's province supervisor
    api: AccountClient  # another, on the API


def with_finished(facts: dict[str, Any], finished: bool) -> dict[str, Any]:
    """The facts as a station that says which dossiers it finished sends them."""
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for month in facts["received"]:
        months[month["month"]] = [{**row, "finished": finished} for row in month["rows"]]
    received = [
        {"month": m, "digest": received_digest(rows), "rows": rows} for m, rows in months.items()
    ]
    return {**facts, "received": received}


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Readers]:
    with running_hub(tmp_path_factory.mktemp("hub") / "hub") as handle:
        events = scenario_events()
        for name, unit, finished in ((S1, UNIT, True), (S2, UNIT, False), (S3, OTHER_UNIT, None)):
            facts = facts_body(name, events[name], received_of(name))
            if finished is not None:
                facts = with_finished(facts, finished)
            send(connect(handle, name, unit_code=unit), facts)
        password = handle.add_account("tinh", "province_supervisor")
        yield Readers(handle, password, api_log_in(handle, "api", "province_supervisor"))


@pytest.fixture
def driver() -> Iterator[WebDriver]:
    with chromium() as opened:
        yield opened


def api_stats(readers: Readers, **params: str) -> dict[str, Any]:
    response = readers.api.get("/api/v1/stats", params={**NOVEMBER, **params})
    assert response.status_code == 200, response.text
    return response.json()


def column(driver: WebDriver, table: str, heading: str) -> dict[str, str]:
    """A column of a page's table by its heading: row key (or "total") -> the cell's text."""
    headings = [th.text for th in driver.find_elements(By.CSS_SELECTOR, f"#{table} thead th")]
    at = headings.index(heading)
    found = {}
    for row in driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr, #{table} tfoot tr"):
        cells = row.find_elements(By.CSS_SELECTOR, "th, td")
        key = row.get_attribute("data-key") or row.get_attribute("data-station") or "total"
        found[key] = cells[at].text
    return found


def shown(count: int | None) -> str:
    return "—" if count is None else f"{count:,}".replace(",", ".")


def test_the_overview_shows_results_awaiting_per_unit_and_station(driver, hub) -> None:
    payload = api_stats(hub, by="unit")
    total = payload["results_awaiting"]
    assert total and total > 0  # station 1's finished paper-result dossiers without a result
    per_unit = {g["key"]: g["results_awaiting"] for g in payload["groups"]}
    assert per_unit == {UNIT: total, OTHER_UNIT: None}
    per_station = {s["station_id"]: s["results_awaiting"] for s in payload["stations"]}
    assert per_station == {S1: total, S2: 0, S3: None}

    log_in(driver, hub.hub.url, "tinh", hub.password)
    driver.get(f"{hub.hub.url}/?{urlencode(NOVEMBER)}")
    assert driver.find_element(By.ID, "awaiting-value").text == shown(total)
    oldest = driver.find_element(By.ID, "awaiting-oldest").text
    assert oldest.startswith(f"{payload['results_awaiting_oldest_days']} ngày")
    figures = column(driver, "figures", "Kết quả chờ số hóa")
    assert figures == {UNIT: shown(total), OTHER_UNIT: "—", "total": shown(total)}
    stations = column(driver, "stations", "Kết quả chờ số hóa")
    assert stations == {name: shown(n) for name, n in per_station.items()}

    driver.get(f"{hub.hub.url}/?{urlencode({**NOVEMBER, 'unit': UNIT})}")  # a row per station
    figures = column(driver, "figures", "Kết quả chờ số hóa")
    assert figures == {S1: shown(total), S2: "0", "total": shown(total)}
    cookie = {"sohoa_session": driver.get_cookie("sohoa_session")["value"]}
    for link, rows in (("export-csv", _csv_rows), ("export-xlsx", _xlsx_rows)):
        href = driver.find_element(By.ID, link).get_attribute("href")
        answer = requests.get(href, cookies=cookie, timeout=10)
        assert answer.status_code == 200
        written = rows(answer.content)
        head = next(i for i, r in enumerate(written) if r and r[0] == "Trạm" and len(r) > 1)
        at = written[head].index("Kết quả chờ số hóa")
        assert [(r[0], r[at]) for r in written[head + 1 :]] == [
            (S1, str(total)), (S2, "0"), ("Tổng", str(total)),
        ]  # fmt: skip


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(content: bytes) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheet = book["Trạm"]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
