"""A page's resolution when its file does not say, or says something no paper could be.

The rules ask for the page at its paper size, so a guessed dpi is never silent: the answer says
where the dpi came from (`file`, `inferred` from the picture, `assumed` when nothing fits).

The file's dpi is used unless missing, a software placeholder (72, 96) on a picture shaped like
a paper, or one that makes the page larger than A0 or smaller than A8 (a small piece scanned at
150 dpi or more is a cut-out and keeps its dpi). Otherwise, in order:
1. the pixel aspect ratio matches a paper (A-series, Letter, Legal, ID card) within 2.5%, or a long
   strip matches a till receipt (80 or 58 mm wide), and the letters agree (within 1.5x);
2. the letters alone: the commonest letter-blob height taken as a 1.6 mm x-height, rounded to the
   nearest scanner resolution;
3. 200 dpi, or the nearest scanner resolution that keeps the page between A8 and A0 (`assumed`).

Every A size has the same shape, so one picture can fit several papers at scanner resolutions
(an A0 at 300 dpi is an A2 at 600 and an A4 at 1200). The letters tell office papers apart; they
never pick a large sheet (A2 to A0), whose lettering has any size. When a large sheet is among
the papers the shape fits and the letters single out none, the page is `assumed`: the paper at
the lowest of those resolutions from 200 dpi up. A large sheet is only taken as scanned at 200
dpi or more (wide-format scanners), so an A4 at 300 dpi is never an A2 at 150.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.importer.blobs import MAX_HEIGHT, blob_sizes

MM_PER_INCH = 25.4
# (name, short side mm, long side mm)
PAPERS = (
    ("A0", 841.0, 1189.0),
    ("A1", 594.0, 841.0),
    ("A2", 420.0, 594.0),
    ("A3", 297.0, 420.0),
    ("A4", 210.0, 297.0),
    ("A5", 148.0, 210.0),
    ("A6", 105.0, 148.0),
    ("Letter", 215.9, 279.4),
    ("Legal", 215.9, 355.6),
    ("ID card", 53.98, 85.6),
)
A0_MM = (841.0, 1189.0)
LARGE_SHEETS = ("A0", "A1", "A2")
MIN_LARGE_SHEET_DPI = 200
A8_MM = (52.0, 74.0)
RECEIPT_WIDTHS_MM = (80.0, 58.0)
SCANNER_DPIS = (100, 150, 200, 240, 300, 400, 500, 600, 1200)
ASPECT_TOLERANCE = 0.025
SNAP_TOLERANCE = 0.03  # an inferred dpi this close to a scanner resolution is taken as it
PLACEHOLDER_DPIS = (72, 96)  # what software writes when it does not know
ASSUMED_DPI = 200
MIN_SCANNER_DPI = 150  # below A8 at this or more: a small piece of paper, taken as scanned
AGREEMENT = 1.5  # a paper's dpi and the letters' dpi within this factor: the paper is believed
X_HEIGHT_MM = 1.6


@dataclass(frozen=True)
class Resolution:
    dpi: int
    source: str  # "file" | "inferred" | "assumed"
    file_dpi: int | None = None  # what the file said, when it was not used
    paper: str | None = None  # the paper the inference matched


def page_resolution(pixels: np.ndarray, file_dpi: int | None) -> Resolution:
    """The dpi to take a page at; the file's own unless missing or impossible."""
    height, width = pixels.shape[:2]
    if file_dpi is not None and _trusted(width, height, file_dpi):
        return Resolution(file_dpi, "file")
    text = _by_text(pixels)
    candidates = _matched_papers(width, height)
    if _ambiguous(candidates, text):
        dpi = min((d for d, _ in candidates if d >= ASSUMED_DPI), default=candidates[0][0])
        return Resolution(dpi, "assumed", file_dpi)
    paper = _told_apart(candidates, text) or _receipt(width, height)
    if paper is not None and text is not None and not _agree(paper[0], text[0]):
        paper = None  # the shape fits a paper, the letters do not: an A4's aspect is common
    placeholder = file_dpi is not None and _plausible(width, height, file_dpi)
    if file_dpi is not None and placeholder and paper is None:
        return Resolution(file_dpi, "file")
    for found in (paper, text):
        if found is not None and _plausible(width, height, found[0]):
            return Resolution(found[0], "inferred", file_dpi, found[1])
    return Resolution(_assumed(width, height), "assumed", file_dpi)


def _told_apart(
    candidates: list[tuple[int, str]], text: tuple[int, str | None] | None
) -> tuple[int, str] | None:
    """The one office paper the letters agree with, else the paper whose shape fits best."""
    agreeing = [c for c in _office(candidates) if text is not None and _agree(c[0], text[0])]
    if len(agreeing) == 1:
        return agreeing[0]
    return candidates[0] if candidates else None


