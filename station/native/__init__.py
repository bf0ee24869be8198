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


@functools.cache
def warps_as_opencv() -> bool:
    """Whether the kernels' bilinear warp gives cv2.warpAffine's pixels on this install (OpenCV
    computes the weights its own way, per build): tried once on a small noise image under maps
    that level it either way, turn it upside down or on its side, and read it bottom up."""
    if kernels is None:
        return False
    image = cv2.GaussianBlur(
        np.random.default_rng(0).integers(0, 256, (61, 47, 3), dtype=np.uint8), (0, 0), 1.0
    )
    fill = (250, 240, 230)
    for angle, shift in ((1.3, 0.4), (-2.7, 3.0), (178.9, -1.6), (91.2, 0.0)):
        turn = cv2.getRotationMatrix2D((23.5, 30.2), angle, 1.0)
        turn[:, 2] = turn[:, 2] + shift
        inverse = cv2.invertAffineTransform(turn)
        for upward in (False, True):
            made = np.empty((59, 53, 3), np.uint8)
            kernels.warp_linear(image, tuple(float(v) for v in inverse.ravel()), fill, upward, made)
            opencv = cv2.warpAffine(
                image, inverse, (53, 59), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                borderMode=cv2.BORDER_CONSTANT, borderValue=fill,
            )  # fmt: skip
            if not np.array_equal(made, cv2.flip(opencv, 0) if upward else opencv):
                return False
    return True


@functools.cache
def resizes_as_opencv() -> bool:
    """Whether the kernels' linear resizes (linear_resize.c) give OpenCV's pixels on this
    install (OpenCV's resize rounds its own way, per build): tried once on small noise images,
    gray and colour, a plain shrink by 1.5 and by 3 and a scaling up by 6, and the background
    composite (the cell
    grid spread by cv2.resize(INTER_LINEAR), the image copied over it where kept and not cut,
    the whole shrunk by cv2.resize(INTER_LINEAR)) shrunk and not. A resize the kernels decline
    (see there) counts as no difference."""
    if kernels is None:
        return False
    rng = np.random.default_rng(0)
    for channels in (1, 3):
        shape = (61, 47) if channels == 1 else (61, 47, 3)
        image = rng.integers(0, 256, shape, dtype=np.uint8)
        for size in ((32, 41), (16, 21), (283, 367)):
            made = np.empty((size[1], size[0], *shape[2:]), np.uint8)
            shrunk = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
            if kernels.resize_linear(image, made) and not np.array_equal(made, shrunk):
                return False
        if not _composites_as_opencv(image, rng):
            return False
    return True


def _composites_as_opencv(image: np.ndarray, rng: np.random.Generator) -> bool:
    shape = image.shape
    grid = rng.integers(0, 256, (7, 5, *shape[2:]), dtype=np.uint8)
    kept = np.where(rng.random(shape[:2]) < 0.4, 255, 0).astype(np.uint8)
    cut = np.where(rng.random(shape[:2]) < 0.3, 7, 0).astype(np.uint8)
    for size in ((47, 61), (32, 41)):
        made = np.empty((size[1], size[0], *shape[2:]), np.uint8)
        if not kernels.composite(image, kept, cut, grid, made):
            continue
        spread = cv2.resize(grid, shape[1::-1], interpolation=cv2.INTER_LINEAR).reshape(shape)
        cv2.copyTo(image, np.where((kept > 0) & (cut == 0), 255, 0).astype(np.uint8), spread)
        if size != shape[1::-1]:
            spread = cv2.resize(spread, size, interpolation=cv2.INTER_LINEAR)
        if not np.array_equal(made, spread.reshape(made.shape)):
            return False
    return True
