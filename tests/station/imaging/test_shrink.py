from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from station.imaging.shrink import shrink_to

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def hairlines(height: int, width: int, every: int) -> np.ndarray:
    page = np.full((height, width), 250, np.uint8)
    page[:, ::every] = 0
    return page


@pytest.mark.parametrize("ratio", [1.5, 2.0, 3.0, 4.4])
def test_no_one_pixel_line_is_lost_at_any_ratio(ratio: float) -> None:
    page = hairlines(300, 880, 11)
    size = (round(880 / ratio), round(300 / ratio))
    small = shrink_to(page, size)
    assert small.shape == (size[1], size[0])
    columns = small.mean(axis=0)
    lines = np.arange(0, 880, 11)
    for x in lines[1:-1]:  # every line darkens a column next to where it falls
        near = columns[max(0, int(x / ratio) - 1) : int(x / ratio) + 2]
        assert near.min() < 235


@pytest.mark.parametrize("gray", [False, True])
@pytest.mark.parametrize("ratio", [1.5, 2.0, 2.5, 4.4])
def test_a_real_scan_comes_out_as_the_area_average_does(gray: bool, ratio: float) -> None:
    page = cv2.imread(str(CORPUS / "deskew__deskew-1.png"))
    if gray:
        page = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    size = (round(page.shape[1] / ratio), round(page.shape[0] / ratio))
    ours = shrink_to(page, size).astype(int)
    area = cv2.resize(page, size, interpolation=cv2.INTER_AREA).astype(int)
    assert ours.shape == area.shape
    # under 2x it is bilinear alone; above, the halvings' box and the last bilinear step
    assert np.abs(ours - area).mean() < (1.0 if ratio < 2 else 2.5)


def test_the_same_size_is_a_copy() -> None:
    page = hairlines(40, 60, 5)
    same = shrink_to(page, (60, 40))
    assert np.array_equal(same, page) and same is not page
