"""The dashboard in real Chromium against a real hub with a known province (province.py)."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote, urlencode

import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from station.accounts import Accounts
from station.accounts import Role as StationRole
from station.store import Store
from tests.hub.web.browser import arrived, chromium, follow, log_in, served_page
from tests.hub.web.province import DOSSIER, NOVEMBER, OTHER_DOSSIER, OTHER_UNIT, UNIT, Province

S1, S2, S3, S4 = "station-1", "station-2", "station-3", "station-4"


@pytest.fixture
def driver():
    with chromium() as opened:
        yield opened


def overview(driver: WebDriver, province: Province, **params: str) -> None:
    driver.get(f"{province.hub.url}/?{urlencode({**NOVEMBER, **params})}")


def row_keys(driver: WebDriver, table: str) -> list[str]:
    attribute = "data-key" if table == "figures" else "data-station"
    rows = driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")
    return [row.get_attribute(attribute) for row in rows]


def screen_rows(driver: WebDriver) -> list[list[str]]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#figures tbody tr, #figures tfoot tr")
    return [[c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")] for row in rows]


def test_a_unit_supervisor_sees_their_unit_and_nothing_else(driver, province) -> None:
    log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
    overview(driver, province)
    assert row_keys(driver, "figures") == [UNIT]
    assert row_keys(driver, "stations") == [S1, S2]
    assert driver.find_element(By.ID, "rate-value").text == "50,00"  # 3 of 6, unit 1 alone
    assert S3 not in driver.page_source and OTHER_UNIT not in driver.page_source
    overview(driver, province, unit=OTHER_UNIT)
    assert driver.find_element(By.ID, "problem").is_displayed()
    overview(driver, province, unit=OTHER_UNIT, station=S3)
    assert driver.find_element(By.ID, "problem").is_displayed()


def test_a_province_supervisor_sees_every_unit_and_drills_down(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    overview(driver, province)
    assert row_keys(driver, "figures") == [UNIT, OTHER_UNIT]
    assert row_keys(driver, "stations") == [S1, S2, S3, S4]
    assert driver.find_element(By.ID, "rate-value").text == "57,14"  # the station's formula
    offline = driver.find_element(By.CSS_SELECTOR, f'#stations tr[data-station="{S4}"]').text
    assert "Mất kết nối" in offline and "Chưa thấy" in offline
    named = driver.find_element(By.CSS_SELECTOR, f'#stations tr[data-station="{S1}"] th').text
    assert named == f"{S1} PC {S1}"  # the name the station gives itself beside its id
    assert "D20" in driver.find_element(By.ID, "oldest-value").text
    # unit → station → clerk → day
    follow(driver, driver.find_element(By.LINK_TEXT, UNIT))
    assert row_keys(driver, "figures") == [S1, S2]
    follow(driver, driver.find_element(By.LINK_TEXT, S1))
    assert row_keys(driver, "figures") == [f"{S1}/lan", f"{S1}/minh"]
    follow(driver, driver.find_element(By.LINK_TEXT, "lan"))
    days = row_keys(driver, "figures")  # her pages on the 3rd; uploads, failures other days
    assert "2026-11-03" in days and all(d.startswith("2026-11-") for d in days)
    assert driver.find_element(By.ID, "here").text == "lan"
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")


def test_sorting_by_a_column_reorders_the_rows(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    overview(driver, province, unit=UNIT)
    follow(driver, driver.find_element(By.CSS_SELECTOR, 'th a[data-column="pages"]'))
    assert row_keys(driver, "figures") == [S1, S2]  # 8 pages, then 3: most first
    follow(driver, driver.find_element(By.CSS_SELECTOR, 'th a[data-column="pages"]'))
    assert row_keys(driver, "figures") == [S2, S1]


def test_the_csv_export_has_the_numbers_on_the_screen(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    overview(driver, province, unit=UNIT)
    shown = screen_rows(driver)
    href = driver.find_element(By.ID, "export-csv").get_attribute("href")
    cookie = driver.get_cookie("sohoa_session")["value"]
    response = requests.get(href, cookies={"sohoa_session": cookie}, timeout=10)
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    heading = next(i for i, line in enumerate(lines) if len(line) > 1 and line[0] == "Trạm")
    written = lines[heading + 1 :]
    assert [row[0] for row in written] == [S1, S2, "Tổng"]
    assert len(written) == len(shown)
    for on_screen, in_file in zip(shown, written, strict=True):
        assert [_number(c) for c in on_screen[1:]] == [_number(c) for c in in_file[1:]]
    xlsx_href = driver.find_element(By.ID, "export-xlsx").get_attribute("href")
    xlsx = requests.get(xlsx_href, cookies={"sohoa_session": cookie}, timeout=10)
    assert xlsx.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True)
    sheet = book["Trạm"]  # the table's title; the period is on the first sheet
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Trạm" and [row[0] for row in rows[1:]] == [S1, S2, "Tổng"]
    for on_screen, in_book in zip(shown, rows[1:], strict=True):
        assert [_number(c) for c in on_screen[1:]] == [_rounded(c) for c in in_book[1:]]
    assert all(isinstance(c, int | float) for c in rows[1][1:4])  # numbers, not text


def _rounded(value: object) -> float | None:
    """A workbook's number as the screen shows it: two decimals at most."""
    if value is None:
        return None
    assert isinstance(value, int | float), value
    return round(float(value), 2)


