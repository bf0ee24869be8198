"""The stations, the access log and a dossier's components sort by their columns in Chromium, as
the figures table does; the overview counts the stations online; the exports keep the order."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.hub.web.browser import chromium, downloaded, follow, log_in
from tests.hub.web.province import DOSSIER, NOVEMBER, SIGNED_DOSSIER, UNIT, Province
from tests.hub.web.web_client import Dashboard

S1, S2, S3, S4 = "station-1", "station-2", "station-3", "station-4"  # station 4: never seen


def stations(driver: WebDriver) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#stations tbody tr")
    return [row.get_attribute("data-station") for row in rows]


def sort_stations(driver: WebDriver, column: str) -> None:
    follow(driver, driver.find_element(By.CSS_SELECTOR, f'#stations th a[data-sort="{column}"]'))


def sorted_as(driver: WebDriver, table: str) -> tuple[str, str]:
    """The sorted column of a table and which way, as its heading says (aria-sort)."""
    heading = driver.find_element(By.CSS_SELECTOR, f"#{table} thead th[aria-sort]")
    return heading.find_element(By.CSS_SELECTOR, "[data-sort]").get_attribute(
        "data-sort"
    ), heading.get_attribute("aria-sort")


def test_the_overview_counts_the_stations_online_and_links_the_offline_ones(
    province,
) -> None:
    with chromium() as driver:
        log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
        assert driver.find_element(By.ID, "online-value").text == "3"
        assert driver.find_element(By.ID, "stations-value").text == "4"
        offline = driver.find_element(By.ID, "offline-link")
        assert offline.text == "1"
        follow(driver, offline)
        assert stations(driver)[0] == S4  # the offline one first
        assert driver.current_url.endswith("#stations")
        assert sorted_as(driver, "stations") == ("state", "ascending")
        follow(driver, driver.find_element(By.ID, "logout"))
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
        assert driver.find_element(By.ID, "online-value").text == "2"  # their unit's two
        assert driver.find_element(By.ID, "stations-value").text == "2"
        assert driver.find_element(By.ID, "offline-link").text == "0"


def test_the_stations_sort_by_state_last_seen_and_unit(province) -> None:
    with chromium() as driver:
        log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
        assert stations(driver) == [S1, S2, S3, S4]  # by id until asked
        sort_stations(driver, "state")
        assert stations(driver) == [S4, S1, S2, S3]  # offline first, then by id
        sort_stations(driver, "state")
        assert stations(driver) == [S1, S2, S3, S4]
        assert sorted_as(driver, "stations") == ("state", "descending")
        sort_stations(driver, "unit")
        assert stations(driver) == [S1, S2, S3, S4]  # 000.00.14 before 000.00.31; none last
        sort_stations(driver, "unit")
        assert stations(driver) == [S3, S1, S2, S4]  # no unit stays last
        sort_stations(driver, "last_seen")
        seen = _last_seen(province)
        assert stations(driver) == [S4, *sorted((S1, S2, S3), key=seen.__getitem__)]
        sort_stations(driver, "last_seen")
        assert stations(driver) == [*sorted((S1, S2, S3), key=seen.__getitem__, reverse=True), S4]


def _last_seen(province: Province) -> dict[str, str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(province.hub.config.sqlite_path)) as db:
        rows = db.execute(
            "SELECT s.client_id, s.last_seen_at, p.facts_received_at FROM stations s"
            " LEFT JOIN station_profiles p ON p.station_id = s.client_id"
        ).fetchall()
    # hub/stats.py's last contact: a heartbeat or facts, whichever came last
    return {client: max(t for t in times if t) for client, *times in rows if any(times)}


def test_sorting_one_table_keeps_the_other_s_order_and_the_export_follows(province) -> None:
    with chromium() as driver:
        log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode({**NOVEMBER, 'unit': UNIT})}")
        follow(driver, driver.find_element(By.CSS_SELECTOR, 'th a[data-column="pages"]'))
        figures = [r.get_attribute("data-key") for r in _rows(driver, "figures")]
        assert figures == [S1, S2]  # 8 pages, then 3
        sort_stations(driver, "station")
        sort_stations(driver, "station")  # by id, the other way round
        assert stations(driver) == [S2, S1]
        assert [r.get_attribute("data-key") for r in _rows(driver, "figures")] == figures
        href = driver.find_element(By.ID, "stations-csv").get_attribute("href")
        cookie = {"sohoa_session": driver.get_cookie("sohoa_session")["value"]}
        response = requests.get(href, cookies=cookie, timeout=10)
        assert response.status_code == 200
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert [line[0] for line in lines[2:]] == [S2, S1]  # after the title and the headings


def _rows(driver: WebDriver, table: str) -> list:
    return driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")


def test_the_access_log_sorts_by_its_columns_and_exports_in_that_order(province) -> None:
    for username, password in (
        ("tinh", province.province_supervisor.password),
        ("donvi", province.unit_supervisor.password),
    ):
        reader = Dashboard(province.hub.url)
        reader.log_in(username, password)
        reader.post("/dossier", {"csrf": reader.csrf("/dossier"), "code": DOSSIER})
    with chromium() as driver:
        log_in(driver, province.hub.url, "quantri", province.admin.password)
        assert sorted_as(driver, "access-log") == ("at", "descending")  # newest first
        newest_first = _log_rows(driver)
        follow(driver, driver.find_element(By.CSS_SELECTOR, '#access-log th a[data-sort="at"]'))
        assert _log_rows(driver) == newest_first[::-1]
        follow(driver, driver.find_element(By.CSS_SELECTOR, '#access-log th a[data-sort="actor"]'))
        readers = [row[1] for row in _log_rows(driver)]
        assert readers == sorted(readers) and {"donvi", "tinh"} <= set(readers)
        follow(driver, driver.find_element(By.CSS_SELECTOR, '#access-log th a[data-sort="actor"]'))
        shown = _log_rows(driver)
        assert [row[1] for row in shown] == sorted(readers, reverse=True)
        href = driver.find_element(By.ID, "log-csv").get_attribute("href")
        cookie = {"sohoa_session": driver.get_cookie("sohoa_session")["value"]}
        written = requests.get(href, cookies=cookie, timeout=10).content.decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(written), delimiter=";"))[2:] == shown


def _log_rows(driver: WebDriver) -> list[list[str]]:
    rows = _rows(driver, "access-log")
    return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in rows]


def test_a_dossier_s_components_sort_and_export_in_that_order(province, tmp_path) -> None:
    with chromium(downloads=tmp_path) as driver:
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        driver.get(province.hub.url + "/dossier")
        driver.find_element(By.ID, "code").send_keys(SIGNED_DOSSIER)
        follow(driver, driver.find_element(By.ID, "look-up"))
        assert _components(driver) == ["TP1", "TP2"]  # the manifest's order
        follow(driver, _sort_button(driver, "pages"))
        assert _components(driver) == ["TP1", "TP2"]  # 4 pages, then 1: most first
        assert sorted_as(driver, "components") == ("pages", "descending")
        follow(driver, _sort_button(driver, "pages"))
        assert _components(driver) == ["TP2", "TP1"]
        follow(driver, _sort_button(driver, "signature"))  # "Chưa ký" before "Đã ký"
        assert _components(driver) == ["TP2", "TP1"]
        assert driver.find_element(By.ID, "dossier-code").text == SIGNED_DOSSIER  # still shown
        driver.find_element(By.ID, "components-csv").click()
        name = next(iter(_wait_for_csv(tmp_path)))
        lines = list(csv.reader(io.StringIO(downloaded(tmp_path, name).decode("utf-8-sig")),
                                delimiter=";"))  # fmt: skip
        assert [line[0] for line in lines[2:]] == ["TP2", "TP1"]


def _components(driver: WebDriver) -> list[str]:
    rows = _rows(driver, "components")
    return [row.find_element(By.TAG_NAME, "th").text.split()[0] for row in rows]


def _sort_button(driver: WebDriver, column: str):
    return driver.find_element(By.CSS_SELECTOR, f'#components th button[data-sort="{column}"]')


def _wait_for_csv(folder) -> list[str]:
    from selenium.webdriver.support.ui import WebDriverWait

    def found(_: object) -> list[str]:
        return [p.name for p in folder.glob("*.csv")]

    return WebDriverWait(None, 10, poll_frequency=0.1).until(found)
