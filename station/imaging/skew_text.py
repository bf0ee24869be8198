"""The text in an ink map: marks the size of a word or smaller. Long lines (a map's grid, the
rules of a drawing, a seal's ring) may lie at any angle to the text; letters and words follow
the lines of text they sit on."""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.components import components_with_stats, regions_of_long_marks

TEXT_MAX_MM = 30.0  # longer marks are lines, not words (a Vietnamese word is a syllable)
TEXT_MIN_PX = 2  # smaller marks are specks (single pixels, as text_ink counts them)


def text_marks(ink: np.ndarray, dpi: float) -> np.ndarray:
    """0/255: the connected marks of `ink` no longer than TEXT_MAX_MM either way."""
    _, labels, stats, _ = components_with_stats(ink, connectivity=8)
    lookup = np.where(_is_text(stats, dpi), 255, 0).astype(np.uint8)
    marks: np.ndarray = lookup[labels]
    return marks


def text_ink(ink: np.ndarray, dpi: float) -> int:
    """How many pixels of `ink` text_marks would keep, without drawing them: all of them but
    the single pixels and the marks longer than TEXT_MAX_MM (looked for where one may be)."""
    longest = TEXT_MAX_MM * dpi / 25.4
    total = cv2.countNonZero(ink)
    if total == 0:
        return 0
    long_ink = 0
    for _, _, part in regions_of_long_marks(ink, (longest, longest)):
        _, _, found, _ = components_with_stats(part, connectivity=8)
        over = np.maximum(found[1:, cv2.CC_STAT_WIDTH], found[1:, cv2.CC_STAT_HEIGHT]) > longest
        long_ink += int(found[1:, cv2.CC_STAT_AREA][over].sum())
    return total - long_ink - _single_pixels(ink)


def _single_pixels(ink: np.ndarray) -> int:
    """Marks of one pixel: inked, with no inked neighbour."""
    ring = np.ones((3, 3), np.uint8)
    ring[1, 1] = 0
    beside = cv2.dilate(ink, ring)  # inked where a neighbour is
    return cv2.countNonZero(ink) - cv2.countNonZero(cv2.bitwise_and(ink, beside))


def _is_text(stats: np.ndarray, dpi: float) -> np.ndarray:
    longest = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep: np.ndarray = (longest <= TEXT_MAX_MM * dpi / 25.4) & (longest >= TEXT_MIN_PX)
    keep[0] = False  # the background
    return keep
