"""A small gray copy of a page and its ink map: the marks (text, rules, notes) that skew and
orientation detection measure, without the large dark areas (scanner borders, photos) whose
edges say nothing about how the content lies."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from station.imaging.components import regions_of_long_marks
from station.imaging.histogram import median_u8

WORK_DPI = 150.0
MIN_LONG_SIDE = 900  # small pages (receipts, ID cards) keep more pixels than WORK_DPI gives
MAX_LONG_SIDE = 2000  # large formats (A3..A0) work at a lower resolution
ASSUMED_DPI = 300  # when the caller does not know
STROKE_MM = 2.0  # marks thinner than this are ink; wider dark areas are not
MIN_INK_CONTRAST = 24  # grey levels; weaker black-hat responses are paper noise
NOISE_FACTOR = 6.0  # a black-hat this many noise sigmas deep is ink, not grain
EDGE_MARK_SHARE = 0.15  # marks along the edge longer than this share of the side are not content
EDGE_BAND_MM = 6.0  # ... when they stay this close to it
EDGE_SLACK_PX = 2


@dataclass(frozen=True)
class WorkingPage:
    gray: np.ndarray  # uint8
    scale: float  # working pixels per source pixel
    dpi: float  # resolution of `gray`


def working_gray(image: np.ndarray, dpi: float) -> WorkingPage:
    """Gray uint8 copy at about WORK_DPI; reduces before converting so no full-size copy is made."""
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    height, width = image.shape[:2]
    if dpi is None or not dpi > 0:
        dpi = ASSUMED_DPI
    long_side = max(height, width)
    scale = WORK_DPI / dpi
    scale = max(scale, min(1.0, MIN_LONG_SIDE / long_side))
    scale = min(scale, MAX_LONG_SIDE / long_side, 1.0)
    pixels = image
    done = 1.0
    # halving with INTER_AREA on even sizes is OpenCV's fast path (about 1 ms for an A4 page)
    while scale / done <= 0.55 and min(pixels.shape[:2]) >= 4:
        pixels = halve(pixels)
        done *= 0.5
    gray = _to_gray_u8(pixels)
    rest = scale / done
    if rest < 0.8:
        size = (max(1, round(gray.shape[1] * rest)), max(1, round(gray.shape[0] * rest)))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
        done *= rest
    return WorkingPage(gray, done, dpi * done)


@dataclass(frozen=True)
class PageInk:
    """A page's working gray copy and its ink map: skew and orientation read the same one
    when the page is not turned between them."""

    page: WorkingPage
    ink: np.ndarray


def page_ink(image: np.ndarray, dpi: float) -> PageInk:
    page = working_gray(image, dpi)
    return PageInk(page, ink_map(page.gray, page.dpi))


def halve(pixels: np.ndarray) -> np.ndarray:
    """Half size by 2x2 means; even sizes make it OpenCV's fast path (about 1 ms for A4)."""
    h2, w2 = pixels.shape[0] // 2, pixels.shape[1] // 2
    return cv2.resize(pixels[: h2 * 2, : w2 * 2], (w2, h2), interpolation=cv2.INTER_AREA)


def _to_gray_u8(pixels: np.ndarray) -> np.ndarray:
    if pixels.dtype == np.bool_:
        pixels = pixels.astype(np.uint8) * 255
    elif pixels.dtype == np.uint16:
        pixels = (pixels >> 8).astype(np.uint8)
    elif pixels.dtype != np.uint8:
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
    if pixels.ndim == 3:
        code = cv2.COLOR_BGRA2GRAY if pixels.shape[2] == 4 else cv2.COLOR_BGR2GRAY
        return cv2.cvtColor(pixels, code)
    return np.ascontiguousarray(pixels)


