"""A native transfer's image: the BMP file pytwain's dib_to_bm_file makes of the DIB handle,
decoded to the station's pixel arrays.

The palette is sized from the info header, never from bfOffBits: pytwain computes that offset
from biClrUsed alone, which is 0 in many sources' DIBs even though a full palette follows.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from drivers.contract import ColorMode

BI_RGB = 0
FILE_HEADER = 14


class DibFormatError(ValueError):
    """A bitmap this decoder does not handle (compressed, or an odd bit count)."""


@dataclass(frozen=True)
class Bitmap:
    pixels: np.ndarray  # HxWx3 RGB, HxW gray, or HxW 0/255 for 1-bit
    mode: ColorMode
    depth: int


def _palette(bmp: bytes, header_size: int, count: int) -> np.ndarray:
    start = FILE_HEADER + header_size
    table = np.frombuffer(bmp, np.uint8, count=count * 4, offset=start).reshape(count, 4)
    return table[:, 2::-1]  # BGRA -> RGB


def _indices(rows: np.ndarray, bit_count: int, width: int) -> np.ndarray:
    if bit_count == 8:
        return rows[:, :width]
    bits = np.unpackbits(rows, axis=1, bitorder="big")
    if bit_count == 1:
        return bits[:, :width]
    nibbles = bits.reshape(rows.shape[0], -1, 4) @ np.array([8, 4, 2, 1], np.uint8)
    return nibbles[:, :width]


def _from_palette(indices: np.ndarray, palette: np.ndarray, bit_count: int) -> Bitmap:
    colours = palette[np.clip(indices, 0, len(palette) - 1)]
    if bit_count == 1:
        luminance = palette.astype(np.uint16).sum(axis=1) // 3
        white = luminance[np.clip(indices, 0, len(palette) - 1)] >= 128
        return Bitmap(np.where(white, 255, 0).astype(np.uint8), ColorMode.LINEART, 1)
    gray = bool((palette[:, 0] == palette[:, 1]).all() and (palette[:, 1] == palette[:, 2]).all())
    if gray:
        return Bitmap(np.ascontiguousarray(colours[..., 0]), ColorMode.GRAY, 8)
    return Bitmap(np.ascontiguousarray(colours), ColorMode.COLOR, 8)


def decode_bmp(bmp: bytes) -> Bitmap:
    if len(bmp) < FILE_HEADER + 40 or bmp[:2] != b"BM":
        raise DibFormatError("not a BMP file")
    header_size, width, height, _planes, bit_count, compression = struct.unpack_from(
        "<IiiHHI", bmp, FILE_HEADER
    )
    (colours_used,) = struct.unpack_from("<I", bmp, FILE_HEADER + 32)
    if compression != BI_RGB:
        raise DibFormatError(f"compressed DIB (biCompression={compression})")
    if bit_count not in (1, 4, 8, 24, 32):
        raise DibFormatError(f"{bit_count}-bit DIB")
    palette_size = (colours_used or 1 << bit_count) if bit_count <= 8 else 0
    stride = (width * bit_count + 31) // 32 * 4
    rows_count = abs(height)
    offset = FILE_HEADER + header_size + palette_size * 4
    if offset + stride * rows_count > len(bmp):
        raise DibFormatError("truncated DIB")
    rows = np.frombuffer(bmp, np.uint8, count=stride * rows_count, offset=offset)
    rows = rows.reshape(rows_count, stride)
    if height > 0:  # bottom-up, the usual DIB
        rows = rows[::-1]
    if bit_count <= 8:
        palette = _palette(bmp, header_size, palette_size)
        return _from_palette(_indices(rows, bit_count, width), palette, bit_count)
    channels = bit_count // 8
    pixels = rows[:, : width * channels].reshape(rows_count, width, channels)[:, :, 2::-1]
    return Bitmap(np.ascontiguousarray(pixels), ColorMode.COLOR, 8)
