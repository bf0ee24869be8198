"""Real Chromium (the distribution's chromium and chromium-driver) driven by Selenium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def available() -> bool:
    return bool(shutil.which("chromedriver") and shutil.which("chromium"))


@contextmanager
def chromium(
    width: int = 1366, height: int = 768, downloads: Path | None = None
) -> Iterator[WebDriver]:
    """`downloads`: where files the pages send as attachments are saved, without asking."""
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
