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
from station.imaging.histogram import histogram_median, u8_counts
from station.imaging.results import ColourClass

ANALYSIS_DPI = 75.0
MM_PER_INCH = 25.4
CHROMA_MIN = 18.0  # CIELAB chroma (a*, b* distance) that reads as a hue, not as tinted gray
MIN_COLOUR_MM2 = 3.0  # coloured area a reader would notice: a signature, a seal's ring
FRINGE_MM = 1.2  # hue is averaged over this width (sensor misregistration cancels out)
INK_LEVEL = 0.55  # darker than this share of the paper is ink; between ink and paper, mid-tone
PAPER_LEVEL = 0.85
MIDTONE_SHARE_MAX = 0.35  # of what is not paper: above it the page holds gray tones (photos)
BAND_PIXELS = 1_000_000  # pixels of the page filtered at a time


def classify_colour(image: np.ndarray, dpi: int | float | None = None) -> ColourClass:
    image = as_uint8(image)
    if image.size == 0:
        return ColourClass.BW
    small, small_dpi = colour_copy(image, dpi)
    px_mm = MM_PER_INCH / small_dpi
    if small.ndim == 3 and _has_colour(small, px_mm):
        return ColourClass.COLOR
    gray = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    return ColourClass.GRAY if _has_midtones(gray) else ColourClass.BW


def colour_copy(image: np.ndarray, dpi: int | float | None) -> tuple[np.ndarray, float]:
    """The copy classify_colour reads, at about ANALYSIS_DPI, and its dpi: the pipeline makes it
    from its analysis copy and crops it, and classify_colour takes it as it is."""
    image = as_uint8(image)
    dpi_f = sane_dpi(dpi)
    factor = max(1, int(dpi_f // ANALYSIS_DPI))
    cut = whole_cells(image, factor)
    small = reduce(cut, factor)
    shrink = cut.shape[0] * cut.shape[1] / max(1, small.shape[0] * small.shape[1])
    return small, dpi_f / math.sqrt(shrink)


def _has_colour(small: np.ndarray, px_mm: float) -> bool:
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB)
    # Misregistered sensor rows leave opposite hues on opposite sides of a dark stroke: over
    # a stroke's width they cancel, while a coloured stroke keeps its hue.
    size = max(3, round(FRINGE_MM / px_mm) | 1)
    # Band by band, each band read with the rows its windows reach: on a large sheet's analysis
    # copy (6 M px) a float map of the page is 22 MB, and such maps of the whole page at once
    # set the sheet's peak memory. A window's sum is exact in any band: the figures are the page's.
    bands = _bands(lab.shape[0], lab.shape[1], size // 2)
    # the paper's tint: the typical a*, b* of the lightest half of the page
    lightness = np.zeros(256)
    for top, end, *_ in bands:
        lightness += u8_counts(cv2.extractChannel(lab[top:end], 0))
    level = histogram_median(lightness)
    tint_counts = [np.zeros(255 * size * size + 1), np.zeros(255 * size * size + 1)]
    for top, end, upper, lower in bands:
        light = cv2.extractChannel(lab[top:end], 0) >= level
        rows = slice(top - upper, end - upper)
        for channel, counts in ((1, tint_counts[0]), (2, tint_counts[1])):
            values = cv2.extractChannel(lab[upper:lower], channel)
            counts += _box_counts(values, size, light, rows)
    tint_a, tint_b = (histogram_median(counts) / (size * size) for counts in tint_counts)
    coloured = 0
    for top, end, upper, lower in bands:
        rows = slice(top - upper, end - upper)
        red_green, yellow_blue = (cv2.extractChannel(lab[upper:lower], c) for c in (1, 2))
        a = cv2.boxFilter(red_green, cv2.CV_32F, (size, size))[rows]
        b = cv2.boxFilter(yellow_blue, cv2.CV_32F, (size, size))[rows]
        np.subtract(a, tint_a, out=a)  # the 128 offset goes with the tint
        np.subtract(b, tint_b, out=b)
        chroma = cv2.magnitude(a, b)
        coloured += int(np.count_nonzero(chroma >= CHROMA_MIN))
    return float(coloured) * px_mm * px_mm >= MIN_COLOUR_MM2


def _bands(height: int, width: int, reach: int) -> list[tuple[int, int, int, int]]:
    """(top, end, upper, lower): the rows of each band, and the rows its windows read."""
    rows = max(1, BAND_PIXELS // max(1, width))
    return [
        (top, min(top + rows, height), max(0, top - reach), min(height, top + rows + reach))
        for top in range(0, height, rows)
    ]


def _box_counts(
    channel: np.ndarray, size: int, where: np.ndarray, rows: slice = slice(None)
) -> np.ndarray:
    """How often each size x size window sum occurs over `where`, for the windows centred on
    `rows` of the channel (the rows around them are read, not counted)."""
    top = 255 * size * size
    if top < 2**16:  # a histogram of the sums under the mask, without gathering them first
        sums = cv2.boxFilter(channel, cv2.CV_16U, (size, size), normalize=False)[rows]
        mask = np.ascontiguousarray(where).view(np.uint8)
        counts = cv2.calcHist([np.ascontiguousarray(sums)], [0], mask, [top + 1], [0, top + 1])
        return counts.ravel().astype(np.float64)
    wide = cv2.boxFilter(channel, cv2.CV_32S, (size, size), normalize=False)[rows]
    return np.bincount(wide[where], minlength=top + 1).astype(np.float64)


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
