"""The darkest channel of a page (station.imaging.lightness's reading of it), computed for the
encoder a third faster: each row of interleaved B, G, R samples is eroded 3 wide, which puts
min(B, G, R) in every pixel's green sample, and the green samples are taken out; a band at a
time, so the eroded band is still in the cache when it is read."""

from __future__ import annotations

import cv2
import numpy as np

BAND_PIXELS = 300_000
_ROW_OF_THREE = np.ones((1, 3), np.uint8)


def darkest(pixels: np.ndarray) -> np.ndarray:
    """min(B, G, R) per pixel (uint8 H x W); a gray page is its own."""
    if pixels.ndim == 2:
        return pixels
    height, width = pixels.shape[:2]
    out = np.empty((height, width), np.uint8)
    rows = max(1, BAND_PIXELS // max(1, width))
    for top in range(0, height, rows):
        band = np.ascontiguousarray(pixels[top : top + rows])
        # The green sample's window is its own pixel's three samples, never a neighbour's.
        eroded = cv2.erode(band.reshape(band.shape[0], -1), _ROW_OF_THREE)
        cv2.extractChannel(eroded.reshape(band.shape), 1, dst=out[top : top + rows])
    return out
