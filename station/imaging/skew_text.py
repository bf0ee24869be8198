"""The text in an ink map: marks the size of a word or smaller. Long lines (a map's grid, the
rules of a drawing, a seal's ring) may lie at any angle to the text; letters and words follow
the lines of text they sit on."""

from __future__ import annotations

import cv2
import numpy as np

TEXT_MAX_MM = 30.0  # longer marks are lines, not words (a Vietnamese word is a syllable)
TEXT_MIN_PX = 2  # smaller marks are specks


def text_marks(ink: np.ndarray, dpi: float) -> np.ndarray:
    """0/255: the connected marks of `ink` no longer than TEXT_MAX_MM either way."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    longest = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep = (longest <= TEXT_MAX_MM * dpi / 25.4) & (longest >= TEXT_MIN_PX)
    keep[0] = False  # the background
    lookup = np.where(keep, 255, 0).astype(np.uint8)
    marks: np.ndarray = lookup[labels]
    return marks
