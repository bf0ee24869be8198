"""stretch_to scales as cv2.resize's bilinear does, through OpenCV's warp: each pixel within a
level of resize's, channels and edges kept."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.imaging.stretch import stretch_to


def _map(height: int, width: int, channels: int) -> np.ndarray:
    """A map with a tone per cell that changes from cell to cell, as a paper level does."""
    rng = np.random.default_rng(7)
    shape = (height, width) if channels == 1 else (height, width, channels)
    return rng.integers(120, 250, shape, dtype=np.uint8)


@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize(
    ("small", "size"),
    [((40, 30), (240, 180)), ((100, 70), (150, 105)), ((33, 47), (200, 280)), ((90, 60), (61, 41))],
)
def test_each_pixel_is_within_a_level_of_resizes(
    channels: int, small: tuple[int, int], size: tuple[int, int]
) -> None:
    source = _map(small[1], small[0], channels)
    ours = stretch_to(source, size)
    theirs = cv2.resize(source, size, interpolation=cv2.INTER_LINEAR)
    assert ours.shape == theirs.shape
    assert np.abs(ours.astype(np.int16) - theirs).max() <= 1


def test_one_cell_fills_the_page_with_its_colour() -> None:
    cell = np.array([[[200, 190, 180]]], np.uint8)
    page = stretch_to(cell, (50, 70))
    assert page.shape == (70, 50, 3)
    assert (page == cell[0, 0]).all()


def test_a_lone_channel_axis_is_kept() -> None:
    assert stretch_to(_map(20, 30, 1)[:, :, None], (60, 40)).shape == (40, 60, 1)