def _ambiguous(candidates: list[tuple[int, str]], text: tuple[int, str | None] | None) -> bool:
    """Several papers fit, a large sheet among them, and the letters single out no office paper."""
    if len(candidates) < 2 or len(_office(candidates)) == len(candidates):
        return False
    office = _office(candidates)
    return text is None or sum(_agree(dpi, text[0]) for dpi, _ in office) != 1


def _office(candidates: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [c for c in candidates if c[1] not in LARGE_SHEETS]


def _trusted(width: int, height: int, file_dpi: int | None) -> bool:
    if file_dpi is None or file_dpi in PLACEHOLDER_DPIS:
        return False
    # a cut-out (a receipt, a stub) scanned at a real scanner resolution is smaller than A8
    cut_out = file_dpi >= MIN_SCANNER_DPI and _small(width, height, file_dpi)
    return _plausible(width, height, file_dpi) or cut_out


def _agree(one: float, other: float) -> bool:
    return 1 / AGREEMENT <= one / other <= AGREEMENT


def _small(width: int, height: int, dpi: float) -> bool:
    short, long = sorted((width / dpi * MM_PER_INCH, height / dpi * MM_PER_INCH))
    return short <= A0_MM[0] and long <= A0_MM[1]


def _plausible(width: int, height: int, dpi: float) -> bool:
    short, long = sorted((width / dpi * MM_PER_INCH, height / dpi * MM_PER_INCH))
    too_big = short > A0_MM[0] * 1.05 or long > A0_MM[1] * 1.05
    too_small = short < A8_MM[0] * 0.95 and long < A8_MM[1] * 0.95
    return not too_big and not too_small


def _snap(dpi: float) -> int:
    nearest = min(SCANNER_DPIS, key=lambda d: abs(d - dpi))
    return nearest if abs(nearest - dpi) <= SNAP_TOLERANCE * nearest else round(dpi)


def _matched_papers(width: int, height: int) -> list[tuple[int, str]]:
    """(dpi, paper) for every paper of this shape at a scanner resolution, plausible and best
    fitting first; or else the best fitting paper at the dpi it implies."""
    short, long = sorted((width, height))
    aspect = long / short
    scanned, other = [], []
    for name, paper_short, paper_long in PAPERS:
        error = abs(aspect / (paper_long / paper_short) - 1)
        if error > ASPECT_TOLERANCE:
            continue
        dpi = _snap((short / paper_short + long / paper_long) / 2 * MM_PER_INCH)
        large_below = name in LARGE_SHEETS and dpi < MIN_LARGE_SHEET_DPI
        if dpi in SCANNER_DPIS and not large_below and _plausible(width, height, dpi):
            scanned.append((error, dpi, name))
        elif not large_below:
            other.append((error, dpi, name))
    best = sorted(scanned) or sorted(other)[:1]
    return [(dpi, name) for _, dpi, name in best]


def _receipt(width: int, height: int) -> tuple[int, str] | None:
    short, long = sorted((width, height))
    if long < 2.5 * short:
        return None
    for paper_mm in RECEIPT_WIDTHS_MM:
        dpi = short / paper_mm * MM_PER_INCH
        snapped = _snap(dpi)
        if snapped in SCANNER_DPIS:
            return snapped, f"receipt {paper_mm:g} mm"
    return _snap(short / RECEIPT_WIDTHS_MM[0] * MM_PER_INCH), "receipt 80 mm"


def _by_text(pixels: np.ndarray) -> tuple[int, str | None] | None:
    """The scanner resolution at which the commonest blob height is a 1.6 mm x-height."""
    heights, widths = blob_sizes(pixels)  # band by band: a large sheet is never copied whole
    letters = heights[(heights >= 4) & (heights <= MAX_HEIGHT) & (widths <= 2 * heights)]
    if len(letters) < 50:
        return None
    histogram = np.bincount(letters)
    x_height = int(np.argmax(cv2.blur(histogram.astype(np.float32)[None, :], (3, 1))[0]))
    dpi = x_height / X_HEIGHT_MM * MM_PER_INCH
    return min(SCANNER_DPIS, key=lambda d: abs(np.log(d / dpi))), None


def _assumed(width: int, height: int) -> int:
    """200 dpi, or the nearest resolution that keeps the page between A8 and A0."""
    for dpi in sorted(SCANNER_DPIS, key=lambda d: abs(d - ASSUMED_DPI)):
        if _plausible(width, height, dpi):
            return dpi
    return ASSUMED_DPI
