"""Paper sizes from A7 cards to A0 maps: named presets, `auto` (whole bed) and custom WxH in mm."""

from __future__ import annotations

import re
from dataclasses import dataclass

from station.errors import ErrorCode, StationError

MM_PER_INCH = 25.4
# Scanners advertise their bed a hair over or under the nominal size (215.9 x 297.2 for "A4").
FIT_TOLERANCE_MM = 1.0

# ISO 216 A and B series, plus the two North American sizes scanners ship with.
PRESETS: dict[str, tuple[float, float]] = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "A7": (74.0, 105.0),
    "B4": (250.0, 353.0),
    "B5": (176.0, 250.0),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
}
AUTO = "auto"
_CUSTOM = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[xX×]\s*(\d+(?:[.,]\d+)?)\s*(?:mm)?\s*$")


@dataclass(frozen=True)
class PaperSize:
    """A named or custom size in mm (portrait); `auto` has no size and means the whole bed."""

    name: str
    width_mm: float | None = None
    height_mm: float | None = None

    @property
    def is_auto(self) -> bool:
        return self.width_mm is None

    def pixels(self, dpi: int) -> tuple[int, int]:
        """(width, height) in pixels at `dpi`; `auto` has none."""
        if self.width_mm is None or self.height_mm is None:
            raise ValueError("auto paper has no fixed size")
        return mm_to_px(self.width_mm, dpi), mm_to_px(self.height_mm, dpi)


AUTO_PAPER = PaperSize(AUTO)


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def px_to_mm(px: int, dpi: int) -> float:
    return px * MM_PER_INCH / dpi


def parse_paper(text: str) -> PaperSize:
    """`A4`, `a0`, `Letter`, `auto`, or a custom `210x297` (mm)."""
    value = text.strip()
    if value.lower() == AUTO:
        return AUTO_PAPER
    for name, (width, height) in PRESETS.items():
        if value.lower() == name.lower():
            return PaperSize(name, width, height)
    match = _CUSTOM.match(value)
    if match:
        width, height = (float(group.replace(",", ".")) for group in match.groups())
        if 10 <= width <= 2000 and 10 <= height <= 5000:
            return PaperSize(f"{width:g}x{height:g}", width, height)
    raise StationError(ErrorCode.INVALID_PAPER, value=text, presets=", ".join(PRESETS))


def scan_area(paper: PaperSize, max_area_mm: tuple[float, float]) -> tuple[float, float]:
    """The area to scan, in mm; refuses a paper larger than the bed instead of clipping it."""
    max_width, max_height = max_area_mm
    if paper.width_mm is None or paper.height_mm is None:
        return max_width, max_height
    fits = (
        paper.width_mm <= max_width + FIT_TOLERANCE_MM
        and paper.height_mm <= max_height + FIT_TOLERANCE_MM
    )
    if not fits:
        raise StationError(
            ErrorCode.PAPER_TOO_LARGE,
            paper=paper.name,
            width=f"{paper.width_mm:g}",
            height=f"{paper.height_mm:g}",
            max_width=f"{max_width:g}",
            max_height=f"{max_height:g}",
        )
    return min(paper.width_mm, max_width), min(paper.height_mm, max_height)
