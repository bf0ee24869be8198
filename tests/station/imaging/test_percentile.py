"""histogram: percentiles of pixel levels by counting, equal to numpy's sorted ones."""

from __future__ import annotations

import numpy as np
import pytest

from station.imaging.histogram import channel_percentiles, median, percentile


@pytest.mark.parametrize("q", [0.0, 20.0, 37.3, 50.0, 90.0, 100.0])
@pytest.mark.parametrize("size", [1, 2, 7, 1000, 200_001])
def test_percentile_of_levels_is_numpys(size: int, q: float) -> None:
    rng = np.random.default_rng(size)
    levels = rng.integers(0, 256, size).astype(np.uint8)
    assert percentile(levels, q) == float(np.percentile(levels, q))
    skewed = (rng.random(size) ** 4 * 255).astype(np.uint8)  # most samples dark, ties
    assert percentile(skewed, q) == float(np.percentile(skewed, q))


@pytest.mark.parametrize("size", [1, 2, 9, 1000])
def test_median_of_signed_differences_is_numpys(size: int) -> None:
    differences = np.random.default_rng(size).integers(-510, 511, size).astype(np.int16)
    assert median(differences) == float(np.median(differences))
    dark = differences[differences < -100]
    if dark.size:
        assert median(dark) == float(np.median(dark))


def test_channel_percentiles_are_numpys_per_axis() -> None:
    pixels = np.random.default_rng(3).integers(0, 120, (5001, 3)).astype(np.uint8)
    assert np.array_equal(channel_percentiles(pixels, 20), np.percentile(pixels, 20, axis=0))


def test_refuses_what_it_cannot_count() -> None:
    with pytest.raises(ValueError):
        percentile(np.zeros(0, np.uint8), 50)
    with pytest.raises(TypeError):
        percentile(np.zeros(3, np.float32), 50)
