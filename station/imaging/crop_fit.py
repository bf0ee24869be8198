"""Fit a rotated rectangle to a document's mask: straight edges, rounded or clipped corners.

The minimum-area rectangle of the outline is only a start: one speck of dust on an edge moves
it. Each side is refitted as a straight line through the outline points along its middle (the
corners may be rounded, torn or cut off by the image's edge), the four slopes agree on one
angle, and the sides sit where the bulk of their points are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np

CORNER_SHARE = 0.15  # of a side's length, left out at each end (rounded card corners)
INLIER_PX = 1.5


@dataclass(frozen=True)
class RotatedBox:
    """A rectangle in mask pixels: centre, direction of its first side, extents along both axes."""

    centre: tuple[float, float]
    angle: float  # radians, direction of the s axis in image coordinates (y down)
    s_range: tuple[float, float]
    t_range: tuple[float, float]
    clipped: bool  # the document runs off the image (a side or a corner is not seen)
    residual: float  # RMS distance of the edge points from their fitted sides, pixels
    supported: int  # sides seen along their middle (the others run off the image)

    @property
    def width(self) -> float:
        return self.s_range[1] - self.s_range[0]

    @property
    def height(self) -> float:
        return self.t_range[1] - self.t_range[0]

    def corners(self) -> list[tuple[float, float]]:
        cos, sin = math.cos(self.angle), math.sin(self.angle)
        cx, cy = self.centre
        points = []
        for s, t in (
            (self.s_range[0], self.t_range[0]),
            (self.s_range[1], self.t_range[0]),
            (self.s_range[1], self.t_range[1]),
            (self.s_range[0], self.t_range[1]),
        ):
            points.append((cx + s * cos - t * sin, cy + s * sin + t * cos))
        return points

    def area_in(self, shape: tuple[int, ...]) -> float:
        """Area of the part of the box inside an image of `shape` (pixels)."""
        height, width = shape[:2]
        frame = np.array(
            [(-0.5, -0.5), (width - 0.5, -0.5), (width - 0.5, height - 0.5), (-0.5, height - 0.5)],
            np.float32,
        )
        box = np.array(self.corners(), np.float32)
        area, _ = cv2.intersectConvexConvex(box, frame)
        return float(area)


def fit_box(mask: np.ndarray) -> RotatedBox | None:
    contours, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea).reshape(-1, 2)
    if len(outline) < 8:
        return None
    height, width = mask.shape[:2]
    points = outline.astype(np.float64)
    on_edge = (
        (outline[:, 0] <= 0)
        | (outline[:, 1] <= 0)
        | (outline[:, 0] >= width - 1)
        | (outline[:, 1] >= height - 1)
    )
    (cx, cy), _, degrees = cv2.minAreaRect(outline.astype(np.float32))
    angle = _dominant_direction(points, on_edge)
    if angle is None:
        angle = math.radians(degrees)
    centre = np.array([cx, cy])
    sides: list[_Side] = []
    for _ in range(3):
        sides = _fit_sides(points - centre, on_edge, angle)
        turn = _agreed_turn(sides)
        angle += turn
        if abs(turn) < 1e-4:
            break
    sides = _fit_sides(points - centre, on_edge, angle)
    s_lo, s_hi, t_lo, t_hi = (side.position for side in sides)
    clipped = bool(on_edge.any()) or not all(side.supported for side in sides)
    fitted = [side.rms for side in sides if side.supported]
    residual = float(np.mean(fitted)) if fitted else 0.0
    supported = sum(side.supported for side in sides)
    return RotatedBox((cx, cy), angle, (s_lo, s_hi), (t_lo, t_hi), clipped, residual, supported)


def _dominant_direction(points: np.ndarray, on_edge: np.ndarray) -> float | None:
    """The most common direction (mod 90 degrees) of the outline where it is not the image's edge.

    Where the document runs off the image the outline follows the image's edge, and the
    minimum-area rectangle then lines up with the image instead of the sheet.
    """
    # a long chord: over a few pixels a shallow slope is a flat staircase step
    step = int(np.clip(len(points) // 60, 3, 12))
    ahead, behind = np.roll(points, -step, axis=0), np.roll(points, step, axis=0)
    seen = ~(on_edge | np.roll(on_edge, -step) | np.roll(on_edge, step))
    if np.count_nonzero(seen) < 20:
        return None
    delta = (ahead - behind)[seen]
    folded = np.mod(np.arctan2(delta[:, 1], delta[:, 0]), math.pi / 2)
    bins = 180  # half a degree each
    histogram = np.bincount((folded / (math.pi / 2) * bins).astype(int) % bins, minlength=bins)
    smooth = np.convolve(np.tile(histogram, 3), np.ones(9), mode="same")[bins : 2 * bins]
    peak = (int(np.argmax(smooth)) + 0.5) * (math.pi / 2) / bins
    # refine: circular mean (period 90 degrees) of the directions near the peak
    offset = np.mod(folded - peak + math.pi / 4, math.pi / 2) - math.pi / 4
    near = np.abs(offset) < math.radians(6)
    return float(peak + np.mean(offset[near])) if near.any() else float(peak)


@dataclass(frozen=True)
class _Side:
    position: float  # offset of the edge along the side's normal axis (outer boundary)
    slope: float  # d(normal coordinate) / d(along coordinate) of the fitted line
    count: int
    supported: bool
    rms: float


def _fit_sides(offsets: np.ndarray, on_edge: np.ndarray, angle: float) -> list[_Side]:
    """The four sides in the order: s low, s high, t low, t high."""
    cos, sin = math.cos(angle), math.sin(angle)
    s = offsets[:, 0] * cos + offsets[:, 1] * sin
    t = -offsets[:, 0] * sin + offsets[:, 1] * cos
    s_lo, s_hi, t_lo, t_hi = s.min(), s.max(), t.min(), t.max()
    return [
        _fit_side(s, t, on_edge, s_lo, -1, (t_lo, t_hi)),
        _fit_side(s, t, on_edge, s_hi, +1, (t_lo, t_hi)),
        _fit_side(t, s, on_edge, t_lo, -1, (s_lo, s_hi)),
        _fit_side(t, s, on_edge, t_hi, +1, (s_lo, s_hi)),
    ]


def _fit_side(
    normal: np.ndarray,
    along: np.ndarray,
    on_edge: np.ndarray,
    extreme: float,
    outward: int,
    span: tuple[float, float],
) -> _Side:
    length = span[1] - span[0]
    trim = CORNER_SHARE * length
    middle = (along > span[0] + trim) & (along < span[1] - trim)
    depth = max(4.0, 0.08 * length)
    slab = middle & (np.abs(normal - extreme) <= depth) & ~on_edge
    fallback = _Side(extreme + 0.5 * outward, 0.0, 0, False, 0.0)
    needed = max(6, int(0.2 * (length - 2 * trim)))
    if np.count_nonzero(slab) < needed:
        return fallback
    n, a = normal[slab], along[slab]
    centre = float(np.median(n))
    keep = np.abs(n - centre) <= 2.5
    slope, offset, rms = 0.0, centre, 0.0
    for _ in range(3):
        if np.count_nonzero(keep) < needed:
            return fallback
        slope, offset = _line_fit(a[keep], n[keep])
        residuals = n - (slope * a + offset)
        rms = float(np.sqrt(np.mean(residuals[keep] ** 2)))
        keep = np.abs(residuals) <= max(INLIER_PX, 2.5 * rms)
    # the outline runs through the document's outermost pixels; its edge is half a pixel out
    position = float(np.median(n[keep] - slope * a[keep])) + 0.5 * outward
    return _Side(position, float(slope), int(np.count_nonzero(keep)), True, rms)


def _line_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Least squares y = slope * x + offset (np.polyfit's line, without its 60 us per call)."""
    mean_x, mean_y = float(x.mean()), float(y.mean())
    dx = x - mean_x
    spread = float(np.dot(dx, dx))
    slope = float(np.dot(dx, y - mean_y)) / spread if spread > 0 else 0.0
    return slope, mean_y - slope * mean_x


