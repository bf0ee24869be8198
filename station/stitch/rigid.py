"""Rigid motions of the plane (rotation + translation, scale 1): flatbed parts share their dpi."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Rigid:
    """Maps a point p to R(angle) p + (tx, ty); angle in radians, y pointing down as in images."""

    angle: float = 0.0
    tx: float = 0.0
    ty: float = 0.0

    def matrix(self) -> np.ndarray:
        """The 2 x 3 matrix cv2.warpAffine takes."""
        c, s = math.cos(self.angle), math.sin(self.angle)
        return np.array([[c, -s, self.tx], [s, c, self.ty]], dtype=np.float64)

    def apply(self, points: np.ndarray) -> np.ndarray:
        m = self.matrix()
        moved: np.ndarray = points @ m[:, :2].T + m[:, 2]
        return moved

    def then(self, outer: Rigid) -> Rigid:
        """This motion followed by `outer`."""
        tx, ty = outer.apply(np.array([[self.tx, self.ty]]))[0]
        return Rigid(_wrap(self.angle + outer.angle), float(tx), float(ty))

    def inverse(self) -> Rigid:
        c, s = math.cos(self.angle), math.sin(self.angle)
        return Rigid(-self.angle, -(c * self.tx + s * self.ty), s * self.tx - c * self.ty)


def fit_rigid(source: np.ndarray, target: np.ndarray) -> Rigid:
    """The least-squares rigid motion taking `source` points onto `target` (2-D Kabsch)."""
    source_mean, target_mean = source.mean(axis=0), target.mean(axis=0)
    a, b = source - source_mean, target - target_mean
    cross = float(np.sum(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]))
    dot = float(np.sum(a * b))
    angle = math.atan2(cross, dot)
    c, s = math.cos(angle), math.sin(angle)
    tx = target_mean[0] - (c * source_mean[0] - s * source_mean[1])
    ty = target_mean[1] - (s * source_mean[0] + c * source_mean[1])
    return Rigid(angle, float(tx), float(ty))


def _wrap(angle: float) -> float:
    return math.atan2(math.sin(angle), math.cos(angle))
