"""Inputs for the import tests, generated on the spot: no binary fixtures in the repository."""

from __future__ import annotations

import io
import struct
import zlib

import img2pdf
import numpy as np
import pikepdf
from PIL import Image


def noise(height: int, width: int, channels: int = 3, seed: int = 0) -> np.ndarray:
    shape = (height, width, channels) if channels > 1 else (height, width)
    return np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)


def pattern(height: int, width: int, channels: int = 3) -> np.ndarray:
    """Smooth gradients: survive JPEG well enough to compare within a small tolerance."""
    y, x = np.mgrid[0:height, 0:width]
    planes = [(x * 255 // max(1, width - 1)), (y * 255 // max(1, height - 1)), (x + y) % 256]
    image = np.stack(planes[:channels], axis=-1).astype(np.uint8)
    return image[..., 0] if channels == 1 else image


def encode(array: np.ndarray, fmt: str, mode: str | None = None, **options) -> bytes:
    buffer = io.BytesIO()
    image = Image.fromarray(array)
    if mode is not None:
        image = image.convert(mode)
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def multipage_tiff(frames: list[Image.Image], **options) -> bytes:
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], **options)
    return buffer.getvalue()


def pdf_of_images(images: list[bytes], page_size_mm: tuple[float, float] | None = None) -> bytes:
    """img2pdf's PDF, rewritten by qpdf in reading order (page tree first, then each page's
    objects) as most PDF writers lay files out."""
    if page_size_mm is None:
        return rewrite(img2pdf.convert(images))
    size = (img2pdf.mm_to_pt(page_size_mm[0]), img2pdf.mm_to_pt(page_size_mm[1]))
    return rewrite(img2pdf.convert(images, layout_fun=img2pdf.get_layout_fun(size)))


def rewrite(pdf_bytes: bytes, **save_options) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            linearize=False,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            **save_options,
        )
        return out.getvalue()


def blank_pdf(sizes_pt: list[tuple[float, float]], rotate: int = 0, user_unit: float = 1) -> bytes:
    pdf = pikepdf.new()
    for width, height in sizes_pt:
        page = pdf.add_blank_page(page_size=(width, height))
        # A black square 72 pt (one inch) from the bottom-left corner, 36 pt wide.
        page.Contents = pdf.make_stream(b"0 g 72 72 36 36 re f")
        if rotate:
            page.Rotate = rotate
        if user_unit != 1:
            page.UserUnit = user_unit
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims width x height 8-bit gray pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", body)
        + png_chunk(b"IEND", b"")
    )


def tiff_declaring(width: int, height: int) -> bytes:
    """A classic little-endian TIFF with one 8-byte strip and a directory claiming the size."""
    entries = [
        (256, 4, 1, width),  # ImageWidth, LONG
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 0),  # StripOffsets, filled in below
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, 8),  # StripByteCounts
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    strip_offset = 8 + ifd_size
    table = b"".join(
        struct.pack("<HHII", tag, kind, count, strip_offset if tag == 273 else value)
        for tag, kind, count, value in entries
    )
    ifd = struct.pack("<H", len(entries)) + table + struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x00" * 8


def jpeg_declaring(width: int, height: int) -> bytes:
    """SOI, a baseline frame header claiming the size, EOI: no scan data at all."""
    sof = struct.pack(">BHHB", 8, height, width, 1) + bytes([1, 0x11, 0])
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xd9"


def gif_declaring(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) + b";"
