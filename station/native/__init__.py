"""Fused per-pixel kernels in C (kernels.c), built with the package where a C compiler is at
hand; each gives the same bits as the OpenCV passes it stands for. Without them (a platform
where the build found no compiler) `kernels` is None and the callers take those passes."""

from __future__ import annotations

import functools

import cv2
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


def readable(image: np.ndarray) -> bool:
    """uint8 the kernels read as it lies and give back in OpenCV's shape: 2-D, or 2 to 4
    channels (OpenCV drops a lone channel's axis)."""
    channels_kept = image.ndim == 2 or (image.ndim == 3 and 2 <= image.shape[2] <= 4)
    return image.dtype == np.uint8 and channels_kept and packed(image)


@functools.cache
def percent(ratio: float) -> int | None:
    """`ratio` in hundredths, when the kernels' scaling of a level by it (level * percent / 100,
    a half rounded to even) is cv2.convertScaleAbs(level, alpha=ratio) at every level; else
    None, and the callers take OpenCV's passes."""
    hundredths = round(ratio * 100)
    if not 1 <= hundredths <= 100:
        return None
    levels = np.arange(256, dtype=np.int32)
    whole, rest = np.divmod(levels * hundredths, 100)
    made = whole + ((rest > 50) | ((rest == 50) & (whole % 2 == 1)))
    opencv = cv2.convertScaleAbs(levels.astype(np.uint8).reshape(1, 256), alpha=ratio)
    return hundredths if np.array_equal(made, opencv.ravel()) else None
