"""Medians of 8-bit values counted from histograms: np.median's value without sorting."""

from __future__ import annotations

import cv2
import numpy as np


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
