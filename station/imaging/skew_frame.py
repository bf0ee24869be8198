"""The sheet's frame: the border a map or a drawing is drawn inside. When a sheet has no text to
level it by, its frame does, and a grid or hatching slanted inside the frame does not."""

from __future__ import annotations

import math

import cv2
import numpy as np

from station.imaging.components import components_with_stats

FRAME_SPAN = 0.6  # the frame spans at least this share of the page both ways
FRAME_OUTLINE = 0.9  # ... and this share of its outline lies on ink
FRAME_CANDIDATES = 3  # the largest marks tried
OUTLINE_SAMPLES = 400  # points looked at along the outline


def frame_skew(ink: np.ndarray, max_angle: float) -> float | None:
    """The frame's rotation (counter-clockwise positive, degrees), or None without a frame: no
    mark spanning most of the page whose outline is a rectangle drawn in ink."""
    count, labels, stats, _ = components_with_stats(ink, connectivity=8)
    if count < 2:
        return None
    height, width = ink.shape
    spans = stats[1:, cv2.CC_STAT_WIDTH] * stats[1:, cv2.CC_STAT_HEIGHT]
    near = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    for label in 1 + np.argsort(-spans)[:FRAME_CANDIDATES]:
        if stats[label, cv2.CC_STAT_WIDTH] < FRAME_SPAN * width:
            continue
        if stats[label, cv2.CC_STAT_HEIGHT] < FRAME_SPAN * height:
            continue
        ys, xs = np.nonzero(labels == label)
        hull = cv2.convexHull(np.column_stack((xs, ys)).astype(np.float32))
        corners = cv2.boxPoints(cv2.minAreaRect(hull))
        if _outline_on_ink(near, corners) < FRAME_OUTLINE:
            continue
        angle = _level_angle(corners)
        if abs(angle) <= max_angle:
            return angle
    return None


def _outline_on_ink(near: np.ndarray, corners: np.ndarray) -> float:
    """The share of points along the rectangle's four sides that fall on (or next to) ink."""
    height, width = near.shape
    ends = np.roll(corners, -1, axis=0)
    steps = np.linspace(0.0, 1.0, OUTLINE_SAMPLES // 4, endpoint=False)[:, None]
    points = np.concatenate([a + (b - a) * steps for a, b in zip(corners, ends, strict=True)])
    xs = np.clip(np.round(points[:, 0]).astype(int), 0, width - 1)
    ys = np.clip(np.round(points[:, 1]).astype(int), 0, height - 1)
    return float(np.count_nonzero(near[ys, xs])) / len(points)


def _level_angle(corners: np.ndarray) -> float:
    """The turn of the rectangle's side nearest to level; y runs down, so a side rising to the
    right is a counter-clockwise turn."""
    ends = np.roll(corners, -1, axis=0)
    sides = ends - corners
    side = max(sides, key=lambda d: abs(d[0]) - abs(d[1]))
    dx, dy = (float(v) for v in (side if side[0] > 0 else -side))
    return -math.degrees(math.atan2(dy, dx))
