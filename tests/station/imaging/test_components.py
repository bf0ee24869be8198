"""The block-based components give what OpenCV's default gives: labels, order, statistics."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.imaging.components import components_with_stats


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
