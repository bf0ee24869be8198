"""Exposure: one gain per part so overlapping parts agree in brightness (Brown & Lowe's gain
compensation), measured on the reduced copies."""

from __future__ import annotations

import cv2
import numpy as np

from station.stitch.features import PartFeatures
from station.stitch.pairs import PairMatch
from station.stitch.rigid import Rigid

NOISE_SIGMA = 10.0  # grey levels: how far two parts' means may differ by chance
GAIN_SIGMA = 0.1  # gains are kept near 1, so the page as a whole keeps the scanner's exposure
EDGE_PX = 3  # interpolated border pixels of the reduced copies are left out


def part_gains(
    features: list[PartFeatures], poses: list[Rigid], matches: list[PairMatch]
) -> list[float]:
    count = len(features)
    normal = np.zeros((count, count))
    rhs = np.zeros(count)
    for match in matches:
        i, j = match.i, match.j
        overlap = _overlap_means(features[i], features[j], poses[i], poses[j])
        if overlap is None:
            continue
        pixels, mean_i, mean_j = overlap
        weight = pixels / NOISE_SIGMA**2
        normal[i, i] += weight * mean_i**2
        normal[j, j] += weight * mean_j**2
        normal[i, j] -= weight * mean_i * mean_j
        normal[j, i] -= weight * mean_i * mean_j
        prior = pixels / GAIN_SIGMA**2
        normal[i, i] += prior
        normal[j, j] += prior
        rhs[i] += prior
        rhs[j] += prior
    if not rhs.any():
        return [1.0] * count
    normal[np.diag(normal) == 0, np.diag(normal) == 0] = 1.0
    rhs[rhs == 0] = 1.0
    return [float(g) for g in np.linalg.solve(normal, rhs)]


def _overlap_means(
    a: PartFeatures, b: PartFeatures, pose_a: Rigid, pose_b: Rigid
) -> tuple[float, float, float] | None:
    """Pixels in common and each part's mean grey over them."""
    b_to_a = _reduced(pose_b.then(pose_a.inverse()), a.scale)
    height, width = a.small.shape
    warped = cv2.warpAffine(b.small, b_to_a, (width, height), flags=cv2.INTER_LINEAR)
    inside = cv2.warpAffine(np.full_like(b.small, 255), b_to_a, (width, height))
    inside = cv2.erode(inside, np.ones((2 * EDGE_PX + 1, 2 * EDGE_PX + 1), np.uint8))
    inside[:EDGE_PX], inside[-EDGE_PX:], inside[:, :EDGE_PX], inside[:, -EDGE_PX:] = 0, 0, 0, 0
    common = inside > 0
    pixels = int(common.sum())
    if pixels == 0:
        return None
    return float(pixels), float(a.small[common].mean()), float(warped[common].mean())


def _reduced(motion: Rigid, scale: float) -> np.ndarray:
    """The full-size motion as it acts on reduced copies (pixel centres scale, not corners)."""
    to_small = np.array([[scale, 0, 0.5 * scale - 0.5], [0, scale, 0.5 * scale - 0.5], [0, 0, 1]])
    full = np.vstack([motion.matrix(), [0, 0, 1]])
    reduced: np.ndarray = (to_small @ full @ np.linalg.inv(to_small))[:2]
    return reduced
