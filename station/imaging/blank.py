"""Blank pages: the back of a duplex sheet with show-through, dust or a hair is blank; a back with
one handwritten line, a small stamp or a page number is not.

The page is looked at on a ~100 dpi lightness map (the darkest channel, so a red stamp counts as
much as black toner). Darkness is measured against the local paper level, which follows yellowed
paper and uneven lamps. Show-through is faint and blurred, so it stays under the mark contrast.
What crosses it is grouped into clusters a few millimetres apart (a word, a stamp, a number), and
a cluster is content when it holds enough ink: dust specks are too small, and a hair is too thin
for its length, however long it is.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.imaging.crop_sampling import as_uint8, reduce, sane_dpi
from station.imaging.lightness import lightness
from station.imaging.results import BlankResult
from station.imaging.shrink import shrink_to

ANALYSIS_DPI = 100.0
MM_PER_INCH = 25.4
PAPER_WINDOW_MM = 5.0  # wider than a pen stroke or a letter, so the closing removes them
MARK_CONTRAST = 0.16  # a mark is at least this much darker than its paper (share of lightness)
MIN_MARK_LEVELS = 30  # ... and by at least this many gray levels (noisy dark paper)
BED_SPREAD = 20  # gray levels between quartiles: a dark area this flat at the edge is the bed
EDGE_MM = 3.0  # sheet edges, their shadow and slivers of bed are not content
CLUSTER_MM = 3.0  # marks closer than this belong together (letters of a word, digits of a number)
CONTENT_INK_MM2 = 0.5  # a cluster needs this much ink (as solid black) to be content ...
STROKE_MIN_MM = 0.16  # ... drawn with strokes at least this wide (a hair is ~0.05-0.1 mm)
SURE_INK_MM2 = 6.0  # this much ink is content whatever its strokes look like (a signature)
BAND_PIXELS = 1_000_000  # float work on the lightness map, this many pixels at a time
QUICK_BAND_MM = 25.0  # the band of a page looked at first, a few lines of text high


def detect_blank(image: np.ndarray, dpi: int | float | None, quick: bool = False) -> BlankResult:
    """Whether the page holds no content, the share of its area inked, and its largest mark.

    `quick`: a band of the page is looked at first, and a page with a mark there that is content
    whatever the rest holds is answered from it alone; its figures then count that band's sure
    marks only. Every other page (blank, nearly blank, show-through) gets the whole check."""
    image = as_uint8(image)
    if min(image.shape[:2]) < 2:
        return BlankResult(True, 0.0, 0.0)
    small, small_dpi = lightness_map(image, dpi)
    px_mm = MM_PER_INCH / small_dpi
    total_mm2 = small.size * px_mm * px_mm
    if quick:
        sure = _sure_content(small, px_mm)
        if sure:
            return BlankResult(False, round(sum(sure) / total_mm2, 6), round(max(sure), 3))
    darkness = _darkness(small, px_mm)
    marks = _marks(darkness, small, px_mm)
    # Only the marks' darkness is needed from here on: the float map of the page goes (22 MB on
    # a large sheet's analysis copy) before the clusters are labelled.
    ink = darkness[marks.view(bool)]
    del darkness, small
    clusters = _clusters(marks, ink, px_mm)
    content = [ink for ink, stroke in clusters if _is_content(ink, stroke)]
    ink_ratio = sum(content) / total_mm2 if total_mm2 else 0.0
    largest = max(content, default=0.0)
    return BlankResult(not content, round(ink_ratio, 6), round(largest, 3))


def lightness_map(image: np.ndarray, dpi: int | float | None) -> tuple[np.ndarray, float]:
    """The darkest-channel map detect_blank reads, at ANALYSIS_DPI or coarser, and its dpi:
    the pipeline makes it from its analysis copy and crops it, and detect_blank takes it as
    it is."""
    image = as_uint8(image)
    dpi_f = sane_dpi(dpi)
    light = lightness(image)
    small = _at_most(light, dpi_f / ANALYSIS_DPI)
    return small, dpi_f / math.sqrt(light.shape[0] * light.shape[1] / max(1, small.size))


def _at_most(light: np.ndarray, shrink: float) -> np.ndarray:
    """The map at ANALYSIS_DPI, or as it is when it is already coarser."""
    if shrink <= 1.05:
        return light
    if shrink >= 4:
        return reduce(light, int(shrink))
    size = (max(1, round(light.shape[1] / shrink)), max(1, round(light.shape[0] / shrink)))
    return shrink_to(light, size)


def _sure_content(small: np.ndarray, px_mm: float) -> list[float]:
    """The ink (mm²) of the clusters in the page's darkest band of QUICK_BAND_MM that hold
    SURE_INK_MM2 or more; empty when there are none (or the page is too small to bother).

    Each such cluster lies inside one of the whole check's clusters, which then holds at least
    as much ink: the darkness of the band's pixels is the page's (the band is read with the
    rows the paper level reaches), every mark touching the band's edges is dropped (beyond the
    band it may run into the bed, which the whole check takes away), and the rest are marks
    of the whole check too, grouped within the band only."""
    height, width = small.shape
    reach = max(3, round(PAPER_WINDOW_MM / px_mm) | 1)  # _darkness reads this far, and less
    rows = round(QUICK_BAND_MM / px_mm)
    if rows + 2 * reach >= height // 2:
        return []
    # the darkest band away from the outer tenth of the page (bed slivers, edge shadows)
    sums = np.cumsum(cv2.reduce(small, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel(), dtype=np.int64)
    first, last = height // 10, height - height // 10 - rows
    windows = sums[first + rows : last + rows] - sums[first:last]
    top = first + 1 + int(np.argmin(windows))
    start, stop = max(0, top - reach), min(height, top + rows + reach)
    darkness = _darkness(small[start:stop], px_mm)[top - start : top - start + rows]
    marks = (darkness >= MARK_CONTRAST).astype(np.uint8)
    framed = cv2.copyMakeBorder(marks, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=1)
    cv2.floodFill(framed, None, (0, 0), 0, flags=8)
    marks = np.ascontiguousarray(framed[1:-1, 1:-1])
    edge = min(round(EDGE_MM / px_mm), width // 2)
    if edge > 0:
        marks[:, :edge] = 0
        marks[:, -edge:] = 0
    clusters = _clusters(marks, darkness[marks.view(bool)], px_mm)
    return [ink for ink, _ in clusters if ink >= SURE_INK_MM2]


def _darkness(small: np.ndarray, px_mm: float) -> np.ndarray:
    """How much darker than its paper each pixel is, as a share of the paper's lightness."""
    size = max(3, round(PAPER_WINDOW_MM / px_mm) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    paper = cv2.blur(cv2.dilate(small, kernel), (size, size))
    levels = cv2.GaussianBlur(small, (3, 3), 0)
    # Both maps are whole gray levels, so the float maths runs a band at a time: on a large
    # sheet's analysis copy (6 M px) each float map of the page is 22 MB, and four of them
    # at once set the sheet's peak memory. Elementwise, so every band is what the page gives.
    darkness = np.empty(small.shape, np.float32)
    rows = max(1, BAND_PIXELS // max(1, small.shape[1]))
    for top in range(0, small.shape[0], rows):
        band = slice(top, top + rows)
        _darkness_band(paper[band], levels[band], darkness[band])
    return darkness


def _darkness_band(paper_u8: np.ndarray, levels_u8: np.ndarray, out: np.ndarray) -> None:
    paper = paper_u8.astype(np.float32)
    levels = np.subtract(paper, levels_u8, out=out, dtype=np.float32)
    np.maximum(levels, 0.0, out=levels)
    faint = levels < MIN_MARK_LEVELS
    np.maximum(paper, 1.0, out=paper)
    np.divide(levels, paper, out=levels)
    levels[faint] = 0.0


def _marks(darkness: np.ndarray, small: np.ndarray, px_mm: float) -> np.ndarray:
    """Dark enough to be a mark, away from the sheet's edges; the bed around a sheet is not."""
    marks = (darkness >= MARK_CONTRAST).astype(np.uint8)
    border = np.concatenate([marks[0], marks[-1], marks[:, 0], marks[:, -1]])
    on_border: np.ndarray = np.zeros(0, np.int32)
    if border.any():  # else no mark can be the bed: no labelling of the whole map
        _, labels, stats, _ = components_with_stats(marks, connectivity=8)
        on_border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    for label in on_border[on_border > 0]:
        x, y, w, h = stats[label, :4]
        window = labels[y : y + h, x : x + w] == label
        if _is_bed(small[y : y + h, x : x + w][window]):
            marks[y : y + h, x : x + w][window] = 0
    edge = min(round(EDGE_MM / px_mm), marks.shape[0] // 2, marks.shape[1] // 2)
    if edge > 0:
        marks[:edge] = 0
        marks[-edge:] = 0
        marks[:, :edge] = 0
        marks[:, -edge:] = 0
    return marks


def _is_bed(pixels: np.ndarray) -> bool:
    """A flat tone: a scanner's bed or lid (its blurred rim aside), not a picture."""
    low, high = np.percentile(pixels, (25, 75))
    return float(high - low) <= BED_SPREAD


def _clusters(marks: np.ndarray, ink: np.ndarray, px_mm: float) -> list[tuple[float, float]]:
    """(ink in mm² of solid black, mean stroke width in mm) for each group of nearby marks;
    `ink` holds the darkness of each mark pixel, in row order."""
    if not marks.any():
        return []
    size = max(3, round(CLUSTER_MM / px_mm) | 1)
    grouped = cv2.dilate(marks, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    count, labels = cv2.connectedComponents(grouped, connectivity=8)
    del grouped
    ink_px = np.bincount(labels[marks.view(bool)], weights=ink, minlength=count)
    outline_px = np.bincount(labels[_outline(marks)], minlength=count)
    px_area = px_mm * px_mm
    clusters = []
    for label in range(1, count):
        ink_mm2 = float(ink_px[label]) * px_area
        # a stroke's outline runs along both of its sides: length ~ outline / 2
        length = max(float(outline_px[label]) * px_mm / 2.0, px_mm)
        clusters.append((ink_mm2, ink_mm2 / length))
    return clusters


def _outline(marks: np.ndarray) -> np.ndarray:
    """Mark pixels (marks are 0 or 1) with a 4-neighbour outside the marks."""
    eroded = cv2.erode(marks, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT)
    # the erosion keeps a pixel only where it is a mark, so a mark minus it is its outline
    outline: np.ndarray = cv2.subtract(marks, eroded, dst=eroded).view(bool)
    return outline


def _is_content(ink_mm2: float, stroke_mm: float) -> bool:
    if ink_mm2 >= SURE_INK_MM2:
        return True
    return ink_mm2 >= CONTENT_INK_MM2 and stroke_mm >= STROKE_MIN_MM
