"""Screenshots of the overview for the documentation, at a laptop's and a phone's size; every
page must fit the phone's width (tables scroll inside their cards, the page never sideways)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.conftest import REPO
from tests.hub.web.browser import chromium, follow, log_in, viewport
from tests.hub.web.province import DOSSIER, NOVEMBER, UNIT

SHOTS = REPO / "docs" / "screenshots"
PHONE = (390, 844)


def _page_width(driver: WebDriver) -> int:
    return driver.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


def _scrolls_sideways(driver: WebDriver) -> bool:
    """Whether the window itself can be scrolled to the right (tables may, inside cards)."""
    return driver.execute_script("window.scrollTo(10000, 0); return window.scrollX > 0")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), PHONE])
def test_the_overview_fits_and_is_photographed(province, width, height) -> None:
    with chromium(width, height) as driver:
        viewport(driver, width, height)
        log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
        assert _page_width(driver) <= width
        assert not _scrolls_sideways(driver)
        driver.save_screenshot(str(SHOTS / f"hub_overview_{width}.png"))


DRILLED = {
    "unit": {"unit": UNIT},
    "station": {"unit": UNIT, "station": "station-1"},
    "clerk": {"unit": UNIT, "station": "station-1", "clerk": "lan"},
}


@pytest.mark.parametrize("level", list(DRILLED))
def test_each_drill_down_level_fits_a_phone(province, level) -> None:
    width, height = PHONE
    with chromium(width, height) as driver:
        viewport(driver, width, height)
        log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode({**NOVEMBER, **DRILLED[level]})}")
        assert driver.find_elements(By.CSS_SELECTOR, "#figures tbody tr")  # the level's rows
        assert _page_width(driver) <= width
        assert not _scrolls_sideways(driver)


def test_the_dossier_lookup_fits_a_phone(province) -> None:
    width, height = PHONE
    with chromium(width, height) as driver:
        viewport(driver, width, height)
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        driver.get(province.hub.url + "/dossier")
        driver.find_element(By.ID, "code").send_keys(DOSSIER)
        follow(driver, driver.find_element(By.ID, "look-up"))
        assert driver.find_element(By.ID, "dossier-code").text == DOSSIER
        assert driver.find_elements(By.CSS_SELECTOR, "#components tbody tr")
        assert _page_width(driver) <= width
        assert not _scrolls_sideways(driver)


def test_the_access_log_fits_a_phone(province) -> None:
    width, height = PHONE
    with chromium(width, height) as driver:
        viewport(driver, width, height)
        log_in(driver, province.hub.url, "quantri", province.admin.password)
        assert driver.current_url.endswith("/access-log")
        assert driver.find_elements(By.CSS_SELECTOR, "#access-log tbody tr")
        assert _page_width(driver) <= width
        assert not _scrolls_sideways(driver)
