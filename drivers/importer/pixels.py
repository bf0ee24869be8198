"""Decoded images to the page arrays the station works on: RGB, gray or 0/255 lineart."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from PIL import Image

from drivers.contract import ColorMode
from drivers.importer.model import DEFAULT_DPI, Unsupported, check_pixels

_SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I;16N")
_TO_RGB = ("CMYK", "YCbCr", "RGBX", "HSV")
# Resolutions outside this range are placeholders (0, 1 "no unit") rather than measurements.
_DPI_RANGE = (10.0, 100_000.0)
_SQUARE_TOLERANCE = 0.01
_BAND_PIXELS = 4_000_000


def to_array(im: Image.Image) -> tuple[np.ndarray, ColorMode]:
    """Pixels as stored (no EXIF rotation); transparency is flattened onto white paper.

    Arrays are always writable copies (np.asarray of a Pillow image is read-only)."""
    mode = im.mode
    if "transparency" in im.info and mode in ("L", "RGB", "P"):
        im, mode = im.convert("RGBA" if mode != "L" else "LA"), "RGBA" if mode != "L" else "LA"
    if mode == "1":
        return bits_to_bytes(im), ColorMode.LINEART
    if mode == "L":
        return np.array(im), ColorMode.GRAY
    if mode == "P":
        return _palette(im)
    if mode in _SIXTEEN_BIT:
        return np.array(im).astype(np.uint16, copy=False), ColorMode.GRAY
    if mode == "I":  # 32-bit integer gray; what old Pillow made of 16-bit PNG
        return np.clip(np.asarray(im), 0, 65535).astype(np.uint16), ColorMode.GRAY
    if mode == "RGB":
        return np.array(im), ColorMode.COLOR
    if mode in ("LA", "La", "PA"):
        la = np.asarray(im.convert("LA"))
        return over_white(la[..., 0], la[..., 1]), ColorMode.GRAY
    if mode in ("RGBA", "RGBa"):
        rgba = np.asarray(im.convert("RGBA"))
        return over_white(rgba[..., :3], rgba[..., 3]), ColorMode.COLOR
    if mode in _TO_RGB:
        return np.array(im.convert("RGB")), ColorMode.COLOR
    raise Unsupported(f"pixel mode {mode}")


def bits_to_bytes(im: Image.Image) -> np.ndarray:
    """A 1-bit image as 0/255 samples, unpacked band by band from its packed rows: the page is
    held once more at one byte a pixel, not twice (convert("L") then np.array)."""
    width, height = im.size
    packed = np.frombuffer(im.tobytes("raw", "1"), np.uint8).reshape(height, -1)
    out = np.empty((height, width), np.uint8)
    rows = max(1, _BAND_PIXELS // max(1, width))
    for top in range(0, height, rows):
        bits = np.unpackbits(packed[top : top + rows], axis=1, count=width)
        np.multiply(bits, 255, out=out[top : top + rows])
    return out


def _palette(im: Image.Image) -> tuple[np.ndarray, ColorMode]:
    """A gray palette stays gray (black and white only: lineart); a coloured one becomes RGB."""
    indices = np.asarray(im)
    palette = np.zeros((256, 3), np.uint8)
    colours = np.asarray(im.getpalette("RGB") or [], np.uint8).reshape(-1, 3)[:256]
    palette[: len(colours)] = colours
    used = palette[np.bincount(indices.ravel(), minlength=256) > 0]
    if np.array_equal(used[:, 0], used[:, 1]) and np.array_equal(used[:, 0], used[:, 2]):
        gray = palette[indices, 0]
        lineart = np.isin(used[:, 0], (0, 255)).all()
        return gray, ColorMode.LINEART if lineart else ColorMode.GRAY
    return palette[indices], ColorMode.COLOR


def over_white(colour: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Composite onto white paper, rounding; works for 8- and 16-bit samples."""
    top = np.iinfo(colour.dtype).max
    # colour*alpha + top*(top-alpha) <= top*top
    wide: type[np.unsignedinteger[Any]] = np.uint16 if top == 255 else np.uint32
    a = alpha.astype(wide)
    if colour.ndim == 3:
        a = a[..., None]
    blended = colour.astype(wide) * a + (top - a) * wide(top) + wide(top // 2)
    composite: np.ndarray = (blended // top).astype(colour.dtype)
    return composite


def usable_dpi(value: object) -> float | None:
    try:
        dpi = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return dpi if _DPI_RANGE[0] <= dpi <= _DPI_RANGE[1] else None


def resolution(info: dict[str | tuple[int, int], Any]) -> tuple[float, float] | None:
    """(x, y) dpi from Pillow's `info`, or None when the file has no usable resolution."""
    dpi = info.get("dpi")
    if not isinstance(dpi, tuple) or len(dpi) != 2:
        return None
    x, y = usable_dpi(dpi[0]), usable_dpi(dpi[1])
    if x is None:
        return None if y is None else (y, y)
    return (x, y or x)


def square_pixels(
    pixels: np.ndarray, mode: ColorMode, dpi: tuple[float, float] | None, max_pixels: int
) -> tuple[np.ndarray, int]:
    """Stretch the coarser axis of non-square pixels (fax 204 x 98 dpi) so the page keeps its
    physical size at one dpi; square pixels are returned untouched."""
    if dpi is None:
        return pixels, DEFAULT_DPI
    x, y = dpi
    if abs(x - y) <= _SQUARE_TOLERANCE * max(x, y):
        return pixels, round(x)
    target = max(x, y)
    height, width = pixels.shape[:2]
    size = (round(width * target / x), round(height * target / y))
    check_pixels(*size, max_pixels)
    interpolation = cv2.INTER_NEAREST if mode is ColorMode.LINEART else cv2.INTER_LINEAR
    return cv2.resize(pixels, size, interpolation=interpolation), round(target)
