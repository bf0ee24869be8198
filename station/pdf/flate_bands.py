"""One lossless Flate stream (PNG row predictors) from a page given in row bands, never holding
the whole page.

libpng filters each band's rows with compression off (its choice of predictor per row does not
depend on the level), and the filtered rows are deflated into one zlib stream as they come, at
the level `codecs.flate` uses: the stream decodes to the same rows as the whole page's. A band is
filtered together with the row above it, so its first row is predicted from the page's previous
row as in one image; that extra row's output is dropped.
"""

from __future__ import annotations

import zlib

import cv2
import numpy as np

from station.pdf.bands import PageBands
from station.pdf.codecs import PNG_LEVEL, png_idat
from station.pdf.page import Filter, RasterImage

BAND_PIXELS = 2_000_000
_STORED = [
    cv2.IMWRITE_PNG_COMPRESSION,
    0,
    cv2.IMWRITE_PNG_STRATEGY,
    cv2.IMWRITE_PNG_STRATEGY_DEFAULT,
]


def flate_in_bands(page: PageBands, grayscale: bool = False) -> RasterImage:
    """BGR bands in, RGB (or gray, when the page has one channel or `grayscale`) rows out."""
    gray = grayscale or page.channels == 1
    compressor = zlib.compressobj(PNG_LEVEL)
    parts: list[bytes] = []
    above: np.ndarray | None = None
    for _, band in page.bands(max(1, BAND_PIXELS // max(1, page.width))):
        if gray and band.ndim == 3:
            band = cv2.cvtColor(band, cv2.COLOR_BGR2GRAY)
        rows = band if above is None else np.concatenate([above, band])
        filtered = _filtered_rows(rows)
        skip = 0 if above is None else len(filtered) // rows.shape[0]
        parts.append(compressor.compress(memoryview(filtered)[skip:]))
        above = band[-1:].copy()
    parts.append(compressor.flush())
    return RasterImage(b"".join(parts), Filter.FLATE, page.width, page.height, 1 if gray else 3)


def _filtered_rows(rows: np.ndarray) -> bytes:
    """Each row as libpng writes it into a PNG: its predictor's type byte, then the bytes."""
    ok, buffer = cv2.imencode(".png", np.ascontiguousarray(rows), _STORED)
    if not ok:
        raise RuntimeError("PNG encoder failed")
    return zlib.decompress(png_idat(buffer.data))
