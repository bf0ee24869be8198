"""What the analysis steps find; the pipeline turns these into a page's transforms."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

Point = tuple[float, float]


@dataclass(frozen=True)
class SkewResult:
    angle_deg: float  # how far the content is rotated on the glass, counter-clockwise positive
    confidence: float  # 0..1; below the profile's threshold the page is left alone


@dataclass(frozen=True)
class OrientationResult:
    rotation: int  # 0, 90, 180 or 270: clockwise degrees that turn the page upright
    confidence: float  # 0..1


class DocumentKind(StrEnum):
    PAGE = "page"  # a sheet filling most of the bed; crop removes the dark margins
    CARD = "card"  # a small document (ID card, licence) lying somewhere on the bed
    NONE = "none"  # no distinct document found: keep the whole image


@dataclass(frozen=True)
class CropResult:
    kind: DocumentKind
    corners: tuple[Point, Point, Point, Point]  # TL, TR, BR, BL in source pixels
    angle_deg: float  # rotation of the document's edges, counter-clockwise positive
    confidence: float


class ColourClass(StrEnum):
    COLOR = "color"
    GRAY = "gray"
    BW = "bw"  # black and white (text, line art)


@dataclass(frozen=True)
class BlankResult:
    blank: bool
    ink_ratio: float  # share of the area covered by marks after noise removal
    largest_mark_mm2: float
