"""Dotted leader lines ("Họ và tên: ..........") taken off a page before it is read.

A form's fields are dotted lines the applicant writes over; Tesseract takes a row of dots under
handwriting for letters and loses the whole line, label included. Dots are found as small marks
in long, evenly spaced rows and painted over with the paper; a diacritic's dot (ạ, ị) has a
letter beside it and never makes such a row.
"""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.components import components_with_stats
from station.ocr.detect import chosen_labels

_DOT_MM = 0.7  # a printed full stop at 10-14 pt is 0.3-0.5 mm across
_PITCH_MM = 2.0  # gap between the dots of a leader
_MIN_DOTS = 8


def without_leaders(gray: np.ndarray, dpi: int) -> np.ndarray:
    px_per_mm = dpi / 25.4
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = components_with_stats(ink, connectivity=8)
    size = _DOT_MM * px_per_mm
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = (w <= size) & (h <= size)
    small[0] = False
    dots = chosen_labels(small, labels)
    pitch = max(3, round(_PITCH_MM * px_per_mm))
    rows = cv2.morphologyEx(dots, cv2.MORPH_CLOSE, np.ones((1, pitch), np.uint8))
    n, row_labels, row_stats, _ = components_with_stats(rows, connectivity=8)
    long_rows = (row_stats[:, cv2.CC_STAT_WIDTH] >= _MIN_DOTS * pitch * 0.6) & (
        row_stats[:, cv2.CC_STAT_HEIGHT] <= 2 * size
    )
    long_rows[0] = False
    if not long_rows.any():
        return gray
    leader = cv2.bitwise_and(chosen_labels(long_rows, row_labels), dots)
    grown = cv2.dilate(leader, np.ones((3, 3), np.uint8))
    paper = np.full_like(gray, int(np.median(gray[::8, ::8])))
    cleaned = gray.copy()
    cv2.copyTo(paper, grown, cleaned)
    return cleaned
