"""The cheap step before reading: lines of letter-sized marks on a 100 dpi copy of the page.

Text is rows of small dark marks of similar height side by side; a photo or a map gives blobs,
gradients and long strokes instead. A page without such rows is not read at all, so a photo
costs this step (tens of milliseconds on an A4) and not Tesseract's second or more.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.ocr.model import Detection

DETECT_DPI = 100
MIN_LINES = 3  # a title and two more lines; a caption on a photo is not worth reading
_LETTER_MM = (1.0, 9.0)  # heights of a letter mark, 7 pt to ~36 pt type
_LINE_ASPECT = 3.0  # a row of letters is at least this many times wider than tall
_MIN_MARKS = 6  # letters in a row
_MIN_LINE_MM = 15.0  # a row of text is at least a few words long


def detect_text(image: np.ndarray, dpi: int) -> Detection:
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = min(1.0, DETECT_DPI / dpi)
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    px_per_mm = dpi * scale / 25.4
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 18
    )
    letters = _letter_marks(ink, px_per_mm)
    boxes = _rows(letters, px_per_mm)
    return Detection(len(boxes) >= MIN_LINES, len(boxes), tuple(boxes))


def _letter_marks(ink: np.ndarray, px_per_mm: float) -> np.ndarray:
    """Only the marks of a letter's size and shape; blobs, rules and specks are dropped."""
    count, labels, stats, _ = components_with_stats(ink, connectivity=8)
    low, high = (h * px_per_mm for h in _LETTER_MM)
    w, h, area = (
        stats[:, cv2.CC_STAT_WIDTH],
        stats[:, cv2.CC_STAT_HEIGHT],
        stats[:, cv2.CC_STAT_AREA],
    )
    fill = area / np.maximum(w * h, 1)
    keep = (
        (h >= max(2.0, low * 0.5)) & (h <= high) & (w <= 2.5 * high) & (fill > 0.12) & (fill < 0.95)
    )
    keep[0] = False
    return chosen_labels(keep, labels)


def chosen_labels(keep: np.ndarray, labels: np.ndarray, band: int = 128) -> np.ndarray:
    """255 where a pixel's label is kept. Done a band of rows at a time: numpy holds the GIL
    through a fancy-indexing call, and a whole page's worth would stall the window's thread."""
    flags = np.where(keep, np.uint8(255), np.uint8(0)).astype(np.uint8)
    mask = np.empty(labels.shape, np.uint8)
    for top in range(0, labels.shape[0], band):
        mask[top : top + band] = flags[labels[top : top + band]]
    return mask


def _rows(letters: np.ndarray, px_per_mm: float) -> list[tuple[int, int, int, int]]:
    """Letters joined across the gaps between letters and words; rows of them are lines."""
    gap = max(3, round(2.0 * px_per_mm))
    joined = cv2.morphologyEx(letters, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    count, labels, stats, _ = components_with_stats(joined, connectivity=8)
    high = _LETTER_MM[1] * px_per_mm * 1.6
    found = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if h > high or w < _LINE_ASPECT * h or w < _MIN_LINE_MM * px_per_mm:
            continue
        if area < 0.25 * w * h:  # a ragged diagonal or a frame, not a row of letters
            continue
        marks = cv2.connectedComponents(letters[y : y + h, x : x + w])[0] - 1
        if marks >= _MIN_MARKS:
            found.append((x, y, w, h))
    return found