def _number(text: str) -> float | None:
    """A cell as a number, whether the screen's "2.575,00" or the file's "2575,0"."""
    text = text.strip()
    if text in ("", "—"):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def test_a_dossier_lookup_is_found_in_the_access_log(driver, province) -> None:
    log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
    driver.get(province.hub.url + "/dossier")
    driver.find_element(By.ID, "code").send_keys(DOSSIER)
    follow(driver, driver.find_element(By.ID, "look-up"))
    assert driver.find_element(By.ID, "dossier-code").text == DOSSIER
    assert driver.find_element(By.ID, "dossier-station").text == S1
    assert "TP1" in driver.find_element(By.ID, "components").text
    assert "Chưa ký" in driver.find_element(By.ID, "components").text
    driver.find_element(By.ID, "code").clear()
    driver.find_element(By.ID, "code").send_keys(OTHER_DOSSIER)  # another unit's
    follow(driver, driver.find_element(By.ID, "look-up"))
    assert driver.find_element(By.ID, "problem").is_displayed()
    follow(driver, driver.find_element(By.ID, "logout"))
    log_in(driver, province.hub.url, "quantri", province.admin.password)
    assert driver.current_url.endswith("/access-log")
    log = driver.find_element(By.ID, "access-log").text
    assert "donvi" in log and DOSSIER in log and OTHER_DOSSIER not in log


def test_a_wrong_password_and_a_station_are_refused(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", "certainly not the password")
    assert driver.find_element(By.ID, "problem").text == "Sai tên đăng nhập hoặc mật khẩu."
    log_in(driver, province.hub.url, S1, province.station_secret)
    assert driver.find_element(By.ID, "problem").is_displayed()
    assert driver.get_cookie("sohoa_session") is None


def test_a_station_s_clerk_or_supervisor_login_opens_no_dashboard(
    driver, province, tmp_path
) -> None:
    """Clerks and a station's own supervisors are accounts of that station (station/accounts,
    in its database); the hub keeps none of them, so their name and password are refused at the
    hub as any unknown ones are. "lan" is a clerk whose figures the hub holds."""
    password = "mật khẩu của Lan 2026"
    with Store.open(tmp_path / "station") as station, Accounts(station.database) as book:
        for user, role in (("lan", StationRole.CLERK), ("thu", StationRole.SUPERVISOR)):
            book.add(user, f"Tài khoản {user}", role, password)
            assert book.authenticate(user, password).role is role  # it opens the station
    for user in ("lan", "thu"):
        log_in(driver, province.hub.url, user, password)
        assert driver.find_element(By.ID, "problem").text == "Sai tên đăng nhập hoặc mật khẩu."
        assert driver.get_cookie("sohoa_session") is None


def test_a_cross_site_form_reads_nothing(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    before = _log_size(province)
    attack = (
        f'<form method="post" action="{province.hub.url}/dossier">'
        f'<input name="code" value="{DOSSIER}"></form>'
        "<script>document.forms[0].submit()</script>"
    )
    driver.get("data:text/html;charset=utf-8," + quote(attack))
    driver.implicitly_wait(2)
    assert driver.find_elements(By.ID, "dossier") == []
    assert _log_size(province) == before


def test_a_same_site_form_is_refused_by_the_csrf_check(driver, province) -> None:
    """A page of another origin on the same site (127.0.0.1, another port): the browser sends
    the login cookie, so only the hub's own check stands between the form and the dossier."""
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    before = _log_size(province)
    attack = (
        f'<form method="post" action="{province.hub.url}/dossier">'
        f'<input name="csrf" value="{"0" * 64}"><input name="code" value="{DOSSIER}"></form>'
        "<script>document.forms[0].submit()</script>"
    )
    with served_page(attack) as elsewhere:
        assert not elsewhere.startswith(province.hub.url)
        driver.get(elsewhere)
        arrived(driver, province.hub.url + "/dossier")
    assert driver.find_element(By.ID, "problem").text == "Yêu cầu bị từ chối (CSRF)."
    assert driver.find_element(By.ID, "logout").is_displayed()  # the hub knew the login
    assert driver.find_elements(By.ID, "dossier") == []
    assert _log_size(province) == before


def _log_size(province: Province) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(province.hub.config.sqlite_path)) as db:
        return db.execute("SELECT COUNT(*) FROM access_log").fetchone()[0]


def test_the_language_switch_shows_english(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    overview(driver, province)
    follow(driver, driver.find_element(By.LINK_TEXT, "English"))
    assert driver.find_element(By.ID, "rate-value").text == "57.14"
    assert "Digitization rate (4.2)" in driver.page_source
    assert _shown_day(driver, "since") == "2026-11-01"


def test_the_period_is_shown_and_typed_day_first_in_vietnamese(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    overview(driver, province)
    assert _shown_day(driver, "since") == "01/11/2026"
    assert _shown_day(driver, "until") == "30/11/2026"
    since = driver.find_element(By.ID, "since")
    since.clear()
    since.send_keys("05/11/2026")  # the 5th of November, not the 11th of May
    follow(driver, driver.find_element(By.CSS_SELECTOR, "form.period button"))
    assert _shown_day(driver, "since") == "05/11/2026"
    days = driver.find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("innerHTML")
    assert "05/11" in days and "04/11" not in days and "01/11" not in days


def _shown_day(driver: WebDriver, name: str) -> str:
    """What the reader sees in a period field (a date picker would write the browser's way)."""
    field = driver.find_element(By.ID, name)
    assert field.get_attribute("type") == "text"
    return field.get_attribute("value")
