"""The other inks' native steps give OpenCV's and numpy's values: the opponent colours blurred
3 x 3, the counts of their values at the cells whose centre is a stroke core; and the other
inks' cells of a page with a red seal and a blue signature are the same with them as without."""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

import station.pdf.mrc as mrc
from station.imaging.lightness import lightness
from station.native import kernels
from station.pdf.segment import paper_model
from tests.station.native.guard import before_a_guard_page
from tests.station.pipeline.pages import virtual_page

pytestmark = pytest.mark.skipif(
    kernels is None, reason="no native kernels in this build (no C compiler); test_kernels.py fails"
)


def _opencv_opponent(small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mrc, "kernels", None)
        return mrc._opponent(small)


def _native_opponent(small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    red_green = np.full(small.shape[:2], 999, np.int16)
    yellow_blue = np.full(small.shape[:2], 999, np.int16)
    kernels.opponent(small, red_green, yellow_blue)
    return red_green, yellow_blue


def test_the_opponent_colours_are_opencvs_at_every_size() -> None:
    rng = np.random.default_rng(31)
    for _ in range(300):
        height, width = (int(v) for v in rng.integers(1, 90, 2))
        small = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        if rng.random() < 0.3:  # rows strided
            wider = np.zeros((height, width + 4, 3), np.uint8)
            wider[:, :width] = small
            small = wider[:, :width]
        for made, expected in zip(_native_opponent(small), _opencv_opponent(small), strict=True):
            assert np.array_equal(made, expected)


def test_the_extreme_colours_are_opencvs() -> None:
    levels = np.array([0, 1, 127, 128, 254, 255], np.uint8)
    small = np.stack(np.meshgrid(levels, levels, levels), axis=-1).reshape(36, 6, 3)
    for made, expected in zip(_native_opponent(small), _opencv_opponent(small), strict=True):
        assert np.array_equal(made, expected)


def _centres_by_numpy(
    light: np.ndarray,
    paper: np.ndarray,
    core: float | None,
    factor: int,
    red_green: np.ndarray,
    yellow_blue: np.ndarray,
) -> np.ndarray:
    sample = mrc._cell_centres(light, paper, core, factor, red_green.shape) > 0
    return np.stack(
        [
            np.bincount(m[sample].astype(np.int64) + 255, minlength=511)
            for m in (red_green, yellow_blue)
        ]
    )


def test_the_centre_counts_are_numpys() -> None:
    rng = np.random.default_rng(32)
    for _ in range(200):  # pages of TINY_PX or more, as encode_mrc takes
        height, width = (int(v) for v in rng.integers(mrc.TINY_PX, 120, 2))
        factor = int(rng.integers(1, 5))
        light = rng.integers(0, 256, (height, width), dtype=np.uint8)
        paper = rng.integers(100, 256, (height, width), dtype=np.uint8)
        core = None if rng.random() < 0.3 else float(rng.integers(10, 90))
        cells = (-(-height // factor) + int(rng.integers(-1, 2)), -(-width // factor))
        cells = (max(1, cells[0]), cells[1])
        red_green = rng.integers(-255, 256, cells).astype(np.int16)
        yellow_blue = rng.integers(-255, 256, cells).astype(np.int16)
        counts = np.zeros((2, 511), np.int32)
        found = kernels.centre_counts(
            light, paper, mrc._core_table(core), factor, red_green, yellow_blue, counts
        )
        expected = _centres_by_numpy(light, paper, core, factor, red_green, yellow_blue)
        assert np.array_equal(counts, expected)
        assert found == expected[0].sum()


def test_the_other_inks_of_a_sealed_and_signed_page_are_the_same_without_the_kernels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = virtual_page(("seed", "6"), ("skew", "0"), paper="A6", dpi=300)  # seal, signature
    light = lightness(page)
    model = paper_model(light, 300)
    paper = cv2.resize(model.paper, light.shape[::-1], interpolation=cv2.INTER_LINEAR)
    made, factor = mrc._other_ink(page, light, paper, 40.0, 300)
    assert made.any()  # the seal's and the signature's cells
    monkeypatch.setattr(mrc, "kernels", None)
    expected, expected_factor = mrc._other_ink(page, light, paper, 40.0, 300)
    assert factor == expected_factor
    assert np.array_equal(made, expected)


def test_maps_that_do_not_fit_are_refused() -> None:
    light = np.zeros((9, 9), np.uint8)
    table = np.zeros((1, 256), np.uint8)
    maps = np.zeros((3, 3), np.int16)
    with pytest.raises(ValueError, match="int16"):
        kernels.opponent(np.zeros((3, 3, 3), np.uint8), np.zeros((3, 3), np.int32), maps)
    with pytest.raises(ValueError, match="2 x 511"):
        kernels.centre_counts(light, light, table, 3, maps, maps, np.zeros((2, 510), np.int32))
    with pytest.raises(ValueError, match="-255..255"):
        kernels.centre_counts(
            light, light, table + 1, 3, maps + 300, maps, np.zeros((2, 511), np.int32)
        )


@pytest.mark.skipif(sys.platform != "linux", reason="mprotect through libc on Linux")
def test_the_steps_read_nothing_past_their_maps() -> None:
    rng = np.random.default_rng(33)
    small = before_a_guard_page((5, 7, 3))
    small[...] = rng.integers(0, 256, small.shape, dtype=np.uint8)
    for made, expected in zip(_native_opponent(small), _opencv_opponent(small), strict=True):
        assert np.array_equal(made, expected)
    light, paper = before_a_guard_page((14, 20)), before_a_guard_page((14, 20))
    light[...] = rng.integers(0, 256, light.shape, dtype=np.uint8)
    paper[...] = 255
    counts = np.zeros((2, 511), np.int32)
    maps = np.zeros((5, 7), np.int16)
    kernels.centre_counts(light, paper, mrc._core_table(None), 3, maps, maps, counts)
    assert np.array_equal(counts, _centres_by_numpy(light, paper, None, 3, maps, maps))
