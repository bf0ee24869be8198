"""Stream a numpy page into a PNG strip by strip, so even an A0 scan is never copied whole.

Pillow and OpenCV both encode from one in-memory image (OpenCV also wants BGR, another full
copy); a scanned A0 at 300 dpi is 418 MB, so the original is written here with zlib directly.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_STRIP_ROWS = 256
_IDAT_BYTES = 1 << 20
_FILTER_UP = 2


def _chunk(out: BinaryIO, kind: bytes, data: bytes) -> None:
    out.write(struct.pack(">I", len(data)))
    out.write(kind)
    out.write(data)
    out.write(struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)) & 0xFFFFFFFF))


def write_png(out: BinaryIO, pixels: np.ndarray, dpi: int, level: int = 3) -> None:
    """Gray (H x W) or RGB (H x W x 3), 8 or 16 bit; records dpi in pHYs."""
    if pixels.ndim not in (2, 3) or (pixels.ndim == 3 and pixels.shape[2] != 3):
        raise ValueError(f"unsupported page shape {pixels.shape}")
    if pixels.dtype not in (np.uint8, np.uint16):
        raise ValueError(f"unsupported sample type {pixels.dtype}")
    height, width = pixels.shape[:2]
    color_type = 2 if pixels.ndim == 3 else 0
    bit_depth = 16 if pixels.dtype == np.uint16 else 8
    out.write(_SIGNATURE)
    _chunk(out, b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))
    per_metre = round(dpi / 0.0254)
    _chunk(out, b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    compressor = zlib.compressobj(level)
    pending = bytearray()
    previous: np.ndarray | None = None
    for top in range(0, height, _STRIP_ROWS):
        rows = _row_bytes(pixels[top : top + _STRIP_ROWS])
        filtered = np.empty((len(rows), rows.shape[1] + 1), np.uint8)
        filtered[:, 0] = _FILTER_UP  # "Up": each row minus the one above, mod 256
        filtered[:, 1:] = rows
        filtered[1:, 1:] -= rows[:-1]
        if previous is not None:
            filtered[0, 1:] -= previous
        previous = rows[-1].copy()
        pending += compressor.compress(filtered.data)
        if len(pending) >= _IDAT_BYTES:
            _chunk(out, b"IDAT", bytes(pending))
            pending.clear()
    pending += compressor.flush()
    _chunk(out, b"IDAT", bytes(pending))
    _chunk(out, b"IEND", b"")


def _row_bytes(rows: np.ndarray) -> np.ndarray:
    """Rows as PNG wants them: samples interleaved, 16-bit big-endian, one uint8 row each."""
    if rows.dtype == np.uint16:
        rows = rows.astype(">u2", copy=False)
    return np.ascontiguousarray(rows).view(np.uint8).reshape(len(rows), -1)
