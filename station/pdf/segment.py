"""Where the ink is: local paper level, photo zones and the full-resolution text/line mask.

Ink is judged on the darkest channel, so red seals and blue signatures count as ink as well as
black text, against a paper level estimated at ~50 dpi (a grey-level closing that removes strokes
and letters but follows yellowed paper and uneven lighting). A pixel is ink when it is darker than
INK_RATIO times its paper level: a background-normalised global threshold, which keeps thin
strokes of any ink colour and ignores light shading. Photos are not text: zones that are almost
all non-paper and full of mid-tones are left out of the mask, so they stay in the background.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from station.imaging.histogram import percentile
from station.imaging.lightness import lightness
from station.native import kernels, percent, readable
from station.pdf.rows import bands, downsample, upsample_rows

ANALYSIS_DPI = 50
INK_RATIO = 0.62  # ink: darker than 62% of the paper's lightness
PAPER_RATIO = 0.88  # anything darker than 88% of the paper is not plain paper
PAPER_WINDOW_MM = 6.0  # wider than a bold letter, narrower than a shaded table cell
PHOTO_WINDOW_MM = 3.0
PHOTO_MIN_MM = 6.0  # smaller dark, toned patches are marks, not photos
PHOTO_NONPAPER = 0.6
PHOTO_MIDTONE = 0.3
PAPER_FLOOR = 128  # no paper is darker: on an all-dark page the dark still reads as ink
SMOOTH_MARGIN = 1  # rows of context for the 3x3 smoothing of a band
SAMPLE_STEP = 8  # every 8th row and column: enough to find a page's mid-tones


def _mm_to_cells(mm: float, cell_dpi: float) -> int:
    return max(1, round(mm / 25.4 * cell_dpi))


@dataclass(frozen=True)
class PaperModel:
    """Low-resolution maps that full-resolution bands read their thresholds from."""

    factor: int  # full-resolution pixels per analysis cell
    paper: np.ndarray  # uint8: the paper's lightness per cell
    photo: np.ndarray  # uint8 0/255: cells that belong to a photo

    def ink_threshold(self, start: int, stop: int, width: int) -> np.ndarray:
        paper = upsample_rows(self.paper, self.factor, start, stop, width)
        return cv2.convertScaleAbs(paper, alpha=INK_RATIO)

    def photo_rows(self, start: int, stop: int, width: int) -> np.ndarray:
        return upsample_rows(self.photo, self.factor, start, stop, width, nearest=True)

    @property
    def photo_share(self) -> float:
        return float(np.count_nonzero(self.photo)) / max(1, self.photo.size)


def smoothed_lightness(image: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Lightness of rows start..stop, smoothed 3x3 against scanner noise (with context rows)."""
    top = max(0, start - SMOOTH_MARGIN)
    bottom = min(image.shape[0], stop + SMOOTH_MARGIN)
    light = lightness(image[top:bottom])
    if not is_bilevel(light):  # a 1-bit scan's single-pixel dots would be blurred away
        light = cv2.GaussianBlur(light, (3, 3), 0)
    return light[start - top : start - top + stop - start]


def is_bilevel(image: np.ndarray) -> bool:
    """Only black (0) and white (255) samples: a 1-bit scan. A sparse sample settles it for a
    page with tones (every scan in colour or gray) without a pass over every pixel."""
    if cv2.countNonZero(cv2.inRange(image[::SAMPLE_STEP, ::SAMPLE_STEP], 1, 254)):
        return False
    histogram = cv2.calcHist([image], [0], None, [256], [0, 256])
    return not histogram[1:255].any()


def paper_model(image: np.ndarray, dpi: int, find_photos: bool = True) -> PaperModel:
    factor = max(1, round(dpi / ANALYSIS_DPI))
    cell_dpi = dpi / factor
    height, width = image.shape[:2]
    small = np.vstack(
        [downsample(lightness(image[a:b]), factor) for a, b in bands(height, width, factor)]
    )
    paper = _paper_level(small, cell_dpi)
    photo = np.zeros_like(paper)
    if find_photos:
        photo = _photo_zones(image, factor, paper, cell_dpi)
    return PaperModel(factor, paper, photo)


def _paper_level(small: np.ndarray, cell_dpi: float) -> np.ndarray:
    size = _mm_to_cells(PAPER_WINDOW_MM, cell_dpi) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    paper = cv2.dilate(small, kernel)  # the lightest cell nearby: strokes and letters are gone
    paper = cv2.medianBlur(paper, 5)
    # Large dark areas (a black bar, a filled box) must still read as ink, not as paper.
    floor = max(PAPER_FLOOR, int(percentile(small, 90) * 0.7))
    paper = np.maximum(paper, floor).astype(np.uint8)
    return cv2.blur(paper, (size, size))


