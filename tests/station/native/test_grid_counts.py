"""The native counts of pixel values on a sparse grid are numpy's: for every step, channel count
and test; and the percentiles the encoder reads off them (the typical stroke core, the
stencil's colour, the print's contrast) are the same with them as without."""

from __future__ import annotations

import sys
from typing import cast

import cv2
import numpy as np
import pytest

import station.imaging.histogram as histogram
import station.pdf.fidelity as fidelity
import station.pdf.mrc as mrc
from station.imaging.lightness import lightness
from station.native import kernels
from station.pdf.segment import paper_model
from tests.station.native.guard import before_a_guard_page
from tests.station.pipeline.pages import virtual_page

pytestmark = pytest.mark.skipif(
    kernels is None, reason="no native kernels in this build (no C compiler); test_kernels.py fails"
)


def _by_numpy(
    values: np.ndarray,
    step: int,
    tested: np.ndarray | None,
    levels: np.ndarray,
    table: np.ndarray,
    difference: bool,
) -> np.ndarray:
    grid = (slice(None, None, step), slice(None, None, step))
    test = np.zeros(levels[grid].shape, np.int32) if tested is None else tested[grid]
    passed = test < table.ravel()[levels[grid]]
    picked = values[grid].reshape(*passed.shape, -1)[passed]
    if difference:
        picked = np.maximum(levels[grid][passed].astype(np.int32) - picked[:, 0], 0)[:, None]
    return np.stack([np.bincount(c, minlength=256) for c in picked.T.astype(np.int64)])


def test_the_counts_are_numpys() -> None:
    rng = np.random.default_rng(41)
    for _ in range(300):
        height, width = (int(v) for v in rng.integers(1, 70, 2))
        channels = int(rng.choice([0, 1, 3, 4]))
        difference = channels == 0 and rng.random() < 0.5
        shape = (height, width) if channels == 0 else (height, width, channels)
        values = rng.integers(0, 256, shape, dtype=np.uint8)
        levels = rng.integers(0, 256, (height, width), dtype=np.uint8)
        tested = None if rng.random() < 0.3 else rng.integers(0, 256, (height, width), np.uint8)
        if rng.random() < 0.3:  # rows strided
            levels = np.pad(levels, ((0, 0), (0, 3)))[:, :width]
        table = rng.integers(0, 256, (1, 256), dtype=np.uint8)
        step = int(rng.integers(1, 6))
        counts = np.zeros((max(1, channels), 256), np.int32)
        passed = kernels.grid_counts(values, tested, levels, table, step, difference, counts)
        expected = _by_numpy(values, step, tested, levels, table, difference)
        assert np.array_equal(counts, expected)
        assert passed == expected[0].sum()


@pytest.fixture(scope="module")
def page_maps() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    page = virtual_page(("seed", "8"), ("skew", "0"), paper="A6", dpi=300)
    light = lightness(page)
    paper = cv2.resize(
        paper_model(light, 300).paper, light.shape[::-1], interpolation=cv2.INTER_LINEAR
    )
    return page, light, paper


def _percentiles(page: np.ndarray, light: np.ndarray, paper: np.ndarray) -> list[object]:
    mask = mrc.ink_mask(page, light, paper, np.zeros((4, 4), np.uint8), 300)
    faint = [fidelity._faint_level(255 - (255 - light) // k, paper) for k in (1, 2, 3, 4)]
    return [mrc._typical_core(light, paper), mrc._ink_colour(page, mask), *faint]


def test_the_encoders_percentiles_are_the_same_without_the_kernel(
    page_maps: tuple[np.ndarray, np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _percentiles(*page_maps)
    assert made[0] is not None  # the form has print ...
    assert any(level is not None for level in made[2:])  # ... faint enough to judge, lightened
    monkeypatch.setattr(histogram, "kernels", None)
    expected = _percentiles(*page_maps)
    assert made[0] == expected[0]
    assert np.array_equal(cast(np.ndarray, made[1]), cast(np.ndarray, expected[1]))
    assert made[2:] == expected[2:]


def test_a_page_without_ink_has_no_typical_core_and_a_black_stencil() -> None:
    blank = np.full((40, 30), 250, np.uint8)
    assert mrc._typical_core(blank, blank) is None
    colour = mrc._ink_colour(np.full((40, 30, 3), 250, np.uint8), np.zeros((40, 30), np.uint8))
    assert np.array_equal(colour, np.zeros(3, np.float32))


def test_a_mask_off_the_sparse_grid_is_counted_in_full() -> None:
    image = np.zeros((40, 30, 3), np.uint8)
    image[..., 2] = 200
    mask = np.zeros((40, 30), np.uint8)
    mask[5, 7] = 255  # on no 4th row or column
    assert np.array_equal(mrc._ink_colour(image, mask), np.array([0, 0, 200], np.float32))


def test_maps_that_do_not_fit_are_refused() -> None:
    values = np.zeros((9, 9), np.uint8)
    table = np.zeros(256, np.uint8)
    with pytest.raises(ValueError, match="channels x 256"):
        kernels.grid_counts(values, None, values, table, 2, False, np.zeros((3, 256), np.int32))
    with pytest.raises(ValueError, match="difference"):
        kernels.grid_counts(
            np.zeros((9, 9, 3), np.uint8),
            None,
            values,
            table,
            2,
            True,
            np.zeros((3, 256), np.int32),
        )
    with pytest.raises(ValueError, match="differ in size"):
        kernels.grid_counts(
            values,
            np.zeros((9, 8), np.uint8),
            values,
            table,
            2,
            False,
            np.zeros((1, 256), np.int32),
        )


@pytest.mark.skipif(sys.platform != "linux", reason="mprotect through libc on Linux")
def test_the_counts_read_nothing_past_their_maps() -> None:
    rng = np.random.default_rng(42)
    values, levels, tested = (before_a_guard_page((13, 21)) for _ in range(3))
    for array in (values, levels, tested):
        array[...] = rng.integers(0, 256, array.shape, dtype=np.uint8)
    table = rng.integers(0, 256, 256, dtype=np.uint8)
    for step in (1, 4):
        counts = np.zeros((1, 256), np.int32)
        kernels.grid_counts(values, tested, levels, table, step, True, counts)
        assert np.array_equal(counts, _by_numpy(values, step, tested, levels, table, True))
