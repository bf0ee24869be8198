"""A page's lightness as ink detection reads it: the darkest channel of each pixel."""

from __future__ import annotations

import cv2
import numpy as np

BAND_PIXELS = 300_000


def lightness(pixels: np.ndarray) -> np.ndarray:
    """The darkest channel: coloured ink is as dark as black ink here; gray stays itself."""
    if pixels.ndim == 2:
        return pixels
    # Band by band: OpenCV splits a band's channels (still in the cache) and takes their
    # minimum, twice as fast as numpy's minimum over the interleaved channels of the page.
    darkest = np.empty(pixels.shape[:2], np.uint8)
    rows = max(1, BAND_PIXELS // max(1, pixels.shape[1]))
    for top in range(0, pixels.shape[0], rows):
        blue, green, red = cv2.split(pixels[top : top + rows])
        band = darkest[top : top + rows]
        cv2.min(blue, green, dst=band)
        cv2.min(band, red, dst=band)
    return darkest
