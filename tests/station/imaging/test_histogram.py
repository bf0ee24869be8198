from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.imaging.histogram import median_u8


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_medians_counted_from_histograms_are_numpys(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = cv2.GaussianBlur(rng.integers(0, 256, (181, 143), dtype=np.uint8), (7, 7), 0)
    assert median_u8(values) == float(np.median(values))
    assert median_u8(values[:-1]) == float(np.median(values[:-1]))  # an even count
    assert median_u8(values[:, ::3]) == float(np.median(values[:, ::3]))  # not contiguous
    picked = values > 100
    assert median_u8(values[picked]) == float(np.median(values[picked]))  # one dimension
    assert median_u8(values, picked) == float(np.median(values[picked]))  # under a mask
    assert median_u8(values[:, ::3], picked[:, ::3]) == float(
        np.median(values[:, ::3][picked[:, ::3]])
    )
