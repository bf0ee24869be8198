"""The sizes of the dark blobs on a page (letters among them), found band by band.

One pass over a whole page needs a gray copy, an ink map and a 4-byte label per pixel: 1.4 GB
for an A0 at 300 dpi and 2.8 GB at 600. Bands of rows need that for one band only. Every blob up
to MAX_HEIGHT rows tall is measured exactly as over the whole page: each band is read with one
row above it and MAX_HEIGHT rows below, a blob counts in the band its top row is in, and a blob
touching the extended band's first or last row runs on past it (so it is taller than
MAX_HEIGHT, or is counted in the band above). The ink threshold is Otsu's over the whole page's
histogram, as cv2.threshold would choose it for the whole page.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_HEIGHT = 200  # the tallest blob measured; taller ones are left out
BAND_PIXELS = 8_000_000
_FLT_EPSILON = float(np.finfo(np.float32).eps)


def blob_sizes(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(heights, widths) of the 8-connected dark blobs at most MAX_HEIGHT rows tall."""
    height, width = pixels.shape[:2]
    rows = max(MAX_HEIGHT, BAND_PIXELS // max(1, width))
    level = otsu_level(_histogram(pixels, rows))
    heights, widths = [], []
    for top in range(0, height, rows):
        start, stop = max(0, top - 1), min(height, top + rows + MAX_HEIGHT)
        _, ink = cv2.threshold(_gray(pixels[start:stop]), level, 255, cv2.THRESH_BINARY_INV)
        count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        del ink
        ys, tall = stats[1:count, cv2.CC_STAT_TOP], stats[1:count, cv2.CC_STAT_HEIGHT]
        first = top - start  # the band's own first row, within the extended band
        mine = (ys >= first) & (ys < first + rows) & (tall <= MAX_HEIGHT)
        if start < top:
            mine &= ys > 0
        if stop < height:
            mine &= ys + tall < stop - start
        heights.append(tall[mine])
        widths.append(stats[1:count, cv2.CC_STAT_WIDTH][mine])
    return np.concatenate(heights), np.concatenate(widths)


def otsu_level(histogram: np.ndarray) -> int:
    """Otsu's threshold for a 256-bin histogram, computed as OpenCV computes it."""
    total = float(histogram.sum())
    if total == 0:
        return 0
    levels = np.arange(256, dtype=np.float64)
    mean = float((levels * histogram).sum()) / total
    best_sigma, best, q1, mu1 = 0.0, 0, 0.0, 0.0
    for level in range(256):
        p = float(histogram[level]) / total
        mu1 *= q1
        q1 += p
        q2 = 1.0 - q1
        if min(q1, q2) < _FLT_EPSILON or max(q1, q2) > 1.0 - _FLT_EPSILON:
            continue
        mu1 = (mu1 + level * p) / q1
        mu2 = (mean - q1 * mu1) / q2
        sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2)
        if sigma > best_sigma:
            best_sigma, best = sigma, level
    return best


def _histogram(pixels: np.ndarray, rows: int) -> np.ndarray:
    histogram = np.zeros(256, np.float64)
    for top in range(0, pixels.shape[0], rows):
        band = _gray(pixels[top : top + rows])
        histogram += cv2.calcHist([band], [0], None, [256], [0, 256]).ravel()
    return histogram


def _gray(pixels: np.ndarray) -> np.ndarray:
    gray = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    if gray.dtype != np.uint8:
        gray = (gray >> 8).astype(np.uint8)
    return gray
