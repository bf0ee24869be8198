"""The text in an ink map: marks the size of a word or smaller. Long lines (a map's grid, the
rules of a drawing, a seal's ring) may lie at any angle to the text; letters and words follow
the lines of text they sit on."""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.components import components_with_stats

TEXT_MAX_MM = 30.0  # longer marks are lines, not words (a Vietnamese word is a syllable)
TEXT_MIN_PX = 2  # smaller marks are specks


def text_marks(ink: np.ndarray, dpi: float) -> np.ndarray:
    """0/255: the connected marks of `ink` no longer than TEXT_MAX_MM either way."""
    _, labels, stats, _ = components_with_stats(ink, connectivity=8)
    lookup = np.where(_is_text(stats, dpi), 255, 0).astype(np.uint8)
    marks: np.ndarray = lookup[labels]
    return marks


def text_ink(ink: np.ndarray, dpi: float) -> int:
    """How many pixels of `ink` text_marks would keep, without drawing them."""
    _, _, stats, _ = components_with_stats(ink, connectivity=8)
    return int(stats[_is_text(stats, dpi), cv2.CC_STAT_AREA].sum())


def _is_text(stats: np.ndarray, dpi: float) -> np.ndarray:
    longest = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep: np.ndarray = (longest <= TEXT_MAX_MM * dpi / 25.4) & (longest >= TEXT_MIN_PX)
    keep[0] = False  # the background
    return keep
