"""The virtual scanner streams: strips go to the PageWriter as they are made, never a whole page."""

from __future__ import annotations

import math
import tempfile
import tracemalloc

import numpy as np
import pytest

from drivers.contract import CancelToken, ScanSettings, Side
from drivers.virtual import VirtualDriver
from drivers.virtual.options import VirtualOptions
from drivers.virtual.pages import build_scene
from drivers.virtual.strips import STRIP_ROWS, StripScanner
from station.paper import mm_to_px, parse_paper

A0_300_DPI_BYTES = 9933 * 14043 * 3  # 418 MB


class RecordingWriter:
    """Keeps nothing; remembers what it was given."""

    def __init__(self) -> None:
        self.begun: tuple | None = None
        self.writes: list[int] = []

    def begin(self, width, channels, dtype, height) -> None:
        self.begun = (width, channels, np.dtype(dtype), height)

    def write(self, rows: np.ndarray) -> None:
        assert self.begun is not None
        assert rows.shape[1:] == (self.begun[0], self.begun[1]) and rows.dtype == self.begun[2]
        self.writes.append(len(rows))

    def finish(self) -> np.ndarray:
        return np.zeros((0, self.begun[0], self.begun[1]), self.begun[2])


class SpoolWriter(RecordingWriter):
    """Writes the rows to a temporary file, as a worker's spool would, and holds none of them."""

    def __init__(self, spool) -> None:
        super().__init__()
        self.spool = spool

    def write(self, rows: np.ndarray) -> None:
        super().write(rows)
        self.spool.write(rows.tobytes())


def test_a_large_page_reaches_the_writer_in_strips() -> None:
    writer = RecordingWriter()
    settings = ScanSettings(paper=parse_paper("A2"), dpi=150, options=(("skew", "5"),))
    [page] = VirtualDriver().scan("virtual:a0", settings, CancelToken(), pages=lambda: writer)
    width, height = mm_to_px(420, 150), mm_to_px(594, 150)
    assert writer.begun == (width, 3, np.dtype(np.uint8), height)
    assert sum(writer.writes) == height
    assert max(writer.writes) <= STRIP_ROWS < height / 10
    assert len(writer.writes) == math.ceil(height / STRIP_ROWS)
    assert page.sheet == 1 and page.side is Side.FRONT


@pytest.mark.parametrize("skew", [0.0, 7.5])
def test_strips_render_independently_and_join_without_seams(skew: float) -> None:
    options = VirtualOptions(seed=5, skew=skew, noise=0.0)
    area = (148.0, 210.0)
    scene = build_scene(options, area, whole_bed=False, sheet=1, side=Side.FRONT)
    width, height = mm_to_px(area[0], 200), mm_to_px(area[1], 200)

    def page(rows: int) -> np.ndarray:
        scanner = StripScanner(scene, width, height, 200, noise=0.0)
        return np.concatenate(list(scanner.strips(rows)))

    whole = page(height).astype(np.int16)  # one strip: what a page-sized renderer would make
    assert whole.shape == (height, width, 3)
    for rows in (37, STRIP_ROWS):
        difference = np.abs(page(rows) - whole)
        # warpAffine rounds coordinates to 1/32 pixel from each tile's origin: +-1 at most
        assert difference.max() <= 1
        assert (difference > 0).mean() < 0.002


def test_an_a0_page_at_300_dpi_streams_in_far_less_memory_than_the_page() -> None:
    settings = ScanSettings(paper=parse_paper("A0"), dpi=300, options=(("skew", "8"),))
    with tempfile.TemporaryFile() as spool:
        writer = SpoolWriter(spool)
        tracemalloc.start()
        try:
            pages = list(
                VirtualDriver().scan("virtual:a0", settings, CancelToken(), pages=lambda: writer)
            )
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert spool.tell() == A0_300_DPI_BYTES
    assert len(pages) == 1
    assert writer.begun == (9933, 3, np.dtype(np.uint8), 14043)
    assert peak < 100e6, f"peak traced memory {peak / 1e6:.0f} MB for a 418 MB page"
