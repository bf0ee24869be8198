"""Screenshots of the overview for the documentation, at a laptop's and a phone's size; the page
must fit the phone's width (tables scroll inside their cards)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.conftest import REPO
from tests.hub.web.browser import available, chromium, log_in, viewport
from tests.hub.web.province import NOVEMBER

pytestmark = pytest.mark.skipif(not available(), reason="needs chromium and chromium-driver")
SHOTS = REPO / "docs" / "screenshots"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_overview_fits_and_is_photographed(province, width, height) -> None:
    with chromium(width, height) as driver:
        viewport(driver, width, height)
        log_in(driver, province.hub.url, "tinh", province.province_supervisor.password)
        driver.get(f"{province.hub.url}/?{urlencode(NOVEMBER)}")
        page_width = driver.execute_script("return document.documentElement.scrollWidth")
        assert page_width <= width
        driver.save_screenshot(str(SHOTS / f"hub_overview_{width}.png"))
