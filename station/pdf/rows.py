"""Row-band helpers: big pages are processed in bands so no full-size temporaries are made."""

from __future__ import annotations

import math
from collections.abc import Iterator

import cv2
import numpy as np

from station.native import kernels, readable

BAND_PIXELS = 2_000_000  # ~2 Mpx bands: float32 temporaries stay around 25 MB on an A0 page
# A chain of full-page steps run band by band on bands this small: each step's result is still
# in the core's cache when the next reads it, instead of a trip to memory per step and page.
CACHE_BAND_PIXELS = 250_000


def bands(
    height: int, width: int, align: int, pixels: int = BAND_PIXELS
) -> Iterator[tuple[int, int]]:
    """(start, stop) row ranges covering the page; every start is a multiple of `align`."""
    rows = max(align, (pixels // max(1, width)) // align * align)
    for start in range(0, height, rows):
        yield start, min(height, start + rows)


def lcm(*numbers: int) -> int:
    result = 1
    for number in numbers:
        result = result * number // math.gcd(result, number)
    return result


def upsample_rows(
    small: np.ndarray, factor: int, start: int, stop: int, width: int, nearest: bool = False
) -> np.ndarray:
    """Rows start..stop of `small` scaled up `factor` times, without scaling the whole map.

    The result equals the same rows of cv2.resize(small, factor x) because one extra source row
    on each side is taken along (linear interpolation reaches half a cell past a row).
    """
    first = max(0, start // factor - 1)
    last = min(small.shape[0], (stop - 1) // factor + 2)
    block = small[first:last]
    interpolation = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
    size = (block.shape[1] * factor, block.shape[0] * factor)
    up = cv2.resize(block, size, interpolation=interpolation)
    offset = start - first * factor
    return up[offset : offset + stop - start, :width]


def downsample(image: np.ndarray, factor: int) -> np.ndarray:
    """Cell means over factor x factor blocks; a partial last cell is padded by replication.

    Only the partial last row and column of cells are padded: padding the whole image would copy
    it (a full-size colour copy on every page). A uint8 image by a factor other than 2 (which
    OpenCV averages in vector code of its own) is averaged by the native kernel where it is
    built, with the same bits."""
    if factor == 1:
        return image.copy()
    if kernels is not None and factor != 2 and readable(image):
        out = np.empty((-(-image.shape[0] // factor), -(-image.shape[1] // factor),
                        *image.shape[2:]), np.uint8)  # fmt: skip
        kernels.cell_means(image, factor, True, out)
        return out
    if image.dtype != np.uint8 or image.shape[2:] == (1,):
        # small float maps (OpenCV sums these in another order by size), lone-channel arrays
        return _means(_padded(image, factor), factor)
    height, width = image.shape[:2]
    whole_h, whole_w = height - height % factor, width - width % factor
    cells_h, cells_w = -(-height // factor), -(-width // factor)
    out = np.empty((cells_h, cells_w, *image.shape[2:]), image.dtype)
    parts = []
    if whole_h and whole_w:
        parts.append((out[: whole_h // factor, : whole_w // factor], image[:whole_h, :whole_w]))
    if whole_w < width and whole_h:
        parts.append((out[: whole_h // factor, -1:], _padded(image[:whole_h, whole_w:], factor)))
    if whole_h < height:
        parts.append((out[-1:], _padded(image[whole_h:], factor)))
    for cells, pixels in parts:
        cells[...] = _means(pixels, factor).reshape(cells.shape)  # OpenCV drops a lone channel
    return out


def _padded(image: np.ndarray, factor: int) -> np.ndarray:
    height, width = image.shape[:2]
    pad_y, pad_x = -height % factor, -width % factor
    if not (pad_y or pad_x):
        return image
    return cv2.copyMakeBorder(image, 0, pad_y, 0, pad_x, cv2.BORDER_REPLICATE)


def _means(image: np.ndarray, factor: int) -> np.ndarray:
    """factor x factor block means of an image whose sides are multiples of `factor`."""
    size = (image.shape[1] // factor, image.shape[0] // factor)
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def every(image: np.ndarray, step: int, offset: int = 0) -> np.ndarray:
    """image[offset::step, offset::step] as a contiguous array (for a colour page: numpy copies
    a one-channel page's samples faster).

    OpenCV's nearest-neighbour resize by a whole ratio picks exactly these samples, three times
    as fast as numpy's strided copy of a colour page; the partial last row and column, which
    that block leaves out, are copied by numpy."""
    view = image[offset:, offset:]
    if step == 1:
        return np.ascontiguousarray(view)
    height, width = view.shape[:2]
    rows, cols = -(-height // step), -(-width // step)
    whole_rows, whole_cols = height // step, width // step
    out = np.empty((rows, cols, *image.shape[2:]), image.dtype)
    if whole_rows and whole_cols:
        block = view[: whole_rows * step, : whole_cols * step]
        picked = cv2.resize(block, (whole_cols, whole_rows), interpolation=cv2.INTER_NEAREST)
        out[:whole_rows, :whole_cols] = picked.reshape(out[:whole_rows, :whole_cols].shape)
    if whole_rows < rows:
        out[whole_rows:] = view[whole_rows * step :: step, ::step]
    if whole_cols < cols:
        out[:whole_rows, whole_cols:] = view[: whole_rows * step : step, whole_cols * step :: step]
    return out
