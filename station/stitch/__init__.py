"""Stitching: a sheet larger than the flatbed, scanned in overlapping parts, made one page."""

from station.stitch.errors import StitchCode, StitchError
from station.stitch.model import Detector, Part, Placement, StitchOptions, StitchResult
from station.stitch.stitch import stitch_parts

__all__ = [
    "Detector",
    "Part",
    "Placement",
    "StitchCode",
    "StitchError",
    "StitchOptions",
    "StitchResult",
    "stitch_parts",
]
