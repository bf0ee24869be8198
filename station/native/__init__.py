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
