"""A large page's analysis copy decoded from its file at a reduced scale, never shrunk from the
decoded page: a JPEG is decoded at 1/2, 1/4 or 1/8 of its size by its own DCT scaling (libjpeg's
`scale_denom`, through OpenCV), which makes a quarter to a 64th of the pixels, then averaged the
rest of the way.

Only a page whose file is kept verbatim (`ImportedPage.original`) as a JPEG qualifies: its pixels
are the file's, unstretched. Other files (PNG, TIFF) give None; the analysis then shrinks the
decoded page as before.
"""

from __future__ import annotations

import cv2
import numpy as np

from drivers.importer.model import ImportedPage

_SCALES = (
    (8, cv2.IMREAD_REDUCED_COLOR_8, cv2.IMREAD_REDUCED_GRAYSCALE_8),
    (4, cv2.IMREAD_REDUCED_COLOR_4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
    (2, cv2.IMREAD_REDUCED_COLOR_2, cv2.IMREAD_REDUCED_GRAYSCALE_2),
)


def reduced_copy(page: ImportedPage, factor: int) -> np.ndarray | None:
    """The page `factor` times smaller in each direction (`shape // factor`), BGR or gray as the
    analysis works on it; None when its file cannot give one."""
    pixels = page.pixels
    if page.original is None or page.media_type != "image/jpeg" or pixels.dtype != np.uint8:
        return None
    height, width = pixels.shape[:2]
    if factor < 2 or height < factor or width < factor:
        return None
    gray = pixels.ndim == 2
    scale, colour, mono = next(s for s in (*_SCALES, (1, cv2.IMREAD_COLOR, 0)) if s[0] <= factor)
    flags = (cv2.IMREAD_GRAYSCALE if scale == 1 else mono) if gray else colour
    coded = np.frombuffer(page.original, np.uint8)
    try:
        decoded = cv2.imdecode(coded, flags | cv2.IMREAD_IGNORE_ORIENTATION)
    except cv2.error:
        return None
    expected = (-(-height // scale), -(-width // scale))  # libjpeg rounds the scaled size up
    if decoded is None or decoded.shape[:2] != expected or (decoded.ndim == 2) != gray:
        return None
    size = (width // factor, height // factor)
    if (decoded.shape[1], decoded.shape[0]) == size:
        return decoded
    return cv2.resize(decoded, size, interpolation=cv2.INTER_AREA)
