"""Read the codes on a page image: matrix codes at any angle on the whole page, then linear
codes and PDF417 on each bar-like region turned upright (see station.codes.locate)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import cv2
import numpy as np
import zxingcpp

from station.codes import bar_widths
from station.codes.classify import classify
from station.codes.locate import BarRegion, find_bar_regions, shrink
from station.codes.model import CodeKind, FoundCode, PatchCode, Point
from station.codes.patch import find_patch_t

PATCH_T = "PatchT"  # the transfer patch (station.codes.patch): bars zxing-cpp does not read

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
    PATCH_T,
)
# What zxing-cpp reads along rows only; these get the turned-upright pass.
BAR_FORMATS = frozenset({"PDF417", "Code128", "Code39", "Code93", "EAN13", "EAN8", "UPCA", "UPCE"})
# zxing-cpp reads a Code 128 of usual proportions up to about 7 degrees off the row direction,
# a PDF417 up to about 2.
STRAIGHT_TOLERANCE = 1.0
SAME_TURN = 8.0  # pieces of one symbol; the angle of a small piece is less certain
NEAR = 1.5  # pieces closer than this many half-diagonals are one symbol
MAX_TURNS = 4  # bounds the time on a page full of ruled lines
QUIET_MARGIN = 0.5  # around a window, as a fraction of its largest region's half-diagonal
WORK_LONG_SIDE = 3600  # larger pages (over 300 dpi for A4) are read averaged down
MIN_LONG_SIDE = 2300  # smaller ones (under 200 dpi for A4) are read doubled
PATCH_DPI = 75  # a transfer patch's 2 mm bars are 6 px here (see station.codes.sheet_check)

# Second and third looks, in working pixels (about 300 dpi for A4).
SHARPEN_SIGMA, SHARPEN_AMOUNT = 2.0, 2.0
SMOOTH_GRAY = 1.2
SMOOTH_LINEART = 1.0
BILEVEL_SHARE = 0.99
# Lineart under 200 dpi (read doubled): scanner blur before the threshold has widened the dark
# modules and closed narrow spaces. Smoothed, then thresholded well below the middle, the
# modules get their width back; thinner still where the scan was blurred most.
THIN_LEVELS = (48, 32)
# A linear code there is read once more from its profile across the bars, averaged over their
# whole length (station.codes.bar_widths). The bars' angle found by find_bar_regions (at about
# 100 dpi) can be 2.5 degrees off, where a 12 mm bar drifts a module; the angle whose profile
# is the sharpest is taken instead, coarse then fine steps (degrees).
TURN_SEARCH = ((3.0, 0.5), (0.4, 0.1))
BAR_ROWS = 0.5  # rows crossing at least this share of the most edges cross the bars
# (reach, contrast) in working pixels and levels of the profile's light runs: reach about two
# modules of a 0.33 mm code; the first two looks are redrawn in whole modules, the last is read
# as it is.
BAR_LOOKS = ((9, 3.0), (11, 12.0))
PEAK_LOOK = (9, 3.0)
STRIP_ROWS = 16  # rows of the image a profile is decoded from

Corners = tuple[Point, Point, Point, Point]


@dataclass(frozen=True)
class ReadingCopy:
    """What the reader needs of a page, made at once so that the page itself can be let go
    before the codes are read: the working gray, its scale from the page, and whether the page
    is lineart."""

    gray: np.ndarray
    scale: float
    bilevel: bool

    @property
    def coarse_lineart(self) -> bool:
        """Lineart under about 200 dpi, read doubled."""
        return self.bilevel and self.scale > 1


def read_codes(
    image: np.ndarray, formats: tuple[str, ...] = DEFAULT_FORMATS, dpi: float | None = None
) -> list[FoundCode]:
    """Every code found on the page (RGB, gray or lineart; any rotation), each once; given the
    page's dpi, a transfer patch too (its text is empty).

    The page is read as it is; when nothing is found, once more per variant that undoes what
    scanning does to small codes (see `variants`). Top-level with picklable arguments, so it can
    be handed to a process pool as it is."""
    return read_copy(reading_copy(image), formats, dpi)


def reading_copy(image: np.ndarray) -> ReadingCopy:
    """The page in working gray: a large page is averaged down before its colour is dropped, so
    no full-size gray copy is ever made (an A0 at 600 dpi is 560 MB of gray)."""
    pixels = np.asarray(image)
    bilevel = _bilevel(to_gray(_sample(pixels)))
    long_side = max(pixels.shape[:2])
    if long_side > WORK_LONG_SIDE:
        factor = math.ceil(long_side / WORK_LONG_SIDE)
        wide = pixels if pixels.dtype == np.uint8 else to_gray(pixels)
        small = to_gray(shrink(wide, factor))
        return ReadingCopy(small, small.shape[1] / pixels.shape[1], bilevel)
    gray, scale = _enlarged(to_gray(pixels), bilevel)
    return ReadingCopy(gray, scale, bilevel)


def read_copy(
    copy: ReadingCopy,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    dpi: float | None = None,
    thorough: bool = True,
) -> list[FoundCode]:
    """read_codes on a copy made by `reading_copy`. Not `thorough`: the page as it is, only
    (no second looks): a page without codes, the most common, costs a quarter as much."""
    gray = copy.gray
    to_page = np.diag([1 / copy.scale, 1 / copy.scale, 1.0])
    bar_formats = tuple(f for f in formats if f in BAR_FORMATS)
    regions = find_bar_regions(gray) if bar_formats else []
    windows = bar_windows(regions, gray.shape)
    found: list[FoundCode] = []
    looks = variants(gray, copy.bilevel, copy.coarse_lineart)
    for variant in looks if thorough else islice(looks, 1):
        found = _decode(variant, _formats(formats), to_page)
        for (top, left, bottom, right), angle in windows:
            turned, back = _turned(variant[top:bottom, left:right], angle)
            found += _decode(turned, _formats(bar_formats), to_page @ _shift(left, top) @ back)
        if found:
            break
    if not found and bar_formats and copy.coarse_lineart and thorough:
        found = _along_bars(gray, regions, _formats(bar_formats), to_page)
    codes = [_with_meaning(code) for code in _unique(found)]
    if dpi is not None and PATCH_T in formats:
        codes += _patch_t(copy, dpi)
    return codes


def _patch_t(copy: ReadingCopy, dpi: float) -> list[FoundCode]:
    """The transfer patch on the page, looked for at about PATCH_DPI."""
    working_dpi = dpi * copy.scale
    factor = max(1, round(working_dpi / PATCH_DPI))
    small = shrink(copy.gray, factor) if factor > 1 else copy.gray
    corners = find_patch_t(small, working_dpi / factor)
    if corners is None:
        return []
    to_page = factor / copy.scale
    a, b, c, d = (Point(round(x * to_page, 1), round(y * to_page, 1)) for x, y in corners)
    return [FoundCode(PATCH_T, "", (a, b, c, d), CodeKind.SEPARATOR, PatchCode())]


def variants(gray: np.ndarray, bilevel: bool, coarse: bool = False) -> Iterator[np.ndarray]:
    """The working page, then: for gray and colour scans, sharpened (blur closes the narrow
    spaces of a code printed at 150 dpi) and smoothed (noise breaks small matrix modules); for
    lineart, smoothed and thresholded again (ragged module edges), and when `coarse` (lineart
    under 200 dpi, doubled) thinned, as is and smoothed."""
    yield gray
    if bilevel:
        smooth = cv2.GaussianBlur(gray, (0, 0), SMOOTH_LINEART)
        yield cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
        if coarse:
            for level in THIN_LEVELS:
                yield cv2.threshold(smooth, level, 255, cv2.THRESH_BINARY)[1]
        return
    blurred = cv2.GaussianBlur(gray, (0, 0), SHARPEN_SIGMA)
    yield cv2.addWeighted(gray, 1 + SHARPEN_AMOUNT, blurred, -SHARPEN_AMOUNT, 0)
    yield cv2.GaussianBlur(gray, (0, 0), SMOOTH_GRAY)


def _along_bars(
    gray: np.ndarray,
    regions: list[BarRegion],
    formats: zxingcpp.BarcodeFormats,
    to_page: np.ndarray,
) -> list[FoundCode]:
    """Each bar-like region (level ones too) turned to its sharpest angle and read from its
    profile across the bars: the narrow spaces coarse lineart closed open again."""
    found: list[FoundCode] = []
    for (top, left, bottom, right), angle in bar_windows(regions, gray.shape, 0.0):
        window = gray[top:bottom, left:right]
        turned, back = _turned(window, _sharpest_turn(window, angle))
        found += _profile_codes(turned, formats, to_page @ _shift(left, top) @ back)
    return found


def _sharpest_turn(window: np.ndarray, angle: float) -> float:
    """The turn near `angle` after which the bars' profile has the steepest edges."""
    for reach, step in TURN_SEARCH:
        turns = angle + np.arange(-reach, reach + step / 2, step)
        sharpness = [_sharpness(_turned(window, float(turn))[0]) for turn in turns]
        angle = float(turns[int(np.argmax(sharpness))])
    return angle


