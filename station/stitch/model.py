"""What stitching takes and gives: parts of one sheet in, one page and each part's placement out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from station.stitch.coverage import MIN_COVERAGE, Coverage


class Detector(StrEnum):
    # SIFT is the default: on a 3x3 A2 map at 300 dpi it placed every part within 0.22 mm in
    # 10 s, ORB within 0.15 mm in 25 s (bench/large.py --detectors). AKAZE is not offered:
    # OpenCV 5's main modules no longer carry it.
    SIFT = "sift"
    ORB = "orb"


@dataclass(frozen=True)
class StitchOptions:
    detector: Detector = Detector.SIFT
    # Features are found on copies reduced to about this resolution: a flatbed part at 300 dpi
    # shrinks four times, which bounds memory and time while text strokes stay distinct.
    feature_dpi: int = 75
    max_features: int = 6000
    min_inliers: int = 25  # fewer agreeing matches than this is no overlap
    ransac_px: float = 3.0  # at feature resolution
    compose_band_rows: int = 512  # the page is composed this many rows at a time
    level: bool = True  # turn the assembly so the sheet's own lines run level on the page
    # Below this share of the sheet covered, parts are missing: refused rather than assembled
    # with bare paper in their place (0 assembles whatever there is, as a preview does).
    min_coverage: float = MIN_COVERAGE


@dataclass(frozen=True)
class Part:
    """One flatbed scan of a piece of the sheet; H x W or H x W x 3 uint8."""

    pixels: np.ndarray
    dpi: int


@dataclass(frozen=True)
class Placement:
    """Where a part lies on the page: page = R(rotation) * part + (x, y), in mm from the page's
    top-left corner with y pointing down, so a positive rotation turns the part clockwise as
    seen on the page (degrees)."""

    index: int
    x_mm: float
    y_mm: float
    rotation_deg: float
    residual_px: float  # RMS disagreement with its neighbours at the seams, in scan pixels
    residual_mm: float
    neighbours: tuple[int, ...]


@dataclass(frozen=True)
class StitchResult:
    image: np.ndarray
    dpi: int
    page_mm: tuple[float, float]  # (width, height); landscape when the assembled sheet is
    paper: str
    placements: tuple[Placement, ...]
    content_mm: tuple[float, float]  # the parts' assembled extent, before fitting to the paper
    gains: tuple[float, ...]  # exposure gain applied to each part
    outlines_mm: tuple[np.ndarray, ...]  # each part's corners on the page (4 x 2, mm)
    coverage: Coverage  # of the page, on the grid of parts the paper is scanned in
