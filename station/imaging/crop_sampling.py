"""Small working copies of a page for analysis: the steps look at 50-150 dpi, never at full size.

An A0 sheet at 300 dpi is 418 MB: it is averaged band by band, so no working copy of it is
made on the way down.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.native import kernels, readable

DEFAULT_DPI = 300  # assumed when a file carries no (or a nonsense) resolution
# Above this many pixels, take every n-th pixel before averaging (memory bandwidth, not maths),
# in bands of this many output rows.
_AVERAGE_ALL_BELOW = 40_000_000
_BAND_ROWS = 64


def sane_dpi(dpi: int | float | None) -> float:
    """The caller's dpi, or the usual scanning resolution when it is missing or absurd."""
    if dpi is None or not np.isfinite(dpi) or dpi < 10 or dpi > 10_000:
        return float(DEFAULT_DPI)
    return float(dpi)


def reduce(image: np.ndarray, factor: int) -> np.ndarray:
    """The image shrunk about `factor` times in each direction by averaging (INTER_AREA).

    The result's size is `ceil`-free: `shape // factor` (at least 1 x 1); callers map points
    back with the exact ratio of the two shapes, so rounding never shifts a coordinate.
    """
    factor = max(1, int(factor))
    height, width = image.shape[:2]
    if factor == 1 or height < 2 or width < 2:
        return image
    out_w, out_h = max(1, width // factor), max(1, height // factor)
    if height * width > _AVERAGE_ALL_BELOW and height // factor > _BAND_ROWS:
        return _reduce_in_bands(image, factor, out_w, out_h)
    return _area(image, out_w, out_h)


def whole_cells(image: np.ndarray, factor: int) -> np.ndarray:
    """The image cut to whole `factor` x `factor` cells (under `factor` rows and columns of the
    far edges dropped): `reduce` then takes OpenCV's integer fast path (a third of the time of
    a fractional ratio), and a reduced pixel maps back to exactly `factor` pixels."""
    factor = max(1, int(factor))
    height, width = image.shape[:2]
    if factor == 1 or height < factor or width < factor:
        return image
    return image[: height - height % factor, : width - width % factor]


def _reduce_in_bands(image: np.ndarray, factor: int, out_w: int, out_h: int) -> np.ndarray:
    """Band by band, so no intermediate is more than a band: OpenCV copies a strided view
    before reading it, which for a whole A0 sheet is a 100 MB copy."""
    out = np.empty((out_h, out_w, *image.shape[2:]), image.dtype)
    # keep every `step`-th row and column, then average the rest of the way
    step = factor // 2 if factor >= 4 else 1
    ratio = image.shape[0] / out_h / step  # the whole image maps onto the whole result
    for top in range(0, out_h, _BAND_ROWS):
        rows = min(_BAND_ROWS, out_h - top)
        start, stop = round(top * ratio) * step, round((top + rows) * ratio) * step
        band = image[start:stop:step, ::step]
        out[top : top + rows] = _area(band, out_w, rows).reshape(rows, out_w, *image.shape[2:])
    return out


def _area(source: np.ndarray, out_w: int, out_h: int) -> np.ndarray:
    # halving by area has a fast path in OpenCV; use it while the factor stays even
    while source.shape[0] // 2 >= out_h * 2 and source.shape[1] // 2 >= out_w * 2:
        half = (source.shape[1] // 2, source.shape[0] // 2)
        source = cv2.resize(source, half, interpolation=cv2.INTER_AREA)
    factor = source.shape[0] // out_h
    whole = source.shape[:2] == (out_h * factor, out_w * factor)
    if kernels is not None and whole and factor > 2 and readable(source):
        # OpenCV averages other whole factors in scalar code: the native kernel, same bits
        out = np.empty((out_h, out_w, *source.shape[2:]), np.uint8)
        kernels.cell_means(source, factor, True, out)
        return out
    return cv2.resize(source, (out_w, out_h), interpolation=cv2.INTER_AREA)


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 1:
        return image[:, :, 0]
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def as_uint8(image: np.ndarray) -> np.ndarray:
    """8-bit pixels (16-bit keep their top byte, bool becomes 0/255), BGR or gray, contiguous."""
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype == bool:
        image = image.astype(np.uint8) * 255
    elif image.dtype != np.uint8:
        image = np.clip(np.nan_to_num(image), 0, 255).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    elif image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    if image.ndim == 3 and image.shape[2] != 3:
        image = image[:, :, 0]
    return np.ascontiguousarray(image)
