"""pytwain's `twain.utils`: platform check and the DIB -> BMP file conversion."""

from __future__ import annotations

import ctypes as ct
import struct


class BITMAPINFOHEADER(ct.Structure):
    _pack_ = 4
    _fields_ = [
        ("biSize", ct.c_uint32),
        ("biWidth", ct.c_int32),
        ("biHeight", ct.c_int32),
        ("biPlanes", ct.c_uint16),
        ("biBitCount", ct.c_uint16),
        ("biCompression", ct.c_uint32),
        ("biSizeImage", ct.c_uint32),
        ("biXPelsPerMeter", ct.c_int32),
        ("biYPelsPerMeter", ct.c_int32),
        ("biClrUsed", ct.c_uint32),
        ("biClrImportant", ct.c_uint32),
    ]


def is_windows() -> bool:
    # The fake plays pytwain on Windows, whatever the host.
    return True


def convert_dib_to_bmp(dib_bytes: bytes | ct.Array) -> bytes:
    """Prepend a BITMAPFILEHEADER to a packed DIB.

    Like pytwain, the pixel offset counts `biClrUsed` palette entries only, so a DIB that leaves
    biClrUsed at 0 with a palette gets a wrong bfOffBits; readers must size the palette themselves.
    """
    header = BITMAPINFOHEADER.from_buffer_copy(bytes(dib_bytes[: ct.sizeof(BITMAPINFOHEADER)]))
    bits_offset = 14 + header.biSize + header.biClrUsed * 4
    file_header = struct.pack("=ccLHHL", b"B", b"M", len(dib_bytes) + 14, 0, 0, bits_offset)
    return file_header + bytes(dib_bytes)
