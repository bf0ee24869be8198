"""A page's lightness is the darkest of its three channels, on every kind of page."""

from __future__ import annotations

import numpy as np
import pytest

from station.imaging import lightness as module
from station.imaging.lightness import lightness


@pytest.mark.parametrize("shape", [(37, 41, 3), (1, 1, 3), (5, 300, 3), (300, 2, 3)])
def test_lightness_is_the_minimum_of_the_three_channels(
    monkeypatch: pytest.MonkeyPatch, shape: tuple[int, int, int]
) -> None:
    monkeypatch.setattr(module, "BAND_PIXELS", 100)  # several bands, a partial last one
    rng = np.random.default_rng(sum(shape))
    pixels = rng.integers(0, 256, shape, np.uint8)
    pixels[0, 0] = (0, 255, 255)  # the extremes in each channel, at the row ends
    pixels[-1, -1] = (255, 255, 0)
    found = lightness(pixels)
    assert found.dtype == np.uint8 and found.shape == shape[:2]
    assert np.array_equal(found, pixels.min(axis=2))


def test_a_gray_page_and_a_strided_view_are_read_as_they_are() -> None:
    gray = np.arange(60, dtype=np.uint8).reshape(6, 10)
    assert lightness(gray) is gray
    colour = np.random.default_rng(1).integers(0, 256, (20, 30, 3), np.uint8)
    view = colour[::2, 1::3]
    assert np.array_equal(lightness(view), view.min(axis=2))
