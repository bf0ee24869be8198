"""Helpers for tests of drivers/twain on the fake pytwain (not part of pytwain)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from drivers.contract import CancelToken, ScannedPage, ScanSettings, Side
from drivers.twain import TwainDriver
from tests.fakes import twain as fake_twain
from tests.fakes.twain import imaging, simulator
from tests.fakes.twain.datasource import DataSource
from tests.fakes.twain.scanner import FakeScanner

PIXEL_TYPES = {"color": fake_twain.TWPT_RGB, "gray": fake_twain.TWPT_GRAY}
PIXEL_TYPES["lineart"] = fake_twain.TWPT_BW


def flatbed(**overrides) -> FakeScanner:
    return FakeScanner(**{"name": "Fake Flatbed", **overrides})


def feeder(sheets: int = 3, **overrides) -> FakeScanner:
    settings = {
        "name": "Fake DR-C225",
        "flatbed": False,
        "feeder": True,
        "duplex": True,
        "sheets": sheets,
        "buffer_size": 8 * 1024,  # several strips per page
    }
    return FakeScanner(**{**settings, **overrides})


def installer() -> Iterator:
    """Body of an `install` fixture: yields install(*scanners) -> TwainDriver on the fake, then
    uninstalls and checks that no global memory block (DIB, container) was left allocated."""
    before = fake_twain.live_handles()

    def install(*scanners: FakeScanner) -> TwainDriver:
        simulator.install(*scanners)
        return TwainDriver(twain_module=fake_twain)

    yield install
    simulator.uninstall()
    assert fake_twain.live_handles() == before, "global memory leaked (DIB or container)"


def scan_all(
    driver: TwainDriver, device: str, settings: ScanSettings, **kwargs
) -> list[ScannedPage]:
    return list(driver.scan(device, settings, kwargs.pop("cancel", CancelToken()), **kwargs))


def source(name: str | None = None) -> DataSource:
    """The last data source the driver opened (of that scanner)."""
    found = [ds for ds in simulator.opened if name is None or ds.scanner.name == name]
    assert found, "the driver opened no source"
    return found[-1]


def expected(page: ScannedPage, depth: int | None = None) -> np.ndarray:
    height, width = page.pixels.shape[:2]
    side = 1 if page.side is Side.BACK else 0
    depth = depth or page.depth
    return imaging.pattern(width, height, PIXEL_TYPES[page.mode.value], depth, page.sheet, side)


def assert_closed(ds: DataSource) -> None:
    """The driver stepped the source all the way back and closed it (TWAIN state 3)."""
    assert ds.state == 3, f"source left in TWAIN state {ds.state}"
