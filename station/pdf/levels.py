"""Percentiles of pixel levels by counting: np.percentile's answer without its sort.

np.percentile partitions a float copy of its samples; the encoder takes half a dozen
percentiles of samples of up to a few hundred thousand pixels a page, whose values are small
integers (uint8 levels, or int16 colour differences), so a histogram finds the same order
statistics in one pass, and the same linear interpolation between them gives the same value.
"""

from __future__ import annotations

import math

import numpy as np


def percentile(values: np.ndarray, q: float) -> float:
    """np.percentile(values, q) (its default, linear method) of a non-empty integer array whose
    values span at most a few thousand levels (uint8 levels, int16 colour differences)."""
    flat = values.ravel()
    if flat.size == 0:
        raise ValueError("no values")
    if flat.dtype.kind not in "iu":
        raise TypeError(f"integer levels only, not {flat.dtype}")
    low = int(flat.min()) if flat.dtype.kind == "i" else 0
    counts = np.bincount(np.subtract(flat, low, dtype=np.int64) if low else flat)
    ranks = np.cumsum(counts)
    index = (flat.size - 1) * (q / 100.0)  # numpy's virtual index for the linear method
    below = math.floor(index)
    above = min(below + 1, flat.size - 1)
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