def _photo_zones(image: np.ndarray, factor: int, paper: np.ndarray, cell_dpi: float) -> np.ndarray:
    """Cells inside photos: nearly all non-paper, with many pixels between paper and ink."""
    nonpaper, midtone = _cell_shares(image, factor, paper)
    window = _mm_to_cells(PHOTO_WINDOW_MM, cell_dpi) | 1
    nonpaper = cv2.blur(nonpaper, (window, window))
    midtone = cv2.blur(midtone, (window, window))
    likely = (nonpaper > PHOTO_NONPAPER * 255) & (midtone > PHOTO_MIDTONE * 255)
    candidate = likely.astype(np.uint8) * 255
    size = _mm_to_cells(PHOTO_MIN_MM, cell_dpi) | 1
    opened = cv2.morphologyEx(
        candidate, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    # Grow over the photo's soft edge so its rim does not turn into a ring of ink.
    return cv2.dilate(opened, np.ones((window, window), np.uint8))


def _cell_shares(
    image: np.ndarray, factor: int, paper: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per cell, the share (0..255) of non-paper pixels and of pixels between paper and ink.

    Counted at half resolution when a cell is an even number of pixels wide: the 2 x 2 means
    smooth the scanner's noise as the 3 x 3 blur does at full size, and a photo is millimetres
    across, so a quarter of the pixels judge it as well (at a quarter of the cost). A 1-bit
    scan is counted at full size, unsmoothed: its dots would average into mid-tones."""
    height, width = image.shape[:2]
    half = factor % 2 == 0 and not is_bilevel(image)
    step = factor // 2 if half else factor
    nonpaper_parts, midtone_parts = [], []
    for start, stop in bands(height, width, factor):
        if half:
            light = downsample(lightness(image[start:stop]), 2)
            top = start // 2
            level = upsample_rows(paper, step, top, top + light.shape[0], light.shape[1])
        else:
            light = smoothed_lightness(image, start, stop)
            level = upsample_rows(paper, factor, start, stop, width)
        native = _native_shares(light, level, step)
        if native is not None:  # one pass, the same shares
            nonpaper_parts.append(native[0])
            midtone_parts.append(native[1])
            continue
        nonpaper = cv2.compare(light, cv2.convertScaleAbs(level, alpha=PAPER_RATIO), cv2.CMP_LT)
        ink = cv2.compare(light, cv2.convertScaleAbs(level, alpha=INK_RATIO), cv2.CMP_LT)
        nonpaper_parts.append(downsample(nonpaper, step))
        midtone_parts.append(downsample(cv2.subtract(nonpaper, ink), step))
    return np.vstack(nonpaper_parts), np.vstack(midtone_parts)


def _native_shares(
    light: np.ndarray, level: np.ndarray, step: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """_cell_shares' two maps of a band by the native kernel, or None where it cannot make them
    with the same bits (OpenCV averages 2 x 2 cells in vector code that rounds otherwise)."""
    paper, ink = percent(PAPER_RATIO), percent(INK_RATIO)
    usable = paper is not None and ink is not None and readable(light) and readable(level)
    if kernels is None or not usable or step == 2:
        return None
    cells = (-(-light.shape[0] // step), -(-light.shape[1] // step))
    nonpaper, midtone = np.empty(cells, np.uint8), np.empty(cells, np.uint8)
    assert paper is not None and ink is not None
    kernels.paper_shares(light, level, paper, ink, step, nonpaper, midtone)
    return nonpaper, midtone


def ink_bands(
    image: np.ndarray, model: PaperModel, align: int
) -> Iterator[tuple[int, int, np.ndarray, np.ndarray, np.ndarray]]:
    """(start, stop, lightness, threshold, ink) per band; ink is uint8 0/255, photos excluded."""
    height, width = image.shape[:2]
    for start, stop in bands(height, width, align):
        # Not smoothed: a blur lifts the cores of thin or soft strokes over the threshold and
        # breaks letters apart (OCR of the rendered page read fewer words with it).
        light = lightness(image[start:stop])
        threshold = model.ink_threshold(start, stop, width)
        ink = cv2.compare(light, threshold, cv2.CMP_LT)
        if model.photo.any():
            ink[model.photo_rows(start, stop, width) > 0] = 0
        yield start, stop, light, threshold, ink
