"""Image files: JPEG, PNG, static GIF and BMP (one page each) and multi-page TIFF, via Pillow."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import cv2
import numpy as np
from PIL import Image

from drivers.contract import ColorMode
from drivers.importer.model import (
    Damaged,
    ImportedPage,
    ImportProblem,
    TooLarge,
    Unsupported,
    check_pixels,
)
from drivers.importer.paper_size import Resolution, page_resolution
from drivers.importer.pixels import over_white, resolution, square_pixels, to_array
from drivers.importer.sniff import FileKind, declared_size
from drivers.importer.tiff_pages import tiff_pixels
from drivers.importer.tiff_structure import read_layout

_PILLOW_FORMATS = {
    FileKind.JPEG: ["JPEG", "MPO"],
    FileKind.PNG: ["PNG"],
    FileKind.GIF: ["GIF"],
    FileKind.BMP: ["BMP", "DIB"],
}
_MEDIA_TYPES = {FileKind.JPEG: "image/jpeg", FileKind.PNG: "image/png"}
_PNG_GRAY, _PNG_RGB, _PNG_PALETTE = 0, 2, 3
_PNG_RGBA = 6
EXIF_ORIENTATION = 0x0112
LARGE_PIXELS = 40_000_000  # above this, 8-bit JPEG and PNG are decoded by OpenCV


def allow_pillow(max_pixels: int) -> None:
    """Pillow refuses images over its own bomb limit (179 M px by default, below A0 at 600 dpi).
    Sizes are checked against `max_pixels` before Pillow sees them, so lift its limit to match;
    never lower it, another caller in the process may need more."""
    if Image.MAX_IMAGE_PIXELS is not None and max_pixels > Image.MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = max_pixels


def read_single(path: Path, kind: FileKind, data: bytes, max_pixels: int) -> Iterator[ImportedPage]:
    size = declared_size(kind, data)
    if size is None:
        raise Damaged(f"{kind} header cut off")
    check_pixels(*size, max_pixels)
    allow_pillow(max_pixels)
    with Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS[kind]) as im:
        frames = getattr(im, "n_frames", 1)  # only multi-frame formats have the attribute
        if kind in (FileKind.GIF, FileKind.PNG) and frames > 1:
            raise Unsupported(f"animated {kind} ({frames} frames)")
        check_pixels(*im.size, max_pixels)
        decoded = _decode_large(kind, im, data, path)
        if decoded is not None:
            pixels, mode = decoded
        elif kind is FileKind.PNG and _png_colour_16bit(data):
            im.load()
            pixels, mode = _decode_png_16bit(data), ColorMode.COLOR
        else:
            im.load()
            pixels, mode = to_array(im)
        dpi = resolution(im.info)
        orientation = _orientation(im) if kind is FileKind.JPEG else 1
        keep = _keepable(kind, im, data)
    pixels, found = resolved(pixels, mode, dpi, max_pixels)
    yield ImportedPage(
        pixels=pixels,
        dpi=found.dpi,
        mode=mode,
        source_name=path.name,
        index=1,
        original=data if keep else None,
        media_type=_MEDIA_TYPES[kind] if keep else None,
        orientation=orientation,
        dpi_source=found.source,
        file_dpi=found.file_dpi,
        paper=found.paper,
    )


def resolved(
    pixels: np.ndarray, mode: ColorMode, dpi: tuple[float, float] | None, max_pixels: int
) -> tuple[np.ndarray, Resolution]:
    """Square pixels and the page's resolution, inferred when the file's is missing or
    impossible (never silently: the answer says where the dpi came from)."""
    if dpi is None:
        return pixels, page_resolution(pixels, None)
    pixels, file_dpi = square_pixels(pixels, mode, dpi, max_pixels)
    return pixels, page_resolution(pixels, file_dpi)


def _decode_large(
    kind: FileKind, im: Image.Image, data: bytes, path: Path
) -> tuple[np.ndarray, ColorMode] | None:
    """A large 8-bit RGB or gray JPEG or PNG decoded by OpenCV straight into one array of 3 (or
    1) bytes a pixel. Pillow keeps RGB at 4 bytes a pixel and np.array copies that again (an A0
    at 600 dpi took 5 GB that way), and cv2.imdecode holds the decoded page twice (3.2 GB):
    cv2.imread fills an array allocated here, once. None: Pillow's way."""
    width, height = im.size
    if width * height < LARGE_PIXELS or im.mode not in ("RGB", "L"):
        return None
    if kind is FileKind.PNG and (data[24] != 8 or data[28] != 0 or "transparency" in im.info):
        return None  # 16-bit, interlaced or with a transparent colour
    if kind is FileKind.JPEG and not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        return None  # cut off: Pillow says so, OpenCV would fill the rest with gray
    gray = im.mode == "L"
    flags = (cv2.IMREAD_GRAYSCALE if gray else cv2.IMREAD_COLOR_RGB) | cv2.IMREAD_IGNORE_ORIENTATION
    pixels = np.empty((height, width) if gray else (height, width, 3), np.uint8)
    try:
        decoded = cv2.imread(str(path), pixels, flags)
        unchanged = path.stat().st_size == len(data)  # the bytes kept are the bytes decoded
    except (cv2.error, OSError):
        return None
    if decoded is None or decoded.shape != pixels.shape or not unchanged:
        return None
    return decoded, ColorMode.GRAY if gray else ColorMode.COLOR


