"""A page's lightness as ink detection reads it: the darkest channel of each pixel."""

from __future__ import annotations

import cv2
import numpy as np

from station.native import kernels, readable

BAND_PIXELS = 300_000
_ROW_OF_THREE = np.ones((1, 3), np.uint8)


def lightness(pixels: np.ndarray) -> np.ndarray:
    """The darkest channel (uint8 H x W): coloured ink is as dark as black ink here; gray stays
    itself.

    One pass of the native kernel (station.native) where it is built and the pixels of each
    row are packed; else each row of interleaved B, G, R samples is eroded 3 wide, which puts
    min(B, G, R) in every pixel's green sample, and the green samples are taken out: a third
    faster than splitting the channels. A band at a time, so the eroded band is still in the
    cache when it is read."""
    if pixels.ndim == 2:
        return pixels
    height, width = pixels.shape[:2]
    darkest = np.empty((height, width), np.uint8)
    if kernels is not None and pixels.shape[2] == 3 and readable(pixels):
        kernels.darkest(pixels, darkest)
        return darkest
    rows = max(1, BAND_PIXELS // max(1, width))
    for top in range(0, height, rows):
        band = np.ascontiguousarray(pixels[top : top + rows])
        # The green sample's window is its own pixel's three samples, never a neighbour's.
        eroded = cv2.erode(band.reshape(band.shape[0], -1), _ROW_OF_THREE)
        cv2.extractChannel(eroded.reshape(band.shape), 1, dst=darkest[top : top + rows])
    return darkest
