"""Patch T, the transfer patch of Kodak's patch codes: four bars parallel to the sheet's
leading edge, narrow-wide-narrow-wide (2 and 5 mm) with 2 mm spaces, at least 50 mm long.

Read the other way round (a sheet fed tail first) it is wide-narrow-wide-narrow, the pattern of
Patch 3; the station prints only transfer patches and a feeder takes either end first, so both
orders count as T.
"""

from __future__ import annotations

import cv2
import numpy as np

NARROW_MM, WIDE_MM = 2.03, 5.08
TOLERANCE_MM = 0.9  # print gain, blur and the reduced copy's pixels
QUIET_MM = 4.0  # light before and after the four bars: a barcode's bars run on
MIN_LENGTH_MM = 40.0  # of the bars seen in line; the specification asks 50
COLUMNS_PER_MM = 1 / 8  # sample a column every 8 mm: five or more along the bars
_ORDERS = ((NARROW_MM, WIDE_MM, NARROW_MM, WIDE_MM), (WIDE_MM, NARROW_MM, WIDE_MM, NARROW_MM))


PATTERN_MM = 2 * NARROW_MM + 2 * WIDE_MM + 3 * NARROW_MM  # the four bars and their spaces

Corners = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


def has_patch_t(gray: np.ndarray, dpi: float) -> bool:
    """True when a transfer patch runs across the page, its bars level or upright."""
    return find_patch_t(gray, dpi) is not None


def find_patch_t(gray: np.ndarray, dpi: float) -> Corners | None:
    """The corners (x, y) of a transfer patch's bars, clockwise from the top left, or None."""
    _, dark = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    level = _across(dark, dpi)
    if level is not None:
        return _corners(*level)
    upright = _across(dark.T, dpi)
    if upright is not None:
        left, top, right, bottom = upright
        return _corners(top, left, bottom, right)  # found on the transposed page
    return None


def _corners(left: float, top: float, right: float, bottom: float) -> Corners:
    return ((left, top), (right, top), (right, bottom), (left, bottom))


def _across(dark: np.ndarray, dpi: float) -> tuple[float, float, float, float] | None:
    """Bars running left to right: the pattern found down enough columns, at about one height.
    Their (left, top, right, bottom), or None."""
    px_per_mm = dpi / 25.4
    step = max(1, round(px_per_mm / COLUMNS_PER_MM))
    hits = [
        (x, y)
        for x in range(0, dark.shape[1], step)
        for y in _pattern_starts(dark[:, x], px_per_mm)
    ]
    chain = _in_line(hits, px_per_mm, 2 * step)
    if chain is None:
        return None
    (x0, y0), (x1, y1) = chain
    return x0, min(y0, y1), x1, max(y0, y1) + PATTERN_MM * px_per_mm


def _pattern_starts(column: np.ndarray, px_per_mm: float) -> list[int]:
    """Rows where the four bars begin in this column (every run of four dark runs at once)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], column, [0]))))
    starts, ends = edges[::2], edges[1::2]  # dark runs [start, end)
    n = len(starts) - 3
    if n <= 0:
        return []
    runs = (ends - starts) / px_per_mm
    gaps = (starts[1:] - ends[:-1]) / px_per_mm
    bars = np.stack([runs[k : k + n] for k in range(4)], axis=1)
    spaces = np.stack([gaps[k : k + n] for k in range(3)], axis=1)
    ok = (np.abs(spaces - NARROW_MM) <= TOLERANCE_MM).all(axis=1)
    ok &= np.any([(np.abs(bars - order) <= TOLERANCE_MM).all(axis=1) for order in _ORDERS], axis=0)
    before = starts[:n] - np.concatenate(([0], ends[: n - 1]))
    after = np.concatenate((starts[4:], [len(column)])) - ends[3:]
    quiet = QUIET_MM * px_per_mm
    ok &= (before >= quiet) & (after >= quiet)
    return [int(row) for row in starts[:n][ok]]


def _in_line(
    hits: list[tuple[int, int]], px_per_mm: float, reach: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last hit of a chain, each within `reach` columns of the last and at about
    its row (a slope of up to 10 degrees), spanning the minimum length; None if there is none."""
    need = MIN_LENGTH_MM * px_per_mm
    for x0, y0 in hits:
        x, y = x0, y0
        while True:
            following = [
                (x1, y1)
                for x1, y1 in hits
                if 0 < x1 - x <= reach and abs(y1 - y) <= 0.18 * (x1 - x) + 2
            ]
            if not following:
                break
            x, y = min(following)
        if x - x0 >= need:
            return (x0, y0), (x, y)
    return None