def ink_map(gray: np.ndarray, dpi: float, stroke_mm: float = STROKE_MM) -> np.ndarray:
    """0/255 map of thin dark marks.

    A black-hat (closing minus image) keeps marks narrower than `stroke_mm` and drops dark
    areas wider than that and every step edge between flat areas: scanner borders, the edge
    between a gray sheet and a white background, the inside of photos."""
    size = max(3, int(round(stroke_mm * dpi / 25.4)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    hat = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, kernel)
    level, _ = cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    level = max(level, MIN_INK_CONTRAST, NOISE_FACTOR * _noise_sigma(gray))
    ink = cv2.threshold(hat, level, 255, cv2.THRESH_BINARY)[1]
    return _without_edge_marks(ink, _filled_corners(gray), dpi)


def _noise_sigma(gray: np.ndarray) -> float:
    """Sensor grain: the robust spread of pixels around their 3x3 median (flat paper and the
    inside of strokes make most of a page, so edges barely move the median)."""
    top, left = max(0, gray.shape[0] // 2 - 192), max(0, gray.shape[1] // 2 - 192)
    sample = gray[top : top + 384, left : left + 384]
    residual = cv2.absdiff(sample, cv2.medianBlur(sample, 3))
    return 1.4826 * median_u8(residual)


def _filled_corners(gray: np.ndarray) -> np.ndarray | None:
    """Flat areas of one exact value in the corners, as a rotation or a perspective correction
    leaves them (filled with white or the paper colour), dilated by a few pixels; None when
    there are none, or when the flat area is the page's own (saturated) paper. Looked for at
    half resolution, where such an area stays exactly flat."""
    height, width = gray.shape
    small = halve(gray)
    sh, sw = small.shape
    mask = np.zeros((sh + 2, sw + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (255 << 8)
    boxes = []
    for x, y in ((0, 0), (sw - 1, 0), (0, sh - 1), (sw - 1, sh - 1)):
        if not mask[y + 1, x + 1]:
            boxes.append(cv2.floodFill(small, mask, (x, y), 0, 0, 0, flags)[3])
    area = cv2.countNonZero(mask[1:-1, 1:-1])
    if area < 4 or area > 0.4 * sh * sw:
        return None
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (4, 4))
    grown = cv2.dilate(mask[1:-1, 1:-1], kernel)
    full = np.zeros_like(gray)
    # only around the filled corners: the rest of the map stays 0 (the dilation reaches 2 px)
    for x, y, w, h in boxes:
        left, top = max(0, x - 2), max(0, y - 2)
        right, bottom = min(sw, x + w + 2), min(sh, y + h + 2)
        full[2 * top : 2 * bottom, 2 * left : 2 * right] = cv2.resize(
            grown[top:bottom, left:right],
            (2 * (right - left), 2 * (bottom - top)),
            interpolation=cv2.INTER_NEAREST,
        )
    return full


def _without_edge_marks(ink: np.ndarray, outside: np.ndarray | None, dpi: float) -> np.ndarray:
    """Drops the marks that follow the scanner or the canvas rather than the content: bands
    along the image's edge (the shadow of the sheet's edge or of the lid, a frame line) and long
    marks touching a filled corner (the dark rim of a page rotated onto a larger canvas). Other
    marks at the edge, letters or rules cut by it, stay. Keeps everything when that would leave
    almost nothing."""
    seeds = ink.copy() if outside is None else cv2.bitwise_or(ink, outside)
    height, width = ink.shape
    # marks a pixel or two inside the edge (a canvas one pixel larger than the page) count too
    cv2.rectangle(seeds, (0, 0), (width - 1, height - 1), 255, 2 * EDGE_SLACK_PX + 1)
    cv2.floodFill(seeds, None, (0, 0), 0)
    inner = cv2.bitwise_and(seeds, ink)
    touching = cv2.subtract(ink, inner)
    reach = (EDGE_MARK_SHARE * width, EDGE_MARK_SHARE * height)
    count, label, ys, xs = _marks_maybe_long(touching, reach)
    if count == 0:
        return ink
    order = np.argsort(label, kind="stable")
    label, ys, xs = label[order], ys[order], xs[order]
    starts = np.flatnonzero(np.diff(label, prepend=-1))
    ids = label[starts]
    extent_x = np.maximum.reduceat(xs, starts) - np.minimum.reduceat(xs, starts) + 1
    extent_y = np.maximum.reduceat(ys, starts) - np.minimum.reduceat(ys, starts) + 1
    area = np.diff(np.append(starts, len(label)))
    long = (extent_x >= reach[0]) | (extent_y >= reach[1])
    depth = max(EDGE_SLACK_PX + 1, int(round(EDGE_BAND_MM * dpi / 25.4)))
    zone = (ys < depth) | (ys >= height - depth) | (xs < depth) | (xs >= width - depth)
    in_zone = np.add.reduceat(zone.astype(np.int64), starts)
    bands = long & (in_zone >= 0.9 * area)
    rims = np.zeros_like(bands)
    if outside is not None:
        rims = long & ~bands & np.isin(ids, label[outside[ys, xs] > 0])
        # a table or a drawing running into the filled corners is content: keep it then
        if area[rims].sum() > 0.7 * (cv2.countNonZero(ink) - area[bands].sum()):
            rims[:] = False
    drop = bands | rims
    if not drop.any():
        return ink
    dropped = np.zeros(count, bool)
    dropped[ids[drop]] = True
    kept = ink.copy()
    gone = dropped[label]
    kept[ys[gone], xs[gone]] = 0
    return kept


def _marks_maybe_long(
    marks: np.ndarray, reach: tuple[float, float]
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(count, label, ys, xs): the pixels of every mark of `marks` that may be `reach` wide or
    high, and each one's label (1 to count - 1); short marks may be left out."""
    labels, ys, xs = [], [], []
    count = 1
    for top, left, part in regions_of_long_marks(marks, reach):
        found, numbered = cv2.connectedComponents(part, connectivity=8)
        points = cv2.findNonZero(part).reshape(-1, 2)
        labels.append(numbered[points[:, 1], points[:, 0]] + (count - 1))
        ys.append(points[:, 1] + top)
        xs.append(points[:, 0] + left)
        count += found - 1
    if count == 1:
        empty = np.zeros(0, np.int32)
        return 0, empty, empty, empty
    return count, np.concatenate(labels), np.concatenate(ys), np.concatenate(xs)
