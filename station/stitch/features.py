"""Feature points of each part, found on a reduced gray copy and reported in full-size pixels."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from station.stitch.model import Detector, Part, StitchOptions


@dataclass(frozen=True)
class PartFeatures:
    points: np.ndarray  # N x 2 float64, full-size pixel coordinates
    descriptors: np.ndarray | None
    binary: bool  # Hamming descriptors (ORB) rather than float ones (SIFT)
    scale: float  # reduced / full size
    small: np.ndarray  # the reduced gray copy, kept for exposure measurement


def reduced_gray(part: Part, scale: float) -> np.ndarray:
    gray = part.pixels if part.pixels.ndim == 2 else cv2.cvtColor(part.pixels, cv2.COLOR_BGR2GRAY)
    if scale >= 1.0:
        return gray.copy()
    height, width = gray.shape
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA)


def to_full_size(points: np.ndarray, scale: float) -> np.ndarray:
    # Pixel centres, not corners, scale: a plain division would shift every point by
    # (1/scale - 1)/2 pixels, which cancels between two upright parts but not between a part and
    # one turned 180 degrees.
    return (points + 0.5) / scale - 0.5


def detect(part: Part, options: StitchOptions) -> PartFeatures:
    scale = min(1.0, options.feature_dpi / part.dpi)
    small = reduced_gray(part, scale)
    detector = _detector(options)
    keypoints, descriptors = detector.detectAndCompute(small, None)
    points = np.array([k.pt for k in keypoints], dtype=np.float64).reshape(-1, 2)
    binary = options.detector is not Detector.SIFT
    return PartFeatures(to_full_size(points, scale), descriptors, binary, scale, small)


def _detector(options: StitchOptions) -> cv2.Feature2D:
    if options.detector is Detector.SIFT:
        return cv2.SIFT.create(nfeatures=options.max_features)
    return cv2.ORB.create(nfeatures=options.max_features)
