"""Tell a file's format from its first bytes, and read an image's declared size from its header.

The declared size is checked against the pixel limit before any decoder allocates memory, so a
tiny file that claims 100000 x 100000 pixels is refused without being decoded.
"""

from __future__ import annotations

import struct
from enum import StrEnum

HEAD_BYTES = 1024  # a PDF header may follow some junk; Acrobat looks in the first 1024 bytes


class FileKind(StrEnum):
    PDF = "pdf"
    TIFF = "tiff"
    JPEG = "jpeg"
    PNG = "png"
    GIF = "gif"
    BMP = "bmp"


# Extensions whose files should have been readable: unknown content under one of these is a
# damaged file, not a foreign format.
IMPORTABLE_SUFFIXES = frozenset(
    {".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp", ".dib"}
)

_SIGNATURES: tuple[tuple[bytes, FileKind], ...] = (
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"II*\x00", FileKind.TIFF),
    (b"MM\x00*", FileKind.TIFF),
    (b"II+\x00", FileKind.TIFF),  # BigTIFF
    (b"MM\x00+", FileKind.TIFF),
    (b"GIF87a", FileKind.GIF),
    (b"GIF89a", FileKind.GIF),
    (b"BM", FileKind.BMP),
)

# Formats people drop on the station by mistake, named in the error detail.
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip container (docx/xlsx/odt/zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE container (doc/xls)"),
    (b"{\\rtf", "rtf"),
    (b"Rar!", "rar"),
    (b"\x00\x00\x00\x0cjP  ", "jpeg 2000"),
)


def sniff(head: bytes) -> FileKind | None:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"%PDF-" in head[:HEAD_BYTES]:
        return FileKind.PDF
    return None


def describe_foreign(head: bytes) -> str:
    """A short name for content we do not import, for the error detail."""
    for signature, name in _FOREIGN:
        if head.startswith(signature):
            return name
    if head[4:8] == b"ftyp":
        return "iso media (heic/avif/mp4)"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if _looks_like_text(head):
        return "text"
    return "unknown format"


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the end of the sample is still text.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(ch.isprintable() or ch in "\r\n\t\f" for ch in text)


def declared_size(kind: FileKind, data: bytes) -> tuple[int, int] | None:
    """(width, height) from the header of a single-image file; None when the header is cut off."""
    try:
        if kind is FileKind.PNG:
            return _png_size(data)
        if kind is FileKind.JPEG:
            return _jpeg_size(data)
        if kind is FileKind.GIF:
            return struct.unpack_from("<HH", data, 6)
        if kind is FileKind.BMP:
            return _bmp_size(data)
    except struct.error:
        return None
    raise ValueError(f"no single-image header for {kind}")


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR":
        return None
    return struct.unpack_from(">II", data, 16)


def _bmp_size(data: bytes) -> tuple[int, int]:
    (header_size,) = struct.unpack_from("<I", data, 14)
    if header_size == 12:  # OS/2 BITMAPCOREHEADER
        return struct.unpack_from("<HH", data, 18)
    width, height = struct.unpack_from("<ii", data, 18)
    return abs(width), abs(height)  # a negative height means top-down rows


# SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE_MARKERS = frozenset(range(0xD0, 0xD8)) | {0x01}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2  # after SOI
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _STANDALONE_MARKERS:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # EOI or start of scan before any frame header
            return None
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if marker in _SOF_MARKERS:
            height, width = struct.unpack_from(">HH", data, pos + 5)
            return width, height
        pos += 2 + length
    return None
