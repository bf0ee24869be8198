"""In real Chromium: a supervisor's drill-down to a station's clerks and to one clerk is on the
administrator's access-log page; the unit's and the station list's views are not."""

from __future__ import annotations

from urllib.parse import urlencode

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.hub.web.browser import chromium, follow, log_in
from tests.hub.web.province import NOVEMBER, UNIT, Province

S1 = "station-1"
PERIOD = "period=2026-11-01/2026-11-30"


def follow_link(driver: WebDriver, text: str, by: str = By.LINK_TEXT) -> None:
    follow(driver, driver.find_element(by, text))


def clerk_reads(driver: WebDriver) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, '#access-log tr[data-action="read_clerk_figures"]')
    return [row.text for row in rows]


def test_a_drill_down_to_clerks_is_on_the_access_log_page(province: Province) -> None:
    with chromium() as driver:
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
        follow_link(driver, UNIT)  # the unit's stations: no staff named
        follow_link(driver, S1)  # the station's clerks
        follow_link(driver, "lan")  # one clerk's days
        follow_link(driver, "logout", By.ID)
        log_in(driver, province.hub.url, "quantri", province.admin.password)
        driver.get(province.hub.url + "/access-log")
        reads = clerk_reads(driver)
    assert len(reads) == 2, reads
    newest, oldest = reads
    assert "donvi" in oldest and S1 in oldest and f"clerk=* {PERIOD}" in oldest
    assert f"clerk=lan {PERIOD}" in newest
    assert all("Xem số liệu theo cán bộ" in row and "Giám sát đơn vị" in row for row in reads)