def _agreed_turn(sides: list[_Side]) -> float:
    """The rotation (radians) that lines the frame up with the fitted sides, by their weight."""
    turns, weights = [], []
    for index, side in enumerate(sides):
        if not side.supported:
            continue
        # sides across s (index 0, 1) are lines s = slope * t + c: a turn by d gives slope -tan d
        turn = -math.atan(side.slope) if index < 2 else math.atan(side.slope)
        turns.append(turn)
        weights.append(side.count)
    if not weights:
        return 0.0
    return float(np.average(turns, weights=weights))


def refine_sides(box: RotatedBox, contrast: np.ndarray, min_step: float) -> RotatedBox:
    """Move each side to where `contrast` (0 on the bed, high on the document) is half way up.

    The mask quantizes a side lying along the pixel grid to whole pixels, so a sheet laid
    square could keep up to half a pixel of bed; the averaged grey levels across the edge
    still say where it is to a tenth of a pixel. Sides with too weak a step stay put.
    """
    signal = contrast.astype(np.float32)
    s_lo, s_hi = box.s_range
    t_lo, t_hi = box.t_range
    s_lo += _edge_shift(box, signal, 0, s_lo, -1, (t_lo, t_hi), min_step)
    s_hi += _edge_shift(box, signal, 0, s_hi, +1, (t_lo, t_hi), min_step)
    t_lo += _edge_shift(box, signal, 1, t_lo, -1, (s_lo, s_hi), min_step)
    t_hi += _edge_shift(box, signal, 1, t_hi, +1, (s_lo, s_hi), min_step)
    return replace(box, s_range=(s_lo, s_hi), t_range=(t_lo, t_hi))


