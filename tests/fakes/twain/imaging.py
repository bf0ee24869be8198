"""What the simulated scanner "sees" and how it hands it over: a deterministic test pattern, the
packed DIB a native transfer returns, and the rows of a buffered-memory transfer.

Not part of pytwain. The pattern depends on pixel position, sheet and side, with different
formulas per channel, so a swapped channel order, a flipped image, a lost row padding or a
shifted strip all change the pixels a test reads back.
"""

from __future__ import annotations

import struct

import numpy as np

from .lowlevel import constants as c

BI_RGB = 0
PELS_PER_METER_PER_DPI = 39.3701


def pattern(width: int, height: int, pixel_type: int, depth: int, sheet: int, side: int):
    """The page as the station stores it: RGB HxWx3, gray HxW, BW HxW of 0/255; depth per sample."""
    x = np.arange(width, dtype=np.int64)[None, :]
    y = np.arange(height, dtype=np.int64)[:, None]
    if pixel_type == c.TWPT_BW:
        white = ((x // 5 + y // 3 + sheet + side) % 2) == 0
        return np.where(white, 255, 0).astype(np.uint8)
    if pixel_type == c.TWPT_GRAY:
        if depth == 16:
            return ((x * 61 + y * 29 + sheet * 700 + side * 3000) % 65536).astype(np.uint16)
        return ((x + 2 * y + 11 * sheet + 40 * side) % 256).astype(np.uint8)
    if depth == 16:
        red = (x * 97 + y + sheet * 1000) % 65536
        green = (y * 89 + side * 5000) % 65536
        blue = (x * 31 + y * 17 + sheet * 7) % 65536
        dtype = np.uint16
    else:
        red = (x + 3 * sheet) % 256
        green = (y + 50 * side) % 256
        blue = (x // 2 + y // 3 + 7 * sheet) % 256
        dtype = np.uint8
    return np.stack(np.broadcast_arrays(red, green, blue), axis=-1).astype(dtype)


def bits_per_sample(pixel_type: int, bitdepth: int) -> int:
    """ICAP_BITDEPTH counts bits per pixel (24 for 8-bit RGB); a sample is a third of that."""
    return bitdepth // 3 if pixel_type == c.TWPT_RGB else bitdepth


def _aligned(size: int, align: int) -> int:
    return -(-size // align) * align


def packed_bits(white: np.ndarray, ones_are_white: bool) -> np.ndarray:
    bits = white if ones_are_white else ~white
    return np.packbits(bits, axis=1, bitorder="big")


def dib(image: np.ndarray, pixel_type: int, dpi: float, palette_count: bool = True) -> bytes:
    """A packed DIB (BITMAPINFOHEADER, palette, bottom-up rows padded to 4 bytes).

    `palette_count=False` leaves biClrUsed at 0 with a full palette, as many sources do.
    """
    height, width = image.shape[:2]
    if pixel_type == c.TWPT_RGB:
        bit_count, palette = 24, b""
        rows = image[:, :, ::-1].reshape(height, width * 3)
    elif pixel_type == c.TWPT_GRAY:
        bit_count = 8
        palette = b"".join(bytes((i, i, i, 0)) for i in range(256))
        rows = image
    else:
        bit_count, palette = 1, bytes((0, 0, 0, 0, 255, 255, 255, 0))
        rows = packed_bits(image == 255, ones_are_white=True)
    stride = _aligned(rows.shape[1], 4)
    padded = np.zeros((height, stride), np.uint8)
    padded[:, : rows.shape[1]] = rows
    bits = padded[::-1].tobytes()
    pels = round(dpi * PELS_PER_METER_PER_DPI)
    colours = len(palette) // 4 if palette_count else 0
    header = struct.pack(
        "<IiiHHIIiiII", 40, width, height, 1, bit_count, BI_RGB, len(bits), pels, pels, colours, 0
    )
    return header + palette + bits


def memory_rows(image: np.ndarray, pixel_type: int, flavor: int, align: int) -> np.ndarray:
    """The whole image as buffered-memory rows: top-down, RGB order, little-endian samples,
    1-bit rows MSB first, each row padded to `align` bytes. Returns (height, bytes_per_row) u8.
    ICAP_PIXELFLAVOR applies to gray and black-and-white: vanilla puts white at zero."""
    vanilla = flavor == c.TWPF_VANILLA
    height = image.shape[0]
    if pixel_type == c.TWPT_BW:
        rows = packed_bits(image == 255, ones_are_white=not vanilla)
    else:
        data = image
        if vanilla and pixel_type == c.TWPT_GRAY:
            data = np.iinfo(image.dtype).max - image
        rows = np.ascontiguousarray(data.astype(data.dtype.newbyteorder("<"))).view(np.uint8)
        rows = rows.reshape(height, -1)
    stride = _aligned(rows.shape[1], align)
    padded = np.zeros((height, stride), np.uint8)
    padded[:, : rows.shape[1]] = rows
    return padded
