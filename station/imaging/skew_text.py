"""The text in an ink map: marks the size of a word or smaller. Long lines (a map's grid, the
rules of a drawing, a seal's ring) may lie at any angle to the text; letters and words follow
the lines of text they sit on."""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.components import components_with_stats

TEXT_MAX_MM = 30.0  # longer marks are lines, not words (a Vietnamese word is a syllable)
TEXT_MIN_PX = 2  # smaller marks are specks (single pixels, as text_ink counts them)
POOL = 4  # a power of 2: text_ink looks for long marks on a copy this many times smaller first


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
    cells_high = padded.shape[0] // POOL
    while padded.shape[0] > cells_high:  # by halvings: OpenCV's fast 2 x 2 means
        size = (padded.shape[1] // 2, padded.shape[0] // 2)
        padded = cv2.resize(padded, size, interpolation=cv2.INTER_AREA)
    pooled = cv2.threshold(padded, 0, 255, cv2.THRESH_BINARY)[1]  # any ink in the cell
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
    ring = np.ones((3, 3), np.uint8)
    ring[1, 1] = 0
    beside = cv2.dilate(ink, ring)  # inked where a neighbour is
    return cv2.countNonZero(ink) - cv2.countNonZero(cv2.bitwise_and(ink, beside))


def _is_text(stats: np.ndarray, dpi: float) -> np.ndarray:
    longest = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep: np.ndarray = (longest <= TEXT_MAX_MM * dpi / 25.4) & (longest >= TEXT_MIN_PX)
    keep[0] = False  # the background
    return keep
