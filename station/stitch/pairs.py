"""Which parts overlap, and how: matched features, RANSAC, then a rigid fit on the inliers."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from station.stitch.features import PartFeatures
from station.stitch.model import StitchOptions
from station.stitch.rigid import Rigid, fit_rigid

RATIO = 0.75  # Lowe's ratio test: the best match must clearly beat the second best
MAX_SCALE_DRIFT = 0.03  # both parts share a dpi; a similarity far from scale 1 is a false match
MAX_KEPT_PAIRS = 300  # inliers kept per pair for the global adjustment


@dataclass(frozen=True)
class PairMatch:
    """Part `i` and part `j` overlap: points_i[k] in i is the same spot of the sheet as
    points_j[k] in j (full-size pixels)."""

    i: int
    j: int
    points_i: np.ndarray
    points_j: np.ndarray
    j_to_i: Rigid

    @property
    def inliers(self) -> int:
        return len(self.points_i)


def match_pair(
    i: int, j: int, a: PartFeatures, b: PartFeatures, options: StitchOptions
) -> PairMatch | None:
    matches = _good_matches(a, b)
    if len(matches) < options.min_inliers:
        return None
    source = np.array([b.points[m.trainIdx] for m in matches])
    target = np.array([a.points[m.queryIdx] for m in matches])
    threshold = options.ransac_px / a.scale
    model, mask = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=threshold, maxIters=4000
    )
    if model is None:
        return None
    scale = float(np.hypot(model[0, 0], model[1, 0]))
    keep = mask.ravel().astype(bool)
    if abs(scale - 1.0) > MAX_SCALE_DRIFT or keep.sum() < options.min_inliers:
        return None
    rigid = fit_rigid(source[keep], target[keep])
    # Fixing the scale at 1 can move a few borderline inliers out; refit on those that agree.
    agree = np.linalg.norm(rigid.apply(source) - target, axis=1) < threshold
    if agree.sum() < options.min_inliers:
        return None
    rigid = fit_rigid(source[agree], target[agree])
    kept = _spread(np.flatnonzero(agree), MAX_KEPT_PAIRS)
    return PairMatch(i, j, target[kept], source[kept], rigid)


def _good_matches(a: PartFeatures, b: PartFeatures) -> list[cv2.DMatch]:
    if a.descriptors is None or b.descriptors is None:
        return []
    if len(a.descriptors) < 2 or len(b.descriptors) < 2:
        return []
    matcher: cv2.DescriptorMatcher
    if a.binary:
        matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
    else:
        matcher = cv2.FlannBasedMatcher({"algorithm": 1, "trees": 4}, {"checks": 64})
    candidates = matcher.knnMatch(a.descriptors, b.descriptors, k=2)
    return [m[0] for m in candidates if len(m) == 2 and m[0].distance < RATIO * m[1].distance]


def _spread(indices: np.ndarray, limit: int) -> np.ndarray:
    if len(indices) <= limit:
        return indices
    spread: np.ndarray = indices[np.linspace(0, len(indices) - 1, limit).round().astype(int)]
    return spread
