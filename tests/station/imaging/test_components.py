"""The block-based components give what OpenCV's default gives: labels, order, statistics."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.imaging.components import components_with_stats, regions_of_long_marks


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("connectivity", [4, 8])
def test_the_same_components_as_the_default(seed: int, connectivity: int) -> None:
    rng = np.random.default_rng(seed)
    noise = rng.random((301, 517)) > 0.55  # many small, touching blobs of every shape
    image = noise.astype(np.uint8) * 255
    cv2.line(image, (0, 150), (516, 170), 255, 2)  # and one long mark across them
    count, labels, stats, centroids = components_with_stats(image, connectivity)
    expected = cv2.connectedComponentsWithStats(image, connectivity=connectivity)
    assert count == expected[0] > 100
    assert np.array_equal(labels, expected[1])
    assert np.array_equal(stats, expected[2])
    assert np.allclose(centroids, expected[3])


def _long_marks(binary: np.ndarray, reach: tuple[float, float], top=0, left=0) -> set[tuple]:
    _, _, stats, _ = components_with_stats(binary, connectivity=8)
    return {
        (int(x) + left, int(y) + top, int(w), int(h), int(area))
        for x, y, w, h, area in stats[1:]
        if w >= reach[0] or h >= reach[1]
    }


@pytest.mark.parametrize("reach", [(40.0, 40.0), (90.0, 15.0), (3.0, 3.0)])
def test_the_regions_of_long_marks_hold_each_long_mark_whole(reach: tuple[float, float]) -> None:
    rng = np.random.default_rng(int(reach[1]))
    binary = np.where(rng.random((301, 419)) < 0.04, 255, 0).astype(np.uint8)
    cv2.line(binary, (0, 5), (418, 9), 255, 1)  # along an edge
    cv2.circle(binary, (200, 150), 60, 255, 2)  # a seal's ring
    cv2.putText(binary, "So Hoa", (30, 280), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 255, 3)
    binary = cv2.threshold(binary, 0, 255, cv2.THRESH_BINARY)[1]  # 0/255, as ink maps are
    found: set[tuple] = set()
    for top, left, part in regions_of_long_marks(binary, reach):
        found |= _long_marks(part, reach, top, left)
    assert found == _long_marks(binary, reach)
    assert found  # the line and the ring at least
