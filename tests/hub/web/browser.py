"""Real Chromium (the distribution's chromium and chromium-driver) driven by Selenium.

A machine without them fails the browser tests rather than skipping them: `scripts/setup.sh
test` installs both, and a skipped run would pass the dashboard's acceptance unseen (as
tests/hub/postgres.py does for PostgreSQL)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


MISSING = (
    "Chromium or its driver is missing ({}): the dashboard's browser tests need the"
    " distribution's chromium and chromium-driver; scripts/setup.sh test installs them"
    " (apt install chromium chromium-driver)"
)


def missing() -> list[str]:
    """The paths of chromium and chromedriver that are not there."""
    return [path for path in (CHROMIUM, DRIVER) if not Path(path).is_file()]


@contextmanager
def chromium(
    width: int = 1366, height: int = 768, downloads: Path | None = None
) -> Iterator[WebDriver]:
    """`downloads`: where files the pages send as attachments are saved, without asking.
    Fails the test, saying what to install, without Chromium."""
    if absent := missing():
        pytest.fail(MISSING.format(", ".join(absent)), pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # tests may run as root in a container
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
        "--lang=vi",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


def log_in(driver: WebDriver, url: str, username: str, password: str) -> None:
    driver.get(url + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    follow(driver, driver.find_element(By.ID, "submit"))


def follow(driver: WebDriver, element: WebElement) -> None:
    """Clicks a link or button and waits until the page it leads to has loaded.

    The click does not wait for the next page. The old page is marked and the wait lasts until
    a loaded page without the mark answers; while the page is being swapped, Chromium may answer
    any command with an error (seen: "Node with given id does not belong to the document"), so
    errors only mean "not yet"."""
    driver.execute_script("window.sohoaOldPage = true")
    element.click()

    def replaced(_: object) -> bool:
        return bool(
            driver.execute_script(
                "return document.readyState === 'complete' && !window.sohoaOldPage"
            )
        )

    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(replaced)


def viewport(driver: WebDriver, width: int, height: int) -> None:
    """Makes the page's viewport exactly width × height CSS pixels."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def downloaded(folder: Path, name: str, timeout: float = 10.0) -> bytes:
    """The bytes of `name` once Chromium has finished saving it into `folder`."""

    def done(_: object) -> bool:
        return (folder / name).is_file() and not list(folder.glob("*.crdownload"))

    WebDriverWait(None, timeout, poll_frequency=0.1).until(done)
    return (folder / name).read_bytes()


def arrived(driver: WebDriver, url_start: str, timeout: float = 10.0) -> None:
    """Waits until the window has loaded a page whose address starts with `url_start` (after a
    page that navigates by itself, such as a form it submits)."""

    def there(_: object) -> bool:
        return driver.current_url.startswith(url_start) and bool(
            driver.execute_script("return document.readyState === 'complete'")
        )

    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(there)


@contextmanager
def served_page(html: str) -> Iterator[str]:
    """`html` served at the URL yielded, on 127.0.0.1 at a port of its own: another origin than
    the hub's but the same site, so the browser sends the hub's SameSite=Strict cookies with a
    request this page makes."""
    body = html.encode("utf-8")

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, name="served-page", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
