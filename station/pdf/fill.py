"""Filling the holes of a sparse low-resolution layer so JPEG sees smooth colour, not edges.

Push-pull: halve the layer (weighted) until every cell is known, then bring the coarse values back
up into the cells that had none. Known cells keep their values exactly.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.pdf.rows import downsample


def _as3d(array: np.ndarray) -> np.ndarray:
    return array if array.ndim == 3 else array[:, :, None]


def weighted_mean(sums: np.ndarray, weights: np.ndarray, min_weight: float) -> np.ndarray | None:
    """uint8 image of sums / weights, holes (weight <= min_weight) filled; None if all holes."""
    sums = _as3d(sums)
    known = weights > min_weight
    if not known.any():
        return None
    values = np.zeros_like(sums)
    np.divide(sums, weights[:, :, None], out=values, where=known[:, :, None])
    filled = _push_pull(values, known.astype(np.float32))
    out = np.clip(filled + 0.5, 0, 255).astype(np.uint8)
    return out[:, :, 0] if out.shape[2] == 1 else out


def _push_pull(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    if weights.min() > 0:
        return values
    height, width = weights.shape
    if height == 1 and width == 1:
        return values  # unreachable with at least one known cell, kept as a guard
    small_weights = downsample(weights, 2)
    small_sums = _as3d(downsample(values * weights[:, :, None], 2))
    known = small_weights > 0
    small = np.zeros_like(small_sums)
    np.divide(small_sums, small_weights[:, :, None], out=small, where=known[:, :, None])
    coarse = _push_pull(small, known.astype(np.float32))
    up = cv2.resize(
        coarse, (coarse.shape[1] * 2, coarse.shape[0] * 2), interpolation=cv2.INTER_LINEAR
    )
    up = _as3d(up)[:height, :width]
    return np.where(weights[:, :, None] > 0, values, up)
