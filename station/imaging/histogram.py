"""Medians and percentiles of pixel levels counted from histograms: numpy's values without its
sort.

np.percentile partitions a float copy of its samples; the steps here take order statistics of
up to a few hundred thousand pixels a page, whose values are small integers (uint8 levels, or
int16 colour differences), so a histogram finds the same ones in one pass, and the same linear
interpolation between them gives the same value."""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.native import kernels, readable


def median_u8(values: np.ndarray, where: np.ndarray | None = None) -> float:
    """np.median of uint8 values (any shape, contiguous or not), or of values[where]."""
    return histogram_median(u8_counts(values, where))


def u8_counts(values: np.ndarray, where: np.ndarray | None = None) -> np.ndarray:
    """How often each of the 256 values occurs (where `where`, a bool mask, holds)."""
    if values.ndim == 2 and values.flags.c_contiguous:
        mask = None if where is None else np.ascontiguousarray(where).view(np.uint8)
        counts: np.ndarray = cv2.calcHist([values], [0], mask, [256], [0, 256]).ravel()
        return counts.astype(np.float64)
    picked = values if where is None else values[where]
    return np.bincount(picked.ravel(), minlength=256).astype(np.float64)


def histogram_median(counts: np.ndarray) -> float:
    """np.median of the values whose counts (value i counted counts[i] times) are given."""
    running = np.cumsum(counts.astype(np.int64))
    total = int(running[-1])
    low = int(np.searchsorted(running, (total - 1) // 2, side="right"))
    high = int(np.searchsorted(running, total // 2, side="right"))
    return (low + high) / 2.0


def percentile(values: np.ndarray, q: float) -> float:
    """np.percentile(values, q) (its default, linear method) of a non-empty integer array whose
    values span at most a few thousand levels (uint8 levels, int16 colour differences)."""
    flat = values.ravel()
    if flat.size == 0:
        raise ValueError("no values")
    if flat.dtype.kind not in "iu":
        raise TypeError(f"integer levels only, not {flat.dtype}")
    low = int(flat.min()) if flat.dtype.kind == "i" else 0
    return counts_percentile(
        np.bincount(np.subtract(flat, low, dtype=np.int64) if low else flat), low, q
    )


def counts_percentile(counts: np.ndarray, low: int, q: float) -> float:
    """np.percentile(values, q) of the values whose counts are given: value `low` + i counted
    counts[i] times (not all zero)."""
    ranks = np.cumsum(counts, dtype=np.int64)
    size = int(ranks[-1])
    if size == 0:
        raise ValueError("no values")
    index = (size - 1) * (q / 100.0)  # numpy's virtual index for the linear method
    below = math.floor(index)
    above = min(below + 1, size - 1)
    # The value of rank r (0-based): the first level whose cumulative count exceeds r.
    first = float(np.searchsorted(ranks, below, side="right") + low)
    second = float(np.searchsorted(ranks, above, side="right") + low)
    return _lerp(first, second, index - below)


def median(values: np.ndarray) -> float:
    """np.median(values) of integer levels (see percentile)."""
    return percentile(values, 50.0)


def channel_percentiles(pixels: np.ndarray, q: float) -> np.ndarray:
    """np.percentile(pixels, q, axis=0) of N x C integer samples, as float64 (C,)."""
    return np.array([percentile(pixels[:, channel], q) for channel in range(pixels.shape[1])])


def _lerp(first: float, second: float, weight: float) -> float:
    """numpy's interpolation between neighbouring order statistics (from the nearer end)."""
    step = second - first
    if weight >= 0.5:
        return second - step * (1.0 - weight)
    return first + step * weight


def grid_counts(
    values: np.ndarray,
    step: int,
    tested: np.ndarray | None,
    levels: np.ndarray,
    table: np.ndarray,
    difference: bool = False,
) -> np.ndarray | None:
    """How often each value of each channel of `values` occurs (channels x 256) at every
    `step`-th row and column where tested < table[levels] (tested None: 0); with `difference`,
    of levels - values (0 where negative). By the native kernel in one pass over the grid; None
    where it is not built or cannot read the maps (the caller then picks the values itself)."""
    maps = [values, levels] if tested is None else [values, levels, tested]
    if kernels is None or not all(readable(m) for m in maps):
        return None
    channels = 1 if values.ndim == 2 else values.shape[2]
    counts = np.zeros((channels, 256), np.int32)
    kernels.grid_counts(values, tested, levels, table, step, difference, counts)
    return counts