def _sharpness(turned: np.ndarray) -> float:
    bars = _bar_profile(turned)
    return 0.0 if bars is None else float(np.square(np.diff(bars[0])).sum())


def _bar_profile(turned: np.ndarray) -> tuple[np.ndarray, bool, int, int] | None:
    """The mean across the rows that cross the bars (columns, when the bars lie along the
    rows): (profile, transposed, first and last such row)."""
    dark = turned < 128
    along_rows = np.count_nonzero(dark[:, 1:] != dark[:, :-1], axis=1)
    along_columns = np.count_nonzero(dark[1:, :] != dark[:-1, :], axis=0)
    transposed = bool(along_columns.max(initial=0) > along_rows.max(initial=0))
    image, crossings = (turned.T, along_columns) if transposed else (turned, along_rows)
    if crossings.max(initial=0) == 0:
        return None
    rows = np.flatnonzero(crossings >= BAR_ROWS * crossings.max())
    first, last = int(rows[0]), int(rows[-1])
    profile = image[first : last + 1].mean(axis=0, dtype=np.float64)
    return profile, transposed, first, last


def _profile_codes(
    turned: np.ndarray, formats: zxingcpp.BarcodeFormats, back: np.ndarray
) -> list[FoundCode]:
    """The codes of one turned window read from its bar profile: redrawn in whole modules,
    else light wherever the profile peaks; the first look that reads any."""
    bars = _bar_profile(turned)
    if bars is None:
        return []
    profile, transposed, first, last = bars
    rows = (last - first) / (STRIP_ROWS - 1)
    # strip rows to the turned window's rows that cross the bars
    across = np.array([[1.0, 0.0, 0.0], [0.0, rows, first], [0.0, 0.0, 1.0]])
    to_turned = across[[1, 0, 2]] if transposed else across
    for reach, contrast in BAR_LOOKS:
        spaces = bar_widths.spaces(profile, bar_widths.light_runs(profile, reach, contrast))
        widths = None if spaces is None else bar_widths.modules(spaces)
        if spaces is None or widths is None:
            continue
        strip = bar_widths.drawing(widths, STRIP_ROWS)
        quiet = bar_widths.QUIET_MODULES * bar_widths.MODULE_PX
        step = (spaces.last - spaces.first) / (sum(widths) * bar_widths.MODULE_PX)
        to_profile = np.array([[step, 0.0, spaces.first - quiet * step], [0, 1, 0], [0, 0, 1]])
        found = _decode(strip, formats, back @ to_turned @ to_profile)
        if found:
            return found
    light = bar_widths.light_runs(np.round(profile), *PEAK_LOOK)
    strip = np.repeat(light[None, :].astype(np.uint8) * np.uint8(255), STRIP_ROWS, axis=0)
    pad = STRIP_ROWS
    padded = np.pad(strip, pad, constant_values=255)
    return _decode(padded, formats, back @ to_turned @ _shift(-pad, -pad))


