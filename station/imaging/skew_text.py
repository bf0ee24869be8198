"""The text in an ink map: marks the size of a word or smaller. Long lines (a map's grid, the
rules of a drawing, a seal's ring) may lie at any angle to the text; letters and words follow
the lines of text they sit on."""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.components import components_with_stats

TEXT_MAX_MM = 30.0  # longer marks are lines, not words (a Vietnamese word is a syllable)
TEXT_MIN_PX = 2  # smaller marks are specks
POOL = 4  # text_ink looks for long marks on a copy this many times smaller first


def text_marks(ink: np.ndarray, dpi: float) -> np.ndarray:
    """0/255: the connected marks of `ink` no longer than TEXT_MAX_MM either way."""
    _, labels, stats, _ = components_with_stats(ink, connectivity=8)
    lookup = np.where(_is_text(stats, dpi), 255, 0).astype(np.uint8)
    marks: np.ndarray = lookup[labels]
    return marks


def text_ink(ink: np.ndarray, dpi: float) -> int:
    """How many pixels of `ink` text_marks would keep, without drawing them: all of them but
    the single pixels and the marks longer than TEXT_MAX_MM.

    The long marks are looked for in a copy POOL times smaller where a cell is inked when any
    of its pixels is: a mark lies inside one of that copy's marks, at most POOL times its size,
    so only the few copy's marks long enough to hold a long one are labelled at full size."""
    longest = TEXT_MAX_MM * dpi / 25.4
    total = cv2.countNonZero(ink)
    if total == 0:
        return 0
    height, width = ink.shape
    padded = cv2.copyMakeBorder(ink, 0, -height % POOL, 0, -width % POOL, cv2.BORDER_CONSTANT)
    size = (padded.shape[1] // POOL, padded.shape[0] // POOL)
    pooled = cv2.threshold(
        cv2.resize(padded, size, interpolation=cv2.INTER_AREA), 0, 255, cv2.THRESH_BINARY
    )[1]
    _, cells, stats, _ = components_with_stats(pooled, connectivity=8)
    spans = POOL * np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    long_ink = 0
    for label in np.flatnonzero(spans > longest):
        if label == 0:
            continue
        x, y, w, h = stats[label, :4]
        mine = (cells[y : y + h, x : x + w] == label).view(np.uint8)
        region = ink[y * POOL : (y + h) * POOL, x * POOL : (x + w) * POOL]
        rows, cols = region.shape
        mine = cv2.resize(mine, (w * POOL, h * POOL), interpolation=cv2.INTER_NEAREST)
        part = cv2.bitwise_and(region, region, mask=np.ascontiguousarray(mine[:rows, :cols]))
        _, _, found, _ = components_with_stats(part, connectivity=8)
        over = np.maximum(found[1:, cv2.CC_STAT_WIDTH], found[1:, cv2.CC_STAT_HEIGHT]) > longest
        long_ink += int(found[1:, cv2.CC_STAT_AREA][over].sum())
    return total - long_ink - _single_pixels(ink)


def _single_pixels(ink: np.ndarray) -> int:
    """Marks of one pixel: inked, with no inked neighbour."""
    inked = cv2.threshold(ink, 0, 1, cv2.THRESH_BINARY)[1]
    around = cv2.boxFilter(inked, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
    alone = (around == 1).view(np.uint8)
    return cv2.countNonZero(cv2.bitwise_and(inked, alone))


def _is_text(stats: np.ndarray, dpi: float) -> np.ndarray:
    longest = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep: np.ndarray = (longest <= TEXT_MAX_MM * dpi / 25.4) & (longest >= TEXT_MIN_PX)
    keep[0] = False  # the background
    return keep
