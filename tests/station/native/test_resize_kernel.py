"""The native linear resize gives cv2.resize(INTER_LINEAR)'s pixels: on noise of every size and
ratio it takes, shrunk or scaled up, gray and up to four channels, rows packed or strided; it
declines what it cannot take, and the callers then get OpenCV's."""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

import station.imaging.shrink as shrink
from station.native import kernels, resizes_as_opencv
from tests.station.native.guard import before_a_guard_page

pytestmark = pytest.mark.skipif(
    kernels is None, reason="no native kernels in this build (no C compiler); test_kernels.py fails"
)


def _shrinks() -> bool:
    return bool(kernels.resize_linear(np.zeros((4, 4), np.uint8), np.empty((3, 3), np.uint8)))


NO_SHRINK = pytest.mark.skipif(
    kernels is None or not _shrinks(),
    reason="this CPU has no AVX-512 VBMI: the kernel declines to shrink",
)


def _source(rng: np.random.Generator, height: int, width: int, channels: int) -> np.ndarray:
    shape = (height, width) if channels == 0 else (height, width, channels)
    image = rng.integers(0, 256, shape, dtype=np.uint8)
    if rng.random() < 0.3:  # a band of a wider page: rows strided
        wider = np.zeros((height, width + 11, *shape[2:]), np.uint8)
        wider[:, :width] = image
        image = wider[:, :width]
    return image


def test_the_kernel_is_checked_against_this_installs_opencv() -> None:
    assert resizes_as_opencv()


@NO_SHRINK
def test_a_shrink_is_opencvs_at_every_size_and_ratio_it_takes() -> None:
    rng = np.random.default_rng(21)
    declined = 0
    for _ in range(500):
        height, width = (int(v) for v in rng.integers(1, 260, 2))
        image = _source(rng, height, width, int(rng.choice([0, 1, 2, 3, 4])))
        rows = int(rng.integers(max(1, height // 3), height + 1))
        cols = int(rng.integers(max(1, width // 3), width + 1))
        made = np.empty((rows, cols, *image.shape[2:]), np.uint8)
        if not kernels.resize_linear(image, made):
            declined += 1
            continue
        expected = cv2.resize(image, (cols, rows), interpolation=cv2.INTER_LINEAR)
        assert np.array_equal(made, expected.reshape(made.shape))
    assert declined < 25  # ratios up to 3 fit a block's 128 bytes but for a few edge cases


@NO_SHRINK
def test_a_page_to_100_dpi_is_opencvs() -> None:
    rng = np.random.default_rng(22)
    page = cv2.GaussianBlur(rng.integers(0, 256, (1754, 1241, 3), dtype=np.uint8), (5, 5), 2)
    made = np.empty((585, 414, 3), np.uint8)
    assert kernels.resize_linear(page, made)
    assert np.array_equal(made, cv2.resize(page, (414, 585), interpolation=cv2.INTER_LINEAR))


@NO_SHRINK
def test_a_ratio_whose_blocks_read_too_far_is_declined() -> None:
    image = np.zeros((10, 400), np.uint8)
    made = np.zeros((10, 50), np.uint8)  # 32 outputs read 256 source bytes
    assert not kernels.resize_linear(image, made)
    assert not made.any()
    assert np.array_equal(shrink.resize_linear(image, (50, 10)), made)


@NO_SHRINK
def test_a_scaling_up_is_opencvs_at_every_size() -> None:
    rng = np.random.default_rng(25)
    for _ in range(300):
        height, width = (int(v) for v in rng.integers(1, 90, 2))
        image = _source(rng, height, width, int(rng.choice([0, 1, 3, 4])))
        rows, cols = (
            int(rng.integers(height, 8 * height + 2)),
            int(rng.integers(width, 8 * width + 2)),
        )
        made = np.empty((rows, cols, *image.shape[2:]), np.uint8)
        assert kernels.resize_linear(image, made)
        expected = cv2.resize(image, (cols, rows), interpolation=cv2.INTER_LINEAR)
        assert np.array_equal(made, expected.reshape(made.shape))


@NO_SHRINK
def test_the_paper_level_scaled_up_to_a_page_is_opencvs() -> None:
    rng = np.random.default_rng(26)
    level = cv2.GaussianBlur(rng.integers(120, 256, (585, 414), dtype=np.uint8), (5, 5), 2)
    made = np.empty((3506, 2479), np.uint8)
    assert kernels.resize_linear(level, made)
    assert np.array_equal(made, cv2.resize(level, (2479, 3506), interpolation=cv2.INTER_LINEAR))


def test_an_empty_image_is_refused() -> None:
    with pytest.raises(ValueError, match="not empty"):
        kernels.resize_linear(np.zeros((0, 10), np.uint8), np.zeros((11, 10), np.uint8))


def test_the_callers_shrink_is_opencvs_with_or_without_the_kernel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(23)
    image = rng.integers(0, 256, (301, 203, 3), dtype=np.uint8)
    expected = cv2.resize(image, (101, 134), interpolation=cv2.INTER_LINEAR)
    assert np.array_equal(shrink.resize_linear(image, (101, 134)), expected)
    monkeypatch.setattr(shrink, "kernels", None)
    assert np.array_equal(shrink.resize_linear(image, (101, 134)), expected)


@NO_SHRINK
def test_the_callers_shrink_takes_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = kernels.resize_linear

    def spy(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(shrink, "kernels", type("Spy", (), {"resize_linear": staticmethod(spy)}))
    shrink.shrink_to(np.zeros((90, 60, 3), np.uint8), (40, 60))
    assert len(calls) == 1


@NO_SHRINK
@pytest.mark.skipif(sys.platform != "linux", reason="mprotect through libc on Linux")
def test_the_shrink_reads_nothing_past_the_image() -> None:
    rng = np.random.default_rng(24)
    for width in (5, 64, 200, 431):
        image = before_a_guard_page((7, width, 3))
        image[...] = rng.integers(0, 256, image.shape, dtype=np.uint8)
        made = np.empty((5, width * 2 // 3 + 1, 3), np.uint8)
        assert kernels.resize_linear(image, made)
        expected = cv2.resize(image, made.shape[1::-1], interpolation=cv2.INTER_LINEAR)
        assert np.array_equal(made, expected)
