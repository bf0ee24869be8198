"""Find bar-like regions (linear codes, PDF417) and the angle of their bars.

zxing-cpp reads matrix codes at any angle, but it scans linear codes and PDF417 along rows
and columns only, so a code turned more than a few degrees is missed. A code's bars are many
parallel edges in a small area: the structure tensor's coherence is high there and low on text
(strokes in every direction), which gives both the region and the angle to turn it upright.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from station.imaging.components import components_with_stats

WORK_LONG_SIDE = 1200  # about 100 dpi for A4: bars blur together but keep their direction
WINDOW_FRACTION = 1 / 200  # tensor window, as a fraction of the working long side
MIN_COHERENCE = 0.75
# Sobel on a black-white edge gives about 4 x 255; a bar region averages a good part of that,
# paper noise and JPEG ringing far less.
MIN_ENERGY = (0.15 * 4 * 255) ** 2
MIN_AREA_FRACTION = 1 / 4000  # of the page; a small Code 39 is about 1/1500
MAX_REGIONS = 12


@dataclass(frozen=True)
class BarRegion:
    """A rotated rectangle in page pixels, `angle` in degrees: turning the page by it
    (counter-clockwise, cv2 convention) makes the bars vertical."""

    center: tuple[float, float]
    size: tuple[float, float]  # width along the bars' normal, height along the bars
    angle: float


def find_bar_regions(gray: np.ndarray) -> list[BarRegion]:
    """Bar-like regions, largest first."""
    factor = math.ceil(max(gray.shape) / WORK_LONG_SIDE)
    scale = 1.0 / factor
    small = gray if factor == 1 else shrink(gray, factor)
    jxx, jyy, jxy = _structure_tensor(small)
    mask = _bar_mask(jxx, jyy, jxy)
    return [
        _region(box, inside, jxx[box], jyy[box], jxy[box], scale)
        for box, inside in _components(mask)
    ]


def shrink(gray: np.ndarray, factor: int) -> np.ndarray:
    """Averaged down by a whole factor (OpenCV's fast path for INTER_AREA)."""
    return cv2.resize(gray, None, fx=1 / factor, fy=1 / factor, interpolation=cv2.INTER_AREA)


def _structure_tensor(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    image = gray.astype(np.float32)
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    window = max(5, round(max(gray.shape) * WINDOW_FRACTION)) | 1
    box = (window, window)
    return cv2.blur(gx * gx, box), cv2.blur(gy * gy, box), cv2.blur(gx * gy, box)


def _bar_mask(jxx: np.ndarray, jyy: np.ndarray, jxy: np.ndarray) -> np.ndarray:
    energy = jxx + jyy
    spread = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2)
    coherence = spread / np.maximum(energy, 1e-6)
    strong = energy > MIN_ENERGY
    mask = ((coherence > MIN_COHERENCE) & strong).astype(np.uint8)
    close = max(3, round(max(mask.shape) / 300)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (close, close))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)


def _components(mask: np.ndarray) -> list[tuple[tuple[slice, slice], np.ndarray]]:
    """Each large component as (its bounding box, its mask inside that box)."""
    count, labels, stats, _ = components_with_stats(mask, connectivity=8)
    min_area = mask.size * MIN_AREA_FRACTION
    found = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= min_area]
    found.sort(key=lambda i: -stats[i, cv2.CC_STAT_AREA])
    boxes = []
    for i in found[:MAX_REGIONS]:
        x, y, w, h = stats[i, :4]
        box = (slice(y, y + h), slice(x, x + w))
        boxes.append((box, labels[box] == i))
    return boxes


def _region(
    box: tuple[slice, slice],
    inside: np.ndarray,
    jxx: np.ndarray,
    jyy: np.ndarray,
    jxy: np.ndarray,
    scale: float,
) -> BarRegion:
    # the dominant gradient direction over the region is the bars' normal
    sxx, syy, sxy = float(jxx[inside].sum()), float(jyy[inside].sum()), float(jxy[inside].sum())
    normal = 0.5 * math.degrees(math.atan2(2 * sxy, sxx - syy))
    points = cv2.findNonZero(inside.astype(np.uint8))
    (cx, cy), (w, h), rect_angle = cv2.minAreaRect(points)
    across, along = _extent(w, h, rect_angle, normal)
    cx, cy = cx + box[1].start, cy + box[0].start
    return BarRegion(
        center=(cx / scale, cy / scale),
        size=(across / scale, along / scale),
        angle=normal,
    )


def _extent(w: float, h: float, rect_angle: float, normal: float) -> tuple[float, float]:
    """The rectangle's sides ordered (across the bars, along the bars)."""
    turn = abs(((rect_angle - normal) + 90) % 180 - 90)
    return (w, h) if turn < 45 else (h, w)
