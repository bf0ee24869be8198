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


def detect_blank(image: np.ndarray, dpi: int | float | None) -> BlankResult:
    """Whether the page holds no content, the share of its area inked, and its largest mark."""
    image = as_uint8(image)
    if min(image.shape[:2]) < 2:
        return BlankResult(True, 0.0, 0.0)
    dpi_f = sane_dpi(dpi)
    light = lightness(image)
    small = _at_most(light, dpi_f / ANALYSIS_DPI)
    px_mm = MM_PER_INCH / dpi_f * math.sqrt(light.shape[0] * light.shape[1] / small.size)
    darkness = _darkness(small, px_mm)
    marks = _marks(darkness, small, px_mm)
    clusters = _clusters(marks, darkness, px_mm)
    content = [ink for ink, stroke in clusters if _is_content(ink, stroke)]
    total_mm2 = small.size * px_mm * px_mm
    ink_ratio = sum(content) / total_mm2 if total_mm2 else 0.0
    largest = max(content, default=0.0)
    return BlankResult(not content, round(ink_ratio, 6), round(largest, 3))


def _at_most(light: np.ndarray, shrink: float) -> np.ndarray:
    """The map at ANALYSIS_DPI, or as it is when it is already coarser."""
    if shrink <= 1.05:
        return light
    if shrink >= 4:
        return reduce(light, int(shrink))
    size = (max(1, round(light.shape[1] / shrink)), max(1, round(light.shape[0] / shrink)))
    return shrink_to(light, size)


def _darkness(small: np.ndarray, px_mm: float) -> np.ndarray:
    """How much darker than its paper each pixel is, as a share of the paper's lightness."""
    size = max(3, round(PAPER_WINDOW_MM / px_mm) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    paper = cv2.dilate(small, kernel)
    paper = cv2.blur(paper, (size, size)).astype(np.float32)
    # In place: on a large sheet's analysis copy each float map is 35 MB.
    levels = cv2.GaussianBlur(small, (3, 3), 0).astype(np.float32)
    np.subtract(paper, levels, out=levels)
    np.maximum(levels, 0.0, out=levels)
    faint = levels < MIN_MARK_LEVELS
    np.maximum(paper, 1.0, out=paper)
    darkness: np.ndarray = np.divide(levels, paper, out=levels)
    darkness[faint] = 0.0
    return darkness


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


def _clusters(marks: np.ndarray, darkness: np.ndarray, px_mm: float) -> list[tuple[float, float]]:
    """(ink in mm² of solid black, mean stroke width in mm) for each group of nearby marks."""
    if not marks.any():
        return []
    size = max(3, round(CLUSTER_MM / px_mm) | 1)
    grouped = cv2.dilate(marks, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    count, labels = cv2.connectedComponents(grouped, connectivity=8)
    inside = marks.astype(bool)
    label_of = labels[inside]
    ink_px = np.bincount(label_of, weights=darkness[inside], minlength=count)
    outline_px = np.bincount(labels[_outline(marks)], minlength=count)
    px_area = px_mm * px_mm
    clusters = []
    for label in range(1, count):
        ink = float(ink_px[label]) * px_area
        # a stroke's outline runs along both of its sides: length ~ outline / 2
        length = max(float(outline_px[label]) * px_mm / 2.0, px_mm)
        clusters.append((ink, ink / length))
    return clusters


def _outline(marks: np.ndarray) -> np.ndarray:
    """Mark pixels with a 4-neighbour outside the marks."""
    eroded = cv2.erode(marks, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT)
    outline: np.ndarray = (marks > 0) & (eroded == 0)
    return outline


def _is_content(ink_mm2: float, stroke_mm: float) -> bool:
    if ink_mm2 >= SURE_INK_MM2:
        return True
    return ink_mm2 >= CONTENT_INK_MM2 and stroke_mm >= STROKE_MIN_MM
