"""Colour class of a page's content: colour, gray or black and white.

It chooses the encoding, nothing else: the rules ask for colour, so a colour page is never
reduced, and a page only counts as gray or black and white when nothing on it has a hue that
a reader would miss (a red seal, a blue signature, a highlighter stroke, a photo).

Colour is judged in CIELAB on a ~75 dpi copy, against the paper's own tint (yellowed paper and a
warm lamp are not content), and only in marks big enough to see.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.imaging.crop_sampling import as_uint8, reduce, sane_dpi, whole_cells
from station.imaging.results import ColourClass

ANALYSIS_DPI = 75.0
MM_PER_INCH = 25.4
CHROMA_MIN = 18.0  # CIELAB chroma (a*, b* distance) that reads as a hue, not as tinted gray
MIN_COLOUR_MM2 = 3.0  # coloured area a reader would notice: a signature, a seal's ring
FRINGE_MM = 1.2  # hue is averaged over this width (sensor misregistration cancels out)
INK_LEVEL = 0.55  # darker than this share of the paper is ink; between ink and paper, mid-tone
PAPER_LEVEL = 0.85
MIDTONE_SHARE_MAX = 0.35  # of what is not paper: above it the page holds gray tones (photos)


def classify_colour(image: np.ndarray, dpi: int | float | None = None) -> ColourClass:
    image = as_uint8(image)
    if image.size == 0:
        return ColourClass.BW
    dpi_f = sane_dpi(dpi)
    factor = max(1, int(dpi_f // ANALYSIS_DPI))
    cut = whole_cells(image, factor)
    small = reduce(cut, factor)
    shrink = cut.shape[0] * cut.shape[1] / (small.shape[0] * small.shape[1])
    px_mm = MM_PER_INCH / dpi_f * math.sqrt(shrink)
    if small.ndim == 3 and _has_colour(small, px_mm):
        return ColourClass.COLOR
    gray = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    return ColourClass.GRAY if _has_midtones(gray) else ColourClass.BW


def _has_colour(small: np.ndarray, px_mm: float) -> bool:
    lightness, red_green, yellow_blue = cv2.split(cv2.cvtColor(small, cv2.COLOR_BGR2LAB))
    # Misregistered sensor rows leave opposite hues on opposite sides of a dark stroke: over
    # a stroke's width they cancel, while a coloured stroke keeps its hue.
    size = max(3, round(FRINGE_MM / px_mm) | 1)
    # Averaged straight into float32 and shifted in place: on a large sheet's analysis copy
    # (9 M px) each float copy is 35 MB, and the old chain of them set the page's peak memory.
    a: np.ndarray = cv2.boxFilter(red_green, cv2.CV_32F, (size, size))
    b: np.ndarray = cv2.boxFilter(yellow_blue, cv2.CV_32F, (size, size))
    # the paper's tint: the typical a*, b* of the lightest half of the page
    light = lightness >= _median_u8(lightness)
    tint_a = _box_median(red_green, size, light)
    tint_b = _box_median(yellow_blue, size, light)
    del red_green, yellow_blue, light
    np.subtract(a, tint_a, out=a)  # the 128 offset goes with the tint
    np.subtract(b, tint_b, out=b)
    chroma = cv2.magnitude(a, b, a)
    coloured = np.count_nonzero(chroma >= CHROMA_MIN)
    return float(coloured) * px_mm * px_mm >= MIN_COLOUR_MM2


def _median_u8(values: np.ndarray) -> float:
    """np.median of uint8 values, from their histogram instead of a sort."""
    counts = cv2.calcHist([values], [0], None, [256], [0, 256]).ravel()
    return _histogram_median(counts)


def _box_median(channel: np.ndarray, size: int, where: np.ndarray) -> float:
    """The median of the channel's size x size means over `where`, counted on the windows'
    integer sums instead of sorting floats (the same value within float rounding, 1e-5)."""
    top = 255 * size * size
    if top < 2**16:  # a histogram of the sums under the mask, without gathering them first
        sums = cv2.boxFilter(channel, cv2.CV_16U, (size, size), normalize=False)
        mask = where.view(np.uint8)
        counts = cv2.calcHist([sums], [0], mask, [top + 1], [0, top + 1]).ravel()
    else:
        wide = cv2.boxFilter(channel, cv2.CV_32S, (size, size), normalize=False)
        counts = np.bincount(wide[where]).astype(np.float64)
    return _histogram_median(counts) / (size * size)


def _histogram_median(counts: np.ndarray) -> float:
    """np.median of the values whose counts (value i counted counts[i] times) are given."""
    running = np.cumsum(counts.astype(np.int64))
    total = int(running[-1])
    low = int(np.searchsorted(running, (total - 1) // 2, side="right"))
    high = int(np.searchsorted(running, total // 2, side="right"))
    return (low + high) / 2.0


def _has_midtones(gray: np.ndarray) -> bool:
    paper = float(np.percentile(gray, 95))
    if paper < 1:
        return False
    ink = np.count_nonzero(gray < INK_LEVEL * paper)
    nonpaper = np.count_nonzero(gray < PAPER_LEVEL * paper)
    if nonpaper == 0:
        return False
    # Anti-aliased text edges are mid-tones too, but they are a minority of the marks.
    return bool((nonpaper - ink) / nonpaper > MIDTONE_SHARE_MAX)