_PROFILE = np.arange(-3.0, 3.01, 0.25)  # offsets across an edge, outward positive (pixels)


def _edge_shift(
    box: RotatedBox,
    signal: np.ndarray,
    axis: int,
    position: float,
    outward: int,
    span: tuple[float, float],
    min_step: float,
) -> float:
    """How far (along the outward normal) the half-level crossing lies from `position`."""
    length = span[1] - span[0]
    along = np.linspace(span[0] + CORNER_SHARE * length, span[1] - CORNER_SHARE * length, 64)
    normal = position + outward * _PROFILE
    s, t = (normal[:, None], along[None, :]) if axis == 0 else (along[None, :], normal[:, None])
    cos, sin = math.cos(box.angle), math.sin(box.angle)
    x = (box.centre[0] + s * cos - t * sin).astype(np.float32)
    y = (box.centre[1] + s * sin + t * cos).astype(np.float32)
    height, width = signal.shape[:2]
    seen = np.all((x >= 0) & (x <= width - 1) & (y >= 0) & (y <= height - 1), axis=0)
    if np.count_nonzero(seen) < 16:  # the side runs off the image
        return 0.0
    samples = cv2.remap(signal, x[:, seen], y[:, seen], cv2.INTER_LINEAR)
    profile = np.median(samples, axis=1)  # print touching the edge here and there is outvoted
    inside = float(np.median(profile[_PROFILE <= -2.0]))
    outside = float(np.median(profile[_PROFILE >= 2.0]))
    if inside - outside < min_step:
        return 0.0
    above = profile >= (inside + outside) / 2
    centre = int(np.argmin(np.abs(_PROFILE)))
    # walk out from the fitted position to the last sample above half way, then interpolate
    k = centre
    if above[k]:
        while k + 1 < len(_PROFILE) and above[k + 1]:
            k += 1
    else:
        while k > 0 and not above[k]:
            k -= 1
        if not above[k]:
            return 0.0
    if k + 1 >= len(_PROFILE):
        return 0.0
    half = (inside + outside) / 2
    a, b = profile[k], profile[k + 1]
    crossing = _PROFILE[k] + (a - half) / max(a - b, 1e-6) * (_PROFILE[k + 1] - _PROFILE[k])
    return float(np.clip(crossing, -1.0, 1.0)) * outward
