"""A code without a unit prefix is each unit's own: when stations of two units hold it, the
province supervisor picks the station in real Chromium; a unit supervisor sees their own."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from station.stats.periods import zone
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import commit_dossier, connect
from tests.hub.web.browser import chromium, downloaded, follow, log_in
from tests.hub.web.conftest import GENEROUS

UNIT_A, UNIT_B = "000.00.14.H05", "000.00.31.H05"
CODE = "HS-1"  # no unit in it: ST-A's and ST-B's are two dossiers
A_PDF, B_PDF = b"%PDF-1.4 station A's", b"%PDF-1.4 station B's"


class Hub(NamedTuple):
    handle: HubHandle
    province: str  # passwords
    unit_b: str


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    with running_hub(tmp_path_factory.mktemp("hub") / "hub", **GENEROUS) as handle:
        a, b = connect(handle, "ST-A", UNIT_A), connect(handle, "ST-B", UNIT_B)
        assert commit_dossier(a, CODE, "KA", A_PDF).status_code == 200
        assert commit_dossier(b, CODE, "KB", B_PDF).status_code == 200
        yield Hub(
            handle,
            handle.add_account("tinh", "province_supervisor"),
            handle.add_account("xa-b", "unit_supervisor", UNIT_B),
        )


def look_up(driver: WebDriver, url: str, code: str) -> None:
    driver.get(url + "/dossier")
    driver.find_element(By.ID, "code").send_keys(code)
    follow(driver, driver.find_element(By.ID, "look-up"))


def test_the_province_supervisor_picks_the_station_and_reads_its_dossier(
    hub: Hub, tmp_path: Path
) -> None:
    with chromium(downloads=tmp_path) as driver:
        log_in(driver, hub.handle.url, "tinh", hub.province)
        look_up(driver, hub.handle.url, CODE)
        assert driver.find_elements(By.ID, "dossier") == []  # no one's dossier chosen for them
        holders = driver.find_element(By.ID, "holders").text
        assert "Chọn trạm" in holders and UNIT_A in holders and UNIT_B in holders
        picks = driver.find_elements(By.CSS_SELECTOR, "form.pick-station button")
        assert [p.get_attribute("data-station") for p in picks] == ["ST-B", "ST-A"]
        follow(driver, picks[1])
        assert driver.find_element(By.ID, "dossier-station").text == "ST-A"
        assert driver.find_element(By.ID, "dossier-code").text == CODE
        driver.find_element(By.CSS_SELECTOR, 'form.open-file button[data-file="KA.pdf"]').click()
        assert downloaded(tmp_path, "KA.pdf") == A_PDF
        driver.find_element(By.ID, "components-csv").click()  # the export keeps the station
        today = datetime.now(UTC).astimezone(zone()).date().isoformat()
        sheet = downloaded(tmp_path, f"sohoa-components-{CODE}-{today}.csv").decode("utf-8-sig")
        assert "KA.pdf" in sheet and "KB.pdf" not in sheet


def test_the_stations_to_pick_from_export_as_the_page_lists_them(hub: Hub, tmp_path: Path) -> None:
    today = datetime.now(UTC).astimezone(zone()).date().isoformat()
    with chromium(downloads=tmp_path) as driver:
        log_in(driver, hub.handle.url, "tinh", hub.province)
        look_up(driver, hub.handle.url, CODE)
        rows = driver.find_elements(By.CSS_SELECTOR, "#holders-table tbody tr")
        cells = [row.find_elements(By.CSS_SELECTOR, "th, td")[:3] for row in rows]
        screen = [[cell.text for cell in row] for row in cells]  # station, unit, committed
        driver.find_element(By.ID, "holders-csv").click()
        written = downloaded(tmp_path, f"sohoa-holders-{CODE}-{today}.csv").decode("utf-8-sig")
        driver.find_element(By.ID, "holders-xlsx").click()
        book = openpyxl.load_workbook(
            io.BytesIO(downloaded(tmp_path, f"sohoa-holders-{CODE}-{today}.xlsx"))
        )
    lines = list(csv.reader(io.StringIO(written), delimiter=";"))
    assert lines[1] == ["Trạm", "Tên trạm", "Đơn vị", "Nhận tại tỉnh"]
    in_book = [[c or "" for c in row] for row in book.active.iter_rows(values_only=True)]
    for table in (lines[1:], in_book):
        assert table[0] == lines[1]
        as_screen = [[f"{s} {name}".strip(), unit, at] for s, name, unit, at in table[1:]]
        assert as_screen == screen
        assert [row[0] for row in table[1:]] == ["ST-B", "ST-A"]


def test_a_unit_supervisor_gets_their_units_dossier_without_a_choice(hub: Hub) -> None:
    with chromium() as driver:
        log_in(driver, hub.handle.url, "xa-b", hub.unit_b)
        look_up(driver, hub.handle.url, CODE)
        assert driver.find_elements(By.ID, "holders") == []
        assert driver.find_element(By.ID, "dossier-station").text == "ST-B"
        assert "KB.pdf" in driver.find_element(By.ID, "components").text
