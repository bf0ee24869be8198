"""Composition: the parts drawn onto the page a band of rows at a time, each pixel a blend of the
parts covering it weighted by its distance to each part's edge (feathering), so seams fade out
instead of showing as a step in a line or a change of paper tone."""

from __future__ import annotations

import cv2
import numpy as np

from station.stitch.model import Part
from station.stitch.rigid import Rigid

PAPER_WHITE = 255  # where no part reaches (the page is larger than the sheet)


def footprint(part: Part, pose: Rigid) -> np.ndarray:
    """The part's four corners on the page (4 x 2), pixel edges rather than centres."""
    height, width = part.pixels.shape[:2]
    corners = np.array(
        [[-0.5, -0.5], [width - 0.5, -0.5], [width - 0.5, height - 0.5], [-0.5, height - 0.5]]
    )
    return pose.apply(corners)


def compose(
    parts: list[Part], poses: list[Rigid], gains: list[float], size: tuple[int, int], band: int
) -> np.ndarray:
    width, height = size
    channels = 3 if any(p.pixels.ndim == 3 for p in parts) else 1
    page = np.empty((height, width, channels), np.uint8)
    boxes = [_box(footprint(p, pose), width, height) for p, pose in zip(parts, poses, strict=True)]
    parts = [Part(_channels(p.pixels, channels), p.dpi) for p in parts]
    for top in range(0, height, band):
        bottom = min(height, top + band)
        page[top:bottom] = _band(parts, poses, gains, boxes, (top, bottom), width, channels)
    return page if channels == 3 else page[:, :, 0]


def _band(
    parts: list[Part],
    poses: list[Rigid],
    gains: list[float],
    boxes: list[tuple[int, int, int, int]],
    rows: tuple[int, int],
    width: int,
    channels: int,
) -> np.ndarray:
    top, bottom = rows
    total = np.zeros((bottom - top, width, channels), np.float32)
    weights = np.zeros((bottom - top, width), np.float32)
    for part, pose, gain, box in zip(parts, poses, gains, boxes, strict=True):
        left, right, upper, lower = box
        y0, y1 = max(top, upper), min(bottom, lower)
        if y0 >= y1 or left >= right:
            continue
        shifted = Rigid(pose.angle, pose.tx - left, pose.ty - y0)
        warped = cv2.warpAffine(
            part.pixels,
            shifted.matrix(),
            (right - left, y1 - y0),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
        )
        weight = _edge_distance(part, pose, (left, right), (y0, y1))
        warped = warped.reshape(y1 - y0, right - left, channels).astype(np.float32)
        total[y0 - top : y1 - top, left:right] += warped * (weight * gain)[:, :, None]
        weights[y0 - top : y1 - top, left:right] += weight
    covered = weights > 0
    out = np.full(total.shape, PAPER_WHITE, np.float32)
    out[covered] = total[covered] / weights[covered][:, None]
    page: np.ndarray = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    return page


def _edge_distance(
    part: Part, pose: Rigid, columns: tuple[int, int], rows: tuple[int, int]
) -> np.ndarray:
    """For each page pixel of the window, how far inside the part it lies (0 outside)."""
    height, width = part.pixels.shape[:2]
    inverse = pose.inverse().matrix().astype(np.float32)
    x = np.arange(*columns, dtype=np.float32)[None, :]
    y = np.arange(*rows, dtype=np.float32)[:, None]
    u = inverse[0, 0] * x + inverse[0, 1] * y + inverse[0, 2]
    v = inverse[1, 0] * x + inverse[1, 1] * y + inverse[1, 2]
    inside_u = np.minimum(u, (width - 1) - u)
    inside_v = np.minimum(v, (height - 1) - v)
    inside: np.ndarray = np.clip(np.minimum(inside_u, inside_v), 0, None)
    return inside


def _channels(pixels: np.ndarray, channels: int) -> np.ndarray:
    if channels == 3 and pixels.ndim == 2:
        return cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    return pixels


def _box(corners: np.ndarray, width: int, height: int) -> tuple[int, int, int, int]:
    """The page pixels the part may touch: (left, right, top, bottom), clipped to the page."""
    left, top = np.floor(corners.min(axis=0)).astype(int)
    right, bottom = np.ceil(corners.max(axis=0)).astype(int) + 1
    return max(0, left), min(width, right), max(0, top), min(height, bottom)
