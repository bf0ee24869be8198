"""One TIFF page's pixels in one array: OpenCV for large plain pages, Pillow for the rest.

Pillow holds RGB at 4 bytes a pixel and a 1-bit page at one byte a pixel, and turning either into
an array copies it again (an A0 at 600 dpi took 5.4 GB in colour, 2.2 GB in black and white).
OpenCV's TIFF reader decodes strip by strip into an array of 3 (or 1) bytes a pixel, once.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from drivers.contract import ColorMode
from drivers.importer.pixels import to_array

LARGE_PIXELS = 40_000_000  # above this, plain 8-bit and 1-bit TIFF pages are decoded by OpenCV
# TIFF tags and the values OpenCV reads as Pillow does (other layouts stay with Pillow).
_COMPRESSION, _PHOTOMETRIC, _ORIENTATION, _PLANAR, _EXTRA_SAMPLES = 259, 262, 274, 284, 338
# none, fax, LZW, JPEG (in RGB: YCbCr is Pillow's), Deflate, PackBits
_PLAIN_COMPRESSIONS = {1, 2, 3, 4, 5, 7, 8, 32773, 32946}
_PLAIN_PHOTOMETRICS = {"1": {0, 1}, "L": {0, 1}, "RGB": {2}}
_FLAGS = {"1": cv2.IMREAD_GRAYSCALE, "L": cv2.IMREAD_GRAYSCALE, "RGB": cv2.IMREAD_COLOR_RGB}
_MODES = {"1": ColorMode.LINEART, "L": ColorMode.GRAY, "RGB": ColorMode.COLOR}


def tiff_pixels(im: Image.Image, path: Path, frame: int) -> tuple[np.ndarray, ColorMode]:
    """The pixels of the frame `im` is at (as stored, no orientation applied)."""
    decoded = _by_opencv(im, path, frame)
    if decoded is not None:
        return decoded
    im.load()
    return to_array(im)


def _by_opencv(im: Image.Image, path: Path, frame: int) -> tuple[np.ndarray, ColorMode] | None:
    """None when the page is small, laid out in a way left to Pillow, or OpenCV fails on it (a
    single strip of a large 1-bit page needs a 4-byte-a-pixel buffer OpenCV refuses)."""
    width, height = im.size
    if width * height < LARGE_PIXELS or not _plain(im):
        return None
    shape = (height, width) if im.mode != "RGB" else (height, width, 3)
    flags = _FLAGS[im.mode] | cv2.IMREAD_IGNORE_ORIENTATION
    try:
        size = path.stat().st_size
        pixels = _read(path, frame, shape, flags)
        unchanged = path.stat().st_size == size
    except (cv2.error, OSError):
        return None
    if pixels is None or pixels.shape != shape or pixels.dtype != np.uint8 or not unchanged:
        return None
    return pixels, _MODES[im.mode]


def _read(path: Path, frame: int, shape: tuple[int, ...], flags: int) -> np.ndarray | None:
    """The first page straight into an array allocated here; a later one through imreadmulti,
    whose array the binding copies once (still less than Pillow's two copies). OpenCV's log is
    silenced meanwhile: a page it refuses goes to Pillow, and libtiff's warnings about a
    scanner's private tags are no news to whoever reads the terminal."""
    logging = cv2.utils.logging
    previous = logging.getLogLevel()
    logging.setLogLevel(logging.LOG_LEVEL_SILENT)
    try:
        if frame == 0:
            return cv2.imread(str(path), np.empty(shape, np.uint8), flags)
        found, pages = cv2.imreadmulti(str(path), start=frame, count=1, flags=flags)
        return pages[0] if found and len(pages) == 1 else None
    finally:
        logging.setLogLevel(previous)


def _plain(im: Image.Image) -> bool:
    tags = getattr(im, "tag_v2", None)
    if tags is None or im.mode not in _PLAIN_PHOTOMETRICS:
        return False
    return (
        tags.get(_COMPRESSION, 1) in _PLAIN_COMPRESSIONS
        and tags.get(_PHOTOMETRIC) in _PLAIN_PHOTOMETRICS[im.mode]
        and tags.get(_ORIENTATION, 1) == 1
        and tags.get(_PLANAR, 1) == 1
        and not tags.get(_EXTRA_SAMPLES)
    )
