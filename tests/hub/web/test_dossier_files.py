"""Opening a dossier's file from the lookup page, in Chromium: within the reader's unit only,
the stored bytes as a download, and every opening in the access log."""

from __future__ import annotations

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from hub.web.dossier_file import attachment
from tests.hub.web.browser import chromium, downloaded, follow, log_in
from tests.hub.web.province import DOSSIER, OTHER_DOSSIER, Province
from tests.hub.web.web_client import Dashboard, csrf_of

S1, S3 = "station-1", "station-3"
FILE, OTHER_FILE = "k-dossier-1.pdf", "k-dossier-3.pdf"  # tests/hub/conftest.py's manifest_for


def look_up(driver: WebDriver, province: Province, code: str) -> None:
    driver.get(province.hub.url + "/dossier")
    driver.find_element(By.ID, "code").send_keys(code)
    follow(driver, driver.find_element(By.ID, "look-up"))


def test_a_unit_supervisor_opens_their_unit_s_file_and_the_admin_sees_it(
    province, tmp_path
) -> None:
    stored = province.hub.config.dossiers_dir / S1 / DOSSIER / FILE
    with chromium(downloads=tmp_path) as driver:
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        look_up(driver, province, DOSSIER)
        button = driver.find_element(By.CSS_SELECTOR, f'form.open-file button[data-file="{FILE}"]')
        button.click()
        assert downloaded(tmp_path, FILE) == stored.read_bytes() == b"%PDF-1.4 one page"
        # The same form, pointed at the other unit's dossier: as if it did not exist.
        driver.execute_script(
            "const form = document.querySelector('form.open-file');"
            "form.code.value = arguments[0]; form.station.value = arguments[1];"
            "form.name.value = arguments[2];",
            OTHER_DOSSIER,
            S3,
            OTHER_FILE,
        )
        follow(driver, driver.find_element(By.CSS_SELECTOR, "form.open-file button"))
        assert driver.find_element(By.ID, "problem").is_displayed()
        assert not (tmp_path / OTHER_FILE).exists()
        follow(driver, driver.find_element(By.ID, "logout"))
        log_in(driver, province.hub.url, "quantri", province.admin.password)
        opened = driver.find_elements(By.CSS_SELECTOR, '#access-log tr[data-action="open_file"]')
        texts = [row.text for row in opened]
        assert any("donvi" in t and f"{DOSSIER}/{FILE}" in t and S1 in t for t in texts), texts
        assert all("Mở tệp" in t for t in texts)
        assert not any(OTHER_DOSSIER in t for t in texts)


def _opening(dashboard: Dashboard, code: str, station: str, name: str) -> requests.Response:
    look_up_page = dashboard.get("/dossier")
    data = {"csrf": csrf_of(look_up_page.text), "code": code, "station": station, "name": name}
    return dashboard.post("/dossier/file", data)


def test_the_file_is_an_attachment_no_cache_keeps(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("donvi", province.unit_supervisor.password)
    response = _opening(dashboard, DOSSIER, S1, FILE)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 one page"
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"].startswith(f'attachment; filename="{FILE}"')


@pytest.mark.parametrize(
    ("code", "station", "name"),
    [
        (OTHER_DOSSIER, S3, OTHER_FILE),  # another unit's
        (OTHER_DOSSIER, S1, OTHER_FILE),  # another unit's, claimed for a station of the unit
        (DOSSIER, S3, FILE),  # the unit's, claimed for another unit's station
        (DOSSIER, S1, "manifest.json"),  # in the folder, not a file of the dossier
        (DOSSIER, S1, "../k-dossier-1.pdf"),
        (DOSSIER, "", FILE),
    ],
)
def test_what_a_unit_supervisor_may_not_open_is_not_found(province, code, station, name) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("donvi", province.unit_supervisor.password)
    response = _opening(dashboard, code, station, name)
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_a_province_supervisor_opens_any_unit_s_file(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    response = _opening(dashboard, OTHER_DOSSIER, S3, OTHER_FILE)
    assert response.status_code == 200 and response.content == b"%PDF-1.4 other"


def test_an_opening_without_the_page_s_token_is_refused(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("donvi", province.unit_supervisor.password)
    response = dashboard.post("/dossier/file", {"code": DOSSIER, "station": S1, "name": FILE})
    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_a_file_name_goes_out_in_ascii_and_in_utf_8() -> None:
    header = attachment('Giấy "tờ".pdf')
    plain, encoded = header.split("; filename*=")
    assert plain == 'attachment; filename="Gi_y _t__.pdf"'
    assert encoded == "UTF-8''Gi%E1%BA%A5y%20%22t%E1%BB%9D%22.pdf"
