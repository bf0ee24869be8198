"""Read the codes on a page image: matrix codes at any angle on the whole page, then linear
codes and PDF417 on each bar-like region turned upright (see station.codes.locate)."""

from __future__ import annotations

import math

import cv2
import numpy as np
import zxingcpp

from station.codes.classify import classify
from station.codes.locate import BarRegion, find_bar_regions
from station.codes.model import FoundCode, Point

# Formats read by default. ITF, Codabar and DataBar are left out: they carry no check a
# scanner can rely on, and on a page of text they are where misreads come from.
DEFAULT_FORMATS = (
    "QRCode",
    "MicroQRCode",
    "RMQRCode",
    "DataMatrix",
    "Aztec",
    "PDF417",
    "Code128",
    "Code39",
    "Code93",
    "EAN13",
    "EAN8",
    "UPCA",
    "UPCE",
)
# What zxing-cpp reads along rows only; these get the turned-upright pass.
BAR_FORMATS = frozenset({"PDF417", "Code128", "Code39", "Code93", "EAN13", "EAN8", "UPCA", "UPCE"})
# zxing-cpp reads a Code 128 of usual proportions up to about 7 degrees off the row direction.
STRAIGHT_TOLERANCE = 3.0
SAME_TURN = 2.0  # regions this close in angle share one turned pass
MAX_TURNS = 4  # bounds the time on a page full of ruled lines

Corners = tuple[Point, Point, Point, Point]


def read_codes(image: np.ndarray, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[FoundCode]:
    """Every code found on the page (RGB, gray or lineart; any rotation), each once.

    Top-level with picklable arguments, so it can be handed to a process pool as it is."""
    gray = to_gray(image)
    found = _decode(gray, _formats(formats), _identity())
    bar_formats = tuple(f for f in formats if f in BAR_FORMATS)
    if bar_formats:
        wanted = _formats(bar_formats)
        for angle in turns_to_try(find_bar_regions(gray)):
            turned, back = _turned(gray, angle)
            found += _decode(turned, wanted, back)
    return [_with_meaning(code) for code in _unique(found)]


def turns_to_try(regions: list[BarRegion]) -> list[float]:
    """The distinct angles that bring bar regions upright, largest region first; angles the
    plain pass already reads (near a multiple of 90 degrees) are skipped."""
    angles: list[float] = []
    for region in regions:
        angle = (region.angle + 45) % 90 - 45  # zxing-cpp tries the quarter turns itself
        if abs(angle) < STRAIGHT_TOLERANCE:
            continue
        if all(abs(angle - a) > SAME_TURN for a in angles):
            angles.append(angle)
    return angles[:MAX_TURNS]


def to_gray(image: np.ndarray) -> np.ndarray:
    """8-bit gray from what the importer and scanners give: RGB(A), gray, bool or 0/1 lineart,
    16-bit."""
    pixels = np.asarray(image)
    if pixels.dtype == np.bool_:
        return np.where(pixels, 255, 0).astype(np.uint8)
    if pixels.dtype == np.uint16:
        pixels = (pixels >> 8).astype(np.uint8)
    elif pixels.dtype != np.uint8:
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
    if pixels.ndim == 3:
        code = cv2.COLOR_RGBA2GRAY if pixels.shape[2] == 4 else cv2.COLOR_RGB2GRAY
        pixels = cv2.cvtColor(pixels, code)
    if pixels.size and int(pixels.max()) == 1:  # 0/1 lineart
        pixels = pixels * np.uint8(255)
    return np.ascontiguousarray(pixels)


def _formats(names: tuple[str, ...]) -> zxingcpp.BarcodeFormats:
    return zxingcpp.barcode_formats_from_str("|".join(names))


def _identity() -> np.ndarray:
    return np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def _decode(
    gray: np.ndarray, formats: zxingcpp.BarcodeFormats, back: np.ndarray
) -> list[FoundCode]:
    """Decode, then carry each symbol's corners to page pixels through the affine `back`."""
    found = []
    for barcode in zxingcpp.read_barcodes(gray, formats=formats):
        if not barcode.valid or not barcode.text:
            continue
        p = barcode.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        points = np.array([[c.x, c.y, 1.0] for c in corners]) @ back.T
        position = tuple(Point(round(float(x), 1), round(float(y), 1)) for x, y in points)
        found.append(FoundCode(barcode.format.name, barcode.text, position))  # type: ignore[arg-type]
    return found


def _turned(gray: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The whole page turned by `angle` on a canvas that holds all of it, and the affine from
    the turned page back to the original."""
    h, w = gray.shape
    forward = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(forward[0, 0]), abs(forward[0, 1])
    out_w, out_h = int(h * sin + w * cos) + 1, int(h * cos + w * sin) + 1
    forward[0, 2] += out_w / 2 - w / 2
    forward[1, 2] += out_h / 2 - h / 2
    turned = cv2.warpAffine(gray, forward, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=255)
    return turned, cv2.invertAffineTransform(forward)


def _unique(found: list[FoundCode]) -> list[FoundCode]:
    """One entry per symbol: the same text read twice at the same place is one code, while
    two copies of a code at different places stay two."""
    kept: list[FoundCode] = []
    for code in found:
        if not any(_same_symbol(code, other) for other in kept):
            kept.append(code)
    return kept


def _same_symbol(a: FoundCode, b: FoundCode) -> bool:
    if a.format != b.format or a.text != b.text:
        return False
    reach = max(math.dist((p.x, p.y), (q.x, q.y)) for p in b.position for q in b.position)
    return math.dist((a.center.x, a.center.y), (b.center.x, b.center.y)) < max(reach / 2, 10)


def _with_meaning(code: FoundCode) -> FoundCode:
    kind, fields = classify(code.text)
    return FoundCode(code.format, code.text, code.position, kind, fields)