def _orientation(im: Image.Image) -> int:
    """EXIF orientation 1-8; damaged EXIF is no reason to refuse the picture."""
    try:
        value = int(im.getexif().get(EXIF_ORIENTATION, 1))
    except Exception:
        return 1
    return value if 1 <= value <= 8 else 1


def _keepable(kind: FileKind, im: Image.Image, data: bytes) -> bool:
    """The file can stand for the page verbatim when its pixels are the page's pixels:
    no transparency flattened, no CMYK converted."""
    if kind is FileKind.JPEG:
        return im.mode in ("L", "RGB")
    if kind is FileKind.PNG:
        colour_type = data[25]
        return colour_type in (_PNG_GRAY, _PNG_RGB, _PNG_PALETTE) and "transparency" not in im.info
    return False


def _png_colour_16bit(data: bytes) -> bool:
    return data[24] == 16 and data[25] in (_PNG_RGB, _PNG_RGBA)


def _decode_png_16bit(data: bytes) -> np.ndarray:
    """Pillow reduces 16-bit colour to 8 bits; OpenCV keeps all 16."""
    flags = cv2.IMREAD_UNCHANGED | cv2.IMREAD_IGNORE_ORIENTATION
    decoded = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if decoded is None:
        raise Damaged("16-bit png data cannot be decoded")
    if decoded.ndim == 3 and decoded.shape[2] == 4:
        return over_white(cv2.cvtColor(decoded, cv2.COLOR_BGRA2RGB), decoded[..., 3])
    return cv2.cvtColor(decoded, cv2.COLOR_BGR2RGB)


def read_tiff(path: Path, max_pixels: int) -> Iterator[ImportedPage]:
    """Every page of a TIFF, one decoded at a time; a thumbnail directory is not a page."""
    with open(path, "rb") as f:
        layout = read_layout(f, os.fstat(f.fileno()).st_size)
        frames = [(i, d) for i, d in enumerate(layout.directories) if not d.reduced]
        if not frames:  # every directory marked "reduced": take them as they are
            frames = list(enumerate(layout.directories))
        if not frames:
            raise Damaged(layout.damage or "no pages")
        check_pixels(frames[0][1].width, frames[0][1].height, max_pixels, page=1)
        allow_pillow(max_pixels)
        for page, (frame, directory) in enumerate(frames, start=1):
            check_pixels(directory.width, directory.height, max_pixels, page)
            yield _tiff_page(f, path, frame, page, max_pixels)
    if layout.damage:
        raise Damaged(layout.damage)


def _tiff_page(f: BinaryIO, path: Path, frame: int, page: int, max_pixels: int) -> ImportedPage:
    """Opened afresh for each page, so Pillow's decoded copy of one page is gone before the
    page is handed on."""
    try:
        with Image.open(f, formats=["TIFF"]) as im:
            im.seek(frame)
            pixels, mode = tiff_pixels(im, path, frame)
            dpi = resolution(im.info)
    except ImportProblem as problem:
        raise type(problem)(problem.detail, page) from problem
    except MemoryError:
        raise
    except Image.DecompressionBombError as error:
        raise TooLarge(str(error), page) from error
    except Exception as error:  # Pillow's TIFF plugin raises almost anything on bad data
        raise Damaged(f"{type(error).__name__}: {error}", page) from error
    pixels, found = resolved(pixels, mode, dpi, max_pixels)
    return ImportedPage(
        pixels=pixels,
        dpi=found.dpi,
        mode=mode,
        source_name=path.name,
        index=page,
        dpi_source=found.source,
        file_dpi=found.file_dpi,
        paper=found.paper,
    )