def _bilevel(gray: np.ndarray) -> bool:
    """Black and white only: a lineart scan (judged on a sample of its pixels)."""
    return bool(np.isin(gray, (0, 255)).mean() > BILEVEL_SHARE)


def _sample(pixels: np.ndarray) -> np.ndarray:
    return pixels[:: max(1, pixels.shape[0] // 200), :: max(1, pixels.shape[1] // 200)]


def bar_windows(
    regions: list[BarRegion], shape: tuple[int, ...], tolerance: float = STRAIGHT_TOLERANCE
) -> list[tuple[tuple[int, int, int, int], float]]:
    """(top, left, bottom, right) boxes to turn upright and the turn, one per cluster of nearby
    regions: a PDF417 or a blurred code is often found in pieces, and together they span the
    symbol. A cluster the plain pass reads (within `tolerance` degrees of a quarter turn) is
    skipped."""
    windows = []
    for members in _clusters(regions):
        angle = _mean_turn(members)
        if abs(angle) >= tolerance:
            windows.append((_window(members, shape), angle))
    return windows[:MAX_TURNS]


def _clusters(regions: list[BarRegion]) -> list[list[BarRegion]]:
    clusters: list[list[BarRegion]] = []
    for region in regions:  # largest first
        near = [c for c in clusters if any(_near(region, other) for other in c)]
        merged = [region] + [r for c in near for r in c]
        clusters = [c for c in clusters if c not in near] + [merged]
    return clusters


def _near(a: BarRegion, b: BarRegion) -> bool:
    reach = (math.hypot(*a.size) + math.hypot(*b.size)) / 2
    close = math.dist(a.center, b.center) < NEAR * reach
    return close and _turn_apart(a.angle, b.angle) <= SAME_TURN


def _mean_turn(regions: list[BarRegion]) -> float:
    """Area-weighted mean angle, quarter turns folded together, in [-45, 45)."""
    total = sum(
        r.size[0]
        * r.size[1]
        * complex(math.cos(math.radians(4 * r.angle)), math.sin(math.radians(4 * r.angle)))
        for r in regions
    )
    return (math.degrees(math.atan2(total.imag, total.real)) / 4 + 45) % 90 - 45


def _turn_apart(a: float, b: float) -> float:
    """Degrees between two turns, counting quarter turns as the same (-44.9 is 45.1)."""
    return abs((a - b + 45) % 90 - 45)


def _window(regions: list[BarRegion], shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    reach = [math.hypot(*r.size) / 2 for r in regions]
    pad = QUIET_MARGIN * max(reach) + 20
    top = min(r.center[1] - d for r, d in zip(regions, reach, strict=True)) - pad
    left = min(r.center[0] - d for r, d in zip(regions, reach, strict=True)) - pad
    bottom = max(r.center[1] + d for r, d in zip(regions, reach, strict=True)) + pad
    right = max(r.center[0] + d for r, d in zip(regions, reach, strict=True)) + pad
    height, width = shape[:2]
    return (
        max(0, int(top)),
        max(0, int(left)),
        min(height, math.ceil(bottom)),
        min(width, math.ceil(right)),
    )


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


def _enlarged(gray: np.ndarray, bilevel: bool) -> tuple[np.ndarray, float]:
    """The page at about 300 dpi for A4, and the scale from the page to it. Below 200 dpi a
    module of 0.33 mm is under 2.6 px, and zxing-cpp misses turned ones; doubling helps."""
    if max(gray.shape) < MIN_LONG_SIDE:
        return cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2.0
    return gray, 1.0


def _formats(names: tuple[str, ...]) -> zxingcpp.BarcodeFormats:
    return zxingcpp.barcode_formats_from_str("|".join(n for n in names if n != PATCH_T))


def _shift(x: float, y: float) -> np.ndarray:
    return np.array([[1.0, 0.0, x], [0.0, 1.0, y], [0.0, 0.0, 1.0]])


def _decode(
    gray: np.ndarray, formats: zxingcpp.BarcodeFormats, back: np.ndarray
) -> list[FoundCode]:
    """Decode, then carry each symbol's corners to page pixels through `back` (3 x 3)."""
    found = []
    for barcode in zxingcpp.read_barcodes(gray, formats=formats):
        if not barcode.valid or not barcode.text:
            continue
        p = barcode.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        points = np.array([[c.x, c.y, 1.0] for c in corners]) @ back.T
        position = tuple(Point(round(float(x), 1), round(float(y), 1)) for x, y, _ in points)
        found.append(FoundCode(barcode.format.name, barcode.text, position))  # type: ignore[arg-type]
    return found


def _turned(gray: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The image turned by `angle` on a canvas that holds all of it, and the affine (3 x 3)
    from the turned image back to the original."""
    h, w = gray.shape
    forward = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(forward[0, 0]), abs(forward[0, 1])
    out_w, out_h = int(h * sin + w * cos) + 1, int(h * cos + w * sin) + 1
    forward[0, 2] += out_w / 2 - w / 2
    forward[1, 2] += out_h / 2 - h / 2
    turned = cv2.warpAffine(gray, forward, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=255)
    return turned, np.vstack([cv2.invertAffineTransform(forward), [0.0, 0.0, 1.0]])


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
