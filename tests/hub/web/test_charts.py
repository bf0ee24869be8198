"""The charts beside the figures, in Chromium: drawn by the hub, with the table's numbers."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.hub.web.browser import chromium, log_in
from tests.hub.web.province import NOVEMBER, UNIT

S1 = "station-1"


@pytest.fixture
def driver():
    with chromium() as opened:
        yield opened


def day_table(driver: WebDriver, column: str) -> dict[str, str]:
    """Day → the text of one column of the figures table (a table by day)."""
    headings = driver.find_elements(By.CSS_SELECTOR, "#figures thead th a")
    at = [h.get_attribute("data-column") for h in headings].index(column)
    found = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "#figures tbody tr"):
        cells = row.find_elements(By.CSS_SELECTOR, "th, td")
        found[row.get_attribute("data-key")] = cells[at].text
    return found


def shown_rate(text: str) -> float | None:
    """ "50,00" as the Vietnamese screen writes it; "—" for none."""
    return None if text == "—" else float(text.replace(".", "").replace(",", "."))


def test_the_rate_chart_has_the_day_table_s_rates_and_the_target_line(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    for clerk in ("lan", "minh"):  # a table by day: a clerk's
        query = {**NOVEMBER, "unit": UNIT, "station": S1, "clerk": clerk}
        driver.get(f"{province.hub.url}/?{urlencode(query)}")
        chart = driver.find_element(By.CSS_SELECTOR, "#rate-chart svg.chart.rate.wide")
        assert chart.is_displayed()
        points = {
            p.get_attribute("data-day"): float(p.get_attribute("data-rate"))
            for p in chart.find_elements(By.CSS_SELECTOR, "circle.point")
        }
        rates = day_table(driver, "digitization_rate")
        table = {day: shown_rate(text) for day, text in rates.items()}
        assert points, "no day with a rate"
        assert points == {day: rate for day, rate in table.items() if rate is not None}
        target = chart.find_element(By.CSS_SELECTOR, "line.target")
        axis = chart.find_element(By.CSS_SELECTOR, "line.axis")
        top = 12  # chart.TOP: the 100 % line
        height = float(axis.get_attribute("y1")) - top
        target_y = float(target.get_attribute("y1"))
        assert target_y == pytest.approx(top + height * 0.2, abs=0.1)  # 80 % of the way up
        for point in chart.find_elements(By.CSS_SELECTOR, "circle.point"):
            above = float(point.get_attribute("data-rate")) >= 80
            assert ("good" if above else "low") in point.get_attribute("class")
            assert (float(point.get_attribute("cy")) <= target_y) == above


def test_the_pages_chart_has_the_day_table_s_pages(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    query = {**NOVEMBER, "unit": UNIT, "station": S1, "clerk": "lan"}
    driver.get(f"{province.hub.url}/?{urlencode(query)}")
    bars = driver.find_elements(By.CSS_SELECTOR, "#pages-chart svg.chart.wide rect.bar")
    assert len(bars) == 30  # a slot per day of November
    drawn = {}
    for bar in bars:
        day, pages = bar.find_element(By.TAG_NAME, "title").get_attribute("textContent").split(": ")
        drawn[day] = int(pages)
    table = day_table(driver, "pages")
    assert {day: int(text) for day, text in table.items()} == {d: drawn[d] for d in table}
    assert sum(drawn.values()) == sum(int(text) for text in table.values())


def test_the_page_loads_nothing_from_elsewhere(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
    assert driver.find_elements(By.CSS_SELECTOR, "#rate-chart svg.chart circle.point")
    loaded = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded and all(name.startswith(province.hub.url) for name in loaded)
    assert driver.find_elements(By.TAG_NAME, "script") == []
