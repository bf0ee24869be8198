"""The skew's native kernels give the bits of the passes they stand for: the coarse sweep's
sheared profiles those of cv2.remap and cv2.reduce, the fine profiles those of numpy's adds;
and the skew read with them is the skew read without."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from station.imaging import skew_profile
from station.imaging.skew import detect_skew
from station.imaging.skew_ink import page_ink
from station.imaging.skew_profile import FineProfile, strip_sums, sweep_scores
from station.native import kernels
from tests.station.pipeline.pages import virtual_page

pytestmark = pytest.mark.skipif(
    kernels is None, reason="no native kernels in this build (no C compiler); test_kernels.py fails"
)


@pytest.fixture(scope="module")
def ink() -> np.ndarray:
    page = virtual_page(("seed", "7"), ("skew", "2.5"), paper="A5", dpi=150)
    return page_ink(page, 150).ink


def _opencv_profiles(sums: np.ndarray, lifts: np.ndarray, length: int) -> np.ndarray:
    """cv2.remap of the strips by (c - lift, strip), summed down the strips by cv2.reduce."""
    count = sums.shape[0]
    columns = np.arange(length, dtype=np.float32)[None, :]
    rows = np.repeat(np.arange(count, dtype=np.float32)[:, None], length, axis=1)
    profiles = []
    for lift in lifts:
        sheared = cv2.remap(
            sums, columns - lift[:, None], rows, cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT, borderValue=0,
        )  # fmt: skip
        profiles.append(cv2.reduce(sheared, 0, cv2.REDUCE_SUM).ravel())
    return np.array(profiles)


def _native_profiles(sums: np.ndarray, lifts: np.ndarray, length: int) -> np.ndarray:
    out = np.full((len(lifts), length), np.nan, np.float32)
    kernels.shear_profiles(sums, lifts, out)
    return out


def test_the_sweeps_profiles_are_opencvs(ink: np.ndarray) -> None:
    sums, centres = strip_sums(ink, 6)
    count = sums.shape[0]
    margin = 40
    length = sums.shape[1] + 2 * margin
    slopes = np.tan(np.radians(np.arange(-15.0, 15.01, 0.5)))
    lifts = np.array([(margin + s * centres).astype(np.float32) for s in slopes])
    rng = np.random.default_rng(3)
    # lifts just under and over whole numbers, where c - lift rounds onto the next row
    edges = rng.integers(-50, 90, (6, count)) + rng.choice([-1e-6, 0, 1e-6, 0.5], (6, count))
    noise = (rng.random((count, 50)) * 40).astype(np.float32)
    noise[noise < 20] = 0
    cases = [(sums, lifts), (sums, edges.astype(np.float32)), (noise, lifts[:, :count] / 3)]
    for strips, shifts in cases:
        shifts = np.ascontiguousarray(shifts, np.float32)
        expected = _opencv_profiles(strips, shifts, length)
        assert np.array_equal(_native_profiles(strips, shifts, length), expected)


def test_the_sweep_scores_are_the_same_without_the_kernels(
    ink: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    sums, centres = strip_sums(ink, 6)
    slopes = np.tan(np.radians(np.arange(-15.0, 15.01, 0.5)))
    native = sweep_scores(sums, centres, slopes)
    monkeypatch.setattr(skew_profile, "kernels", None)
    assert np.array_equal(sweep_scores(sums, centres, slopes), native)
    assert len(native) == len(slopes) and np.argmax(native) != 0  # a peak, not an edge


def test_the_fine_profiles_are_numpys(ink: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    sums, centres = strip_sums(ink, 32)
    fine = FineProfile(sums, centres, float(np.abs(centres).max()) * math.tan(math.radians(1.2)))
    slopes = np.linspace(-0.02, 0.02, 41)
    native = [fine.profile(float(slope)) for slope in slopes]
    monkeypatch.setattr(skew_profile, "kernels", None)
    for slope, profile in zip(slopes, native, strict=True):
        assert np.array_equal(fine.profile(float(slope)), profile)
    assert len({float(p.max()) for p in native}) > 1  # the slopes do shift the strips


def test_the_skew_read_is_the_same_without_the_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [virtual_page(("seed", str(seed)), ("skew", skew), paper="A5", dpi=150)
             for seed, skew in ((1, "-3.2"), (2, "0.7"), (4, "9"))]  # fmt: skip
    native = [detect_skew(page, 150) for page in pages]
    monkeypatch.setattr(skew_profile, "kernels", None)
    assert [detect_skew(page, 150) for page in pages] == native
    # the driver turns the sheet clockwise by its skew: the content reads counter-clockwise
    assert abs(native[0].angle_deg - 3.2) < 0.3 and abs(native[2].angle_deg + 9) < 0.3


def test_what_the_skew_kernels_cannot_take_is_refused() -> None:
    sums = np.ones((3, 10), np.float32)
    out = np.empty((2, 20), np.float32)
    lifts = np.zeros((2, 3), np.float32)
    with pytest.raises(ValueError, match="float32"):
        kernels.shear_profiles(sums.astype(np.float64), lifts, out)
    with pytest.raises(ValueError, match="one per strip"):
        kernels.shear_profiles(sums, np.zeros((2, 4), np.float32), out)
    for bad in (np.inf, np.nan, 2e6):
        with pytest.raises(ValueError, match="finite"):
            kernels.shear_profiles(sums, np.full((2, 3), bad, np.float32), out)
    bank = np.ones((4, 3, 10), np.float32)
    line = np.empty(20, np.float32)
    for picks in ([[0, 0], [1, 5], [3, 11]], [[0, 0], [4, 0], [0, 0]], [[0, -1], [0, 0], [0, 0]]):
        with pytest.raises(ValueError, match="inside out"):
            kernels.place_strips(bank, np.array(picks, np.int32), line)
    kernels.place_strips(bank, np.array([[0, 0], [1, 5], [3, 10]], np.int32), line)
    assert line.tolist() == [1.0] * 5 + [2.0] * 10 + [1.0] * 5
