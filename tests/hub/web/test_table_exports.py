"""The stations table and the access log as CSV and XLSX, in Chromium: the rows of the page,
within the reader's scope; the access log for administrators only."""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from urllib.parse import urlencode

import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from station.stats.periods import zone
from tests.hub.web.browser import chromium, downloaded, follow, log_in
from tests.hub.web.province import DOSSIER, NOVEMBER, OTHER_DOSSIER, Province
from tests.hub.web.web_client import Dashboard

S1, S2, S3, S4 = "station-1", "station-2", "station-3", "station-4"


@pytest.fixture
def driver():
    with chromium() as opened:
        yield opened


def fetched(driver: WebDriver, link_id: str) -> requests.Response:
    """What the page's export link gives, with the browser's login."""
    href = driver.find_element(By.ID, link_id).get_attribute("href")
    cookie = driver.get_cookie("sohoa_session")["value"]
    response = requests.get(href, cookies={"sohoa_session": cookie}, timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"].startswith("attachment;")
    return response


def csv_rows(response: requests.Response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response: requests.Response) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(book.sheetnames) == 1
    return [["" if c is None else str(c) for c in row] for row in book.active.values]


def table_rows(driver: WebDriver, table: str) -> list[list[str]]:
    rows = driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")
    return [[c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")] for row in rows]


def headings(driver: WebDriver, table: str) -> list[str]:
    return [th.text for th in driver.find_elements(By.CSS_SELECTOR, f"#{table} thead th")]


def as_screen(row: list[str]) -> list[str]:
    """An exported station row as the page writes it: the name beside the station's id."""
    station, name, *rest = row
    return [f"{station} {name}" if name else station, *rest]


def test_the_stations_export_has_the_page_s_rows_in_scope(driver, province) -> None:
    log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
    driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
    screen = table_rows(driver, "stations")
    assert [row[0].split()[0] for row in screen] == [S1, S2]
    in_csv = csv_rows(fetched(driver, "stations-csv"))
    in_xlsx = xlsx_rows(fetched(driver, "stations-xlsx"))
    for written in (in_csv[1:], in_xlsx):
        assert written[0] == [
            "Trạm", "Tên trạm", "Đơn vị", "Trạng thái", "Lần cuối", "Kết quả chờ số hóa"
        ]  # fmt: skip
        assert [as_screen(row) for row in written[1:]] == screen
    assert in_csv[0] == ["Trạm"]  # the title line


def test_a_province_supervisor_s_stations_export_has_every_station(driver, province) -> None:
    log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
    driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
    written = xlsx_rows(fetched(driver, "stations-xlsx"))
    assert [row[0] for row in written[1:]] == [S1, S2, S3, S4]
    assert "Chưa thấy" in written[-1] and "Mất kết nối" in written[-1]  # station 4, never seen


def test_the_access_log_export_has_the_page_s_rows(driver, province) -> None:
    reader = Dashboard(province.hub.url)
    reader.log_in("donvi", province.unit_supervisor.password)
    reader.post("/dossier", {"csrf": reader.csrf("/dossier"), "code": DOSSIER})
    log_in(driver, province.hub.url, "quantri", province.admin.password)
    screen = table_rows(driver, "access-log")
    read = [row for row in screen if "donvi" in row and DOSSIER in row]
    assert read and all("Xem hồ sơ" in row and "Giám sát đơn vị" in row for row in read)
    in_csv = csv_rows(fetched(driver, "log-csv"))
    in_xlsx = xlsx_rows(fetched(driver, "log-xlsx"))
    for written in (in_csv[1:], in_xlsx):
        assert written[0] == headings(driver, "access-log")
        assert written[1:] == screen


def _supervisor_gets(province: Province, path: str) -> requests.Response:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    return dashboard.get(path)


def test_the_access_log_export_is_for_administrators_only(province) -> None:
    for fmt in ("csv", "xlsx"):
        response = _supervisor_gets(province, f"/access-log.{fmt}")
        assert response.status_code == 303 and response.headers["location"] == "/"
    assert Dashboard(province.hub.url).get("/access-log.csv").status_code == 303  # no login


def test_a_unit_supervisor_exports_no_other_unit_s_stations(driver, province) -> None:
    log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
    driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
    href = driver.find_element(By.ID, "stations-csv").get_attribute("href")
    cookie = {"sohoa_session": driver.get_cookie("sohoa_session")["value"]}
    other = href.replace("stations.csv?", f"stations.csv?station={S3}&unit=000.00.31.H05&")
    response = requests.get(other, cookies=cookie, timeout=10, allow_redirects=False)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")  # the "not yours" page
    assert "attachment" not in response.headers.get("content-disposition", "")


def _looked_up(driver: WebDriver, province: Province, code: str) -> None:
    driver.get(province.hub.url + "/dossier")
    driver.find_element(By.ID, "code").send_keys(code)
    follow(driver, driver.find_element(By.ID, "look-up"))


def _components_file(fmt: str) -> str:
    today = datetime.now(UTC).astimezone(zone()).date().isoformat()
    return f"sohoa-components-{DOSSIER}-{today}.{fmt}"


def test_the_components_export_has_the_lookup_s_rows(province, tmp_path) -> None:
    with chromium(downloads=tmp_path) as driver:
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        _looked_up(driver, province, DOSSIER)
        screen = table_rows(driver, "components")
        assert screen == [["TP1 Thành phần 1", "k-dossier-1.pdf", "1", "17", "Có", "Chưa ký", "—"]]
        driver.find_element(By.ID, "components-csv").click()
        in_csv = csv_rows(_as_response(downloaded(tmp_path, _components_file("csv"))))
        driver.find_element(By.ID, "components-xlsx").click()
        in_xlsx = xlsx_rows(_as_response(downloaded(tmp_path, _components_file("xlsx"))))
    assert in_csv[0] == ["Thành phần"]  # the title line
    for written in (in_csv[1:], in_xlsx):
        assert written[0] == [
            "Thành phần", "Tên thành phần", "Tệp", "Trang đã lưu", "Dung lượng", "Số hóa", "Chữ ký",
            "Cặp trang chú thích",
        ]  # fmt: skip
        assert [as_screen(row) for row in written[1:]] == screen
    book = openpyxl.load_workbook(io.BytesIO((tmp_path / _components_file("xlsx")).read_bytes()))
    assert [cell.value for cell in book.active[2]][3:5] == [1, 17]  # numbers, not text


def _as_response(content: bytes) -> requests.Response:
    response = requests.Response()
    response._content = content
    return response


def test_the_components_export_is_a_logged_read_within_scope_from_the_page_only(
    province,
) -> None:
    reader = Dashboard(province.hub.url)
    reader.log_in("donvi", province.unit_supervisor.password)
    token = reader.csrf("/dossier")
    before = _reads_of(province, DOSSIER)
    answer = reader.post("/dossier/components.csv", {"csrf": token, "code": DOSSIER})
    assert answer.status_code == 200 and answer.content.startswith(b"\xef\xbb\xbf")
    assert _reads_of(province, DOSSIER) == before + 1
    other = reader.post("/dossier/components.xlsx", {"csrf": token, "code": OTHER_DOSSIER})
    assert other.status_code == 404 and "attachment" not in other.headers.get(
        "content-disposition", ""
    )
    forged = reader.post("/dossier/components.csv", {"csrf": "0" * 64, "code": DOSSIER})
    assert forged.status_code == 403
    assert _reads_of(province, DOSSIER) == before + 1


def _reads_of(province: Province, code: str) -> int:
    with closing(sqlite3.connect(province.hub.config.sqlite_path)) as db:
        return db.execute("SELECT COUNT(*) FROM access_log WHERE target = ?", (code,)).fetchone()[0]
