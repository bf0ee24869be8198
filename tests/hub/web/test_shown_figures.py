"""What the dashboard shows in real Chromium for figures no other browser test reads: the
queue backlog card, each row's digitization rate coloured against the 80 % line, and a signed
file's signature state and annotated page pairs in the dossier lookup (province.py)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.hub.web.browser import chromium, follow, log_in
from tests.hub.web.province import NOVEMBER, OTHER_UNIT, SIGNED_DOSSIER, UNIT, Province

TARGET = 80.0  # Quyết định 766's digitization target, the line the rate is coloured against


@pytest.fixture
def driver():
    with chromium() as opened:
        yield opened


def _overview(driver: WebDriver, province: Province, **params: str) -> None:
    driver.get(f"{province.hub.url}/?{urlencode({**NOVEMBER, **params})}")


def _text(driver: WebDriver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def _classes(element) -> set[str]:  # (a WebElement)
    return set((element.get_attribute("class") or "").split())


def _rate(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _rate_cells(driver: WebDriver) -> dict[str, tuple[str, set[str]]]:
    """Each figures row's key: its rate as shown and the rate cell's classes."""
    headings = driver.find_elements(By.CSS_SELECTOR, "#figures thead th")
    column = next(
        i for i, th in enumerate(headings)
        if th.find_elements(By.CSS_SELECTOR, 'a[data-column="digitization_rate"]')
    )  # fmt: skip
    cells = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "#figures tbody tr"):
        cell = row.find_elements(By.CSS_SELECTOR, "th, td")[column]
        cells[row.get_attribute("data-key")] = (cell.text, _classes(cell))
    return cells


def test_the_backlog_card_adds_the_stations_queues_in_scope(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    _overview(driver, province)
    assert _text(driver, "waiting-value") == "3"  # station 3's one and station 2's two
    assert _text(driver, "oldest-value") == "D20 (30/11/2026 23:50)"  # the older of the two
    follow_unit = driver.find_element(By.LINK_TEXT, UNIT)
    follow(driver, follow_unit)
    assert _text(driver, "waiting-value") == "2"
    assert _text(driver, "oldest-value") == "D12 (01/12/2026 09:00)"
    _overview(driver, province, unit=UNIT, station="station-1")
    assert _text(driver, "waiting-value") == "0"
    assert _text(driver, "oldest-value") == "Không có"


def test_each_unit_s_rate_is_coloured_against_the_80_percent_line(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    _overview(driver, province)
    cells = _rate_cells(driver)
    assert cells == {UNIT: ("50,00", {"num", "low"}), OTHER_UNIT: ("100,00", {"num", "good"})}
    for shown, classes in cells.values():
        assert ("good" in classes) == (_rate(shown) >= TARGET)
    assert "low" in _classes(driver.find_element(By.ID, "kpi-rate"))  # 57,14 % in all
    _overview(driver, province, unit=OTHER_UNIT)
    assert _text(driver, "rate-value") == "100,00"
    assert "good" in _classes(driver.find_element(By.ID, "kpi-rate"))


def test_a_signed_file_and_its_annotated_pairs_show_in_the_lookup(driver, province) -> None:
    log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
    driver.get(province.hub.url + "/dossier")
    driver.find_element(By.ID, "code").send_keys(SIGNED_DOSSIER)
    follow(driver, driver.find_element(By.ID, "look-up"))
    assert _text(driver, "dossier-code") == SIGNED_DOSSIER
    assert _text(driver, "dossier-pages") == "5"
    rows = driver.find_elements(By.CSS_SELECTOR, "#components tbody tr")
    shown = [[c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")] for row in rows]
    assert [(r[0].split()[0], r[5], r[6]) for r in shown] == [
        ("TP1", "Đã ký, hợp lệ khi nhận", "1–2, 3–4"),
        ("TP2", "Chưa ký", "—"),
    ]
    states = [row.find_elements(By.CSS_SELECTOR, "td")[4] for row in rows]
    assert [_classes(cell) for cell in states] == [{"sig-signed"}, {"sig-unsigned"}]
