"""How a page is encoded for the PDF: the encoding and its knobs, declared once with defaults."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Encoding(StrEnum):
    JPEG = "jpeg"  # colour/gray JPEG; black-and-white pages as CCITT G4
    MRC = "mrc"  # 1-bit text mask at full resolution over a low-resolution colour background
    LOSSLESS = "lossless"  # Flate with PNG predictors; black-and-white pages as CCITT G4


@dataclass(frozen=True)
class EncodeOptions:
    encoding: Encoding = Encoding.MRC
    jpeg_quality: int = 75  # JPEG pages
    chroma_subsampling: str = "4:2:0"  # or "4:4:4"
    # MRC background: the scan's resolution up to this (never below 200 ppi, the rules' floor
    # for every image). It holds every mark whole, so a stroke's soft edge and thin hairlines
    # survive 200 ppi (cut out under the mask, a 300 dpi receipt's 1-pixel strokes faded there
    # and the fidelity check patched half the page). Plain paper is drawn smooth, so JPEG spends
    # its bits on the marks.
    background_dpi: int = 200
    background_quality: int = 60
    min_dpi: int = 200  # pages scanned below this are resampled up to it (rules: >= 200 dpi)

    def __post_init__(self) -> None:
        # A profile read from settings may name the encoding as text; `is` checks need the enum.
        object.__setattr__(self, "encoding", Encoding(self.encoding))
        if not 1 <= self.background_quality <= 100:
            raise ValueError(f"background_quality must be 1..100, not {self.background_quality}")
        if not 1 <= self.jpeg_quality <= 100:
            raise ValueError(f"jpeg_quality must be 1..100, not {self.jpeg_quality}")
        if self.chroma_subsampling not in SUBSAMPLINGS:
            raise ValueError(f"chroma_subsampling must be one of {', '.join(SUBSAMPLINGS)}")
        if self.background_dpi < 10 or self.min_dpi < 1:
            raise ValueError("background_dpi must be >= 10 and min_dpi >= 1")


SUBSAMPLINGS = ("4:2:0", "4:2:2", "4:4:4")
