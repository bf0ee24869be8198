"""Fused per-pixel kernels in C (kernels.c), built with the package where a C compiler is at
hand; each gives the same bits as the OpenCV passes it stands for. Without them (a platform
where the build found no compiler) `kernels` is None and the callers take those passes."""

from __future__ import annotations

import numpy as np

try:
    from station.native import _kernels as kernels
except ImportError:  # built without a C compiler
    kernels = None  # type: ignore[assignment]  # the stub types the built module only


def packed(image: np.ndarray) -> bool:
    """Whether the kernels can read `image` as it lies: rows that may be strided (a band or
    every other row of a page), the samples within each row packed."""
    if image.ndim == 2:
        return image.strides[1] == 1 and image.strides[0] >= 0
    if image.ndim == 3:
        return image.strides[1:] == (image.shape[2], 1) and image.strides[0] >= 0
    return False


def linear_tables(
    source: int, size: int, down: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(first source pixel, second, their 11-bit weights) of each of `size` output pixels
    along an axis of `source` pixels, as OpenCV's linear resize of uint8 makes them: each
    pixel's centre mapped in float32, the weights rounded to 1/2048; along x (not `down`) a
    pixel past either edge takes the edge pixel whole, along y only its rows are held in."""
    scale = 1.0 / (size / source)  # as OpenCV inverts its ratio
    centres = ((np.arange(size, dtype=np.float64) + 0.5) * scale - 0.5).astype(np.float32)
    first = np.floor(centres).astype(np.int64)
    share = (centres - first.astype(np.float32)).astype(np.float32)
    if not down:
        outside = (first < 0) | (first >= source - 1)
        share[outside] = 0.0
        first = np.clip(first, 0, source - 1)
    weight = np.float32(2048)
    near = np.rint((np.float32(1) - share) * weight).astype(np.int16)
    far = np.rint(share * weight).astype(np.int16)
    second = np.clip(first + 1, 0, source - 1).astype(np.int32)
    return np.clip(first, 0, source - 1).astype(np.int32), second, near, far
