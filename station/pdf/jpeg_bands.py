"""One baseline JPEG from a page given in row bands, never holding the whole page.

Each band is coded on its own with a restart marker after every MCU row, and the bands'
entropy-coded data is joined into one scan. Every band has the same quantisation and the
standard Huffman tables, and holds a multiple of 8 MCU rows, so the restart numbers (RST0..7)
run on across the joins unchanged: the result is the same stream libjpeg would write for the
whole page with that restart interval. Standard tables cost ~5% against optimised ones.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.pdf.bands import PageBands
from station.pdf.codecs import SAMPLING
from station.pdf.page import Filter, RasterImage

MCU_ROWS_PER_BAND = 32  # a multiple of 8 (see above)
_MCU = {"4:2:0": (16, 16), "4:2:2": (16, 8), "4:4:4": (8, 8)}
_SOF = (0xC0, 0xC1, 0xC2)
_SOS = 0xDA
_LAST_RESTART = b"\xff\xd7"  # RST7: closes a band's 8k-th MCU row
_EOI = b"\xff\xd9"


def jpeg_in_bands(
    page: PageBands, quality: int, subsampling: str = "4:2:0", grayscale: bool = False
) -> RasterImage:
    """BGR bands in, YCbCr JPEG out; gray when the page has one channel or `grayscale`."""
    gray = grayscale or page.channels == 1
    mcu_width, mcu_height = (8, 8) if gray else _MCU[subsampling]
    per_row = -(-page.width // mcu_width)
    params = [
        cv2.IMWRITE_JPEG_QUALITY, int(quality), cv2.IMWRITE_JPEG_OPTIMIZE, 0,
        cv2.IMWRITE_JPEG_RST_INTERVAL, per_row,
    ]  # fmt: skip
    if not gray:
        params += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, SAMPLING[subsampling]]
    head = b""
    parts: list[bytes] = []
    for top, band in page.bands(mcu_height * MCU_ROWS_PER_BAND):
        if gray and band.ndim == 3:
            band = cv2.cvtColor(band, cv2.COLOR_BGR2GRAY)
        ok, buffer = cv2.imencode(".jpg", np.ascontiguousarray(band), params)
        if not ok:
            raise RuntimeError("JPEG encoder failed")
        coded = buffer.tobytes()
        start = _scan_start(coded)
        if top == 0:
            head = _with_height(coded[:start], page.height)
        else:
            parts.append(_LAST_RESTART)
        parts.append(coded[start : -len(_EOI)])
    data = head + b"".join(parts) + _EOI
    return RasterImage(data, Filter.DCT, page.width, page.height, 1 if gray else 3)


def _segments(coded: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of each header segment up to and including the scan header."""
    found, position = [], 2  # after SOI
    while position < len(coded):
        marker = coded[position + 1]
        length = int.from_bytes(coded[position + 2 : position + 4], "big")
        found.append((marker, position, position + 2 + length))
        position += 2 + length
        if marker == _SOS:
            return found
    raise RuntimeError("JPEG without a scan")


def _scan_start(coded: bytes) -> int:
    return _segments(coded)[-1][2]


def _with_height(head: bytes, height: int) -> bytes:
    patched = bytearray(head)
    for marker, start, _end in _segments(head):
        if marker in _SOF:
            patched[start + 5 : start + 7] = height.to_bytes(2, "big")
    return bytes(patched)
