"""Despeckle: remove isolated dark specks (dust on the glass, toner spatter) from a page.

A speck is a small dark mark with no other ink near it. Vietnamese text is full of small marks
that must stay: the dot of "ạ" under its letter, tone marks above, full stops, so a mark is only
a speck when nothing else lies within ISOLATION_MM of it. Specks are painted with the local
paper colour. The page is processed in row bands, so an A0 sheet never needs full-size
temporaries beyond one band.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.imaging.crop_sampling import sane_dpi

MM_PER_INCH = 25.4
ISOLATION_MM = 1.0
INK_RATIO = 0.7  # darker than 70% of the local paper level is ink
BAND_ROWS = 1024


def despeckle(image: np.ndarray, dpi: int | float | None, max_speck_mm: float = 0.3) -> np.ndarray:
    """A copy of `image` (uint8 gray or BGR) without isolated specks up to `max_speck_mm` wide."""
    if image.dtype != np.uint8 or min(image.shape[:2]) < 3 or max_speck_mm <= 0:
        return image.copy()
    px_per_mm = sane_dpi(dpi) / MM_PER_INCH
    speck_px = max(1, math.ceil(max_speck_mm * px_per_mm))
    isolation_px = max(1, math.ceil(ISOLATION_MM * px_per_mm))
    margin = speck_px + isolation_px + 2
    out = image.copy()
    height = image.shape[0]
    for start in range(0, height, BAND_ROWS):
        stop = min(height, start + BAND_ROWS)
        top, bottom = max(0, start - margin), min(height, stop + margin)
        cleaned = _despeckle_band(image[top:bottom], speck_px, isolation_px)
        if cleaned is not None:
            out[start:stop] = cleaned[start - top : stop - top]
    return out


def _despeckle_band(band: np.ndarray, speck_px: int, isolation_px: int) -> np.ndarray | None:
    light = band if band.ndim == 2 else np.min(band, axis=2)
    window = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * speck_px + 3,) * 2)
    paper = cv2.dilate(light, window)  # the lightest pixel around: the paper under a speck
    ink = cv2.compare(light, cv2.convertScaleAbs(paper, alpha=INK_RATIO), cv2.CMP_LT)
    count, labels, stats, _ = components_with_stats(ink, connectivity=8)
    if count < 2:
        return None
    small = (stats[:, cv2.CC_STAT_WIDTH] <= speck_px) & (stats[:, cv2.CC_STAT_HEIGHT] <= speck_px)
    small[0] = False
    if not small.any():
        return None
    candidates = small[labels]
    others = ink.copy()
    others[candidates] = 0
    reach = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * isolation_px + 1,) * 2)
    near_others = cv2.dilate(others, reach) > 0
    # a speck next to other ink (a diacritic, a full stop) is kept
    touched = np.unique(labels[candidates & near_others])
    small[touched] = False
    specks = small[labels]
    if not specks.any():
        return None
    grown = cv2.dilate(specks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # the speck's rim
    background = cv2.dilate(band, window)
    cleaned = band.copy()
    cleaned[grown] = background[grown]
    return cleaned
