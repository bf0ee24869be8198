"""A large-format sheet (a cadastral map, A3 to A0) that does not fit the bed, scanned one part
at a time: the clerk lays part N of the sheet's grid on the glass (`sheet=A2 part=3`), a little
shifted and askew as a person would (up to 5 mm and 3 degrees), or turned (`turn=180`).

The map is drawn in mm from the seed, so every part of one sheet shows the same map; only the
window a part covers is drawn, at the scan's dpi."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from drivers.virtual.options import VirtualOptions
from drivers.virtual.strips import STRIP_ROWS, Grain
from station.errors import ErrorCode, StationError
from station.paper import MM_PER_INCH, PRESETS
from station.stitch.plan import PartPlan, plan_parts

MAX_SHIFT_MM = 5.0
MAX_TILT_DEG = 3.0
LID = (248, 248, 246)  # the scanner's white lid where the sheet ends
PAPER = (238, 234, 224)  # RGB: a map's toned paper, so exposure changes never clip at white
GRID_MM = 50.0
INK = (40, 40, 46)


@dataclass(frozen=True)
class _Line:
    points: tuple[tuple[float, float], ...]  # mm
    colour: tuple[int, int, int]
    width_mm: float
    closed: bool


@dataclass(frozen=True)
class _Text:
    text: str
    at: tuple[float, float]  # mm, baseline start
    height_mm: float
    colour: tuple[int, int, int]


def sheet_size(name: str) -> tuple[float, float]:
    return PRESETS[name]


def part_plan(sheet: str, bed_mm: tuple[float, float]) -> PartPlan:
    return plan_parts(sheet_size(sheet), bed_mm)


def scan_part(
    sheet: str,
    part: int,
    turn: int,
    seed: int,
    bed_mm: tuple[float, float],
    dpi: int,
    noise: float,
) -> np.ndarray:
    """The bed's pixels (RGB, H x W x 3) with part `part` (1-based) of the sheet lying on it."""
    plan = part_plan(sheet, bed_mm)
    cell = plan.cells[part - 1]
    rng = np.random.default_rng([seed, part, turn, 7])
    base = 0 if plan.bed_mm == bed_mm else 90  # the plan turned the bed to fit fewer parts
    angle = math.radians(base + turn + rng.uniform(-MAX_TILT_DEG, MAX_TILT_DEG))
    centre = np.array(cell.centre_mm) + rng.uniform(-MAX_SHIFT_MM, MAX_SHIFT_MM, 2)
    width, height = (round(mm / MM_PER_INCH * dpi) for mm in bed_mm)
    px = dpi / MM_PER_INCH
    # bed pixel -> sheet pixel: turn about the bed's centre, then move it onto the part's centre
    c, s = math.cos(angle), math.sin(angle)
    middle = np.array([(width - 1) / 2, (height - 1) / 2])
    target = centre * px - 0.5
    to_sheet = np.array(
        [
            [c, -s, target[0] - (c * middle[0] - s * middle[1])],
            [s, c, target[1] - (s * middle[0] + c * middle[1])],
        ]
    )
    corners = np.array([[0, 0, 1], [width, 0, 1], [0, height, 1], [width, height, 1]]) @ to_sheet.T
    left, top = np.floor(corners.min(axis=0)).astype(int) - 2
    right, bottom = np.ceil(corners.max(axis=0)).astype(int) + 2
    window = _draw(sheet_size(sheet), seed, dpi, (left, top, right - left, bottom - top))
    to_window = to_sheet - np.array([[0, 0, left], [0, 0, top]])
    pixels = cv2.warpAffine(
        window,
        to_window,
        (width, height),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=LID,
    )
    exposure = rng.uniform(0.95, 1.05)
    pixels = cv2.convertScaleAbs(pixels, alpha=exposure)
    if noise > 0:
        Grain(noise, int(rng.integers(2**31))).apply(pixels)
    return pixels


def _draw(
    sheet_mm: tuple[float, float], seed: int, dpi: int, window: tuple[int, int, int, int]
) -> np.ndarray:
    """The sheet's pixels in `window` (left, top, width, height in sheet pixels); lid beyond."""
    left, top, width, height = window
    px = dpi / MM_PER_INCH
    image = np.empty((height, width, 3), np.uint8)
    image[:] = LID
    sheet_w, sheet_h = round(sheet_mm[0] * px), round(sheet_mm[1] * px)
    x0, y0 = max(0, -left), max(0, -top)
    x1, y1 = min(width, sheet_w - left), min(height, sheet_h - top)
    if x0 < x1 and y0 < y1:
        image[y0:y1, x0:x1] = PAPER
    lines, texts = _map(sheet_mm, seed)
    shift = 4
    scale = px * 2**shift
    offset = np.array([left, top]) * 2**shift
    for line in lines:
        points = (np.array(line.points) * scale - offset + (2**shift) / 2).round().astype(np.int32)
        if _outside(points >> shift, width, height):
            continue
        thickness = max(1, round(line.width_mm * px))
        cv2.polylines(image, [points], line.closed, line.colour, thickness, cv2.LINE_AA, shift)
    for text in texts:
        x, y = text.at[0] * px - left, text.at[1] * px - top
        if not (-400 < x < width + 50 and -50 < y < height + 50):
            continue
        font_scale = text.height_mm * px / 22.0
        weight = max(1, round(text.height_mm * px / 14))
        cv2.putText(image, text.text, (round(x), round(y)), cv2.FONT_HERSHEY_SIMPLEX,
                    font_scale, text.colour, weight, cv2.LINE_AA)  # fmt: skip
    return image


def _outside(points: np.ndarray, width: int, height: int) -> bool:
    low, high = points.min(axis=0), points.max(axis=0)
    return bool(high[0] < -4 or high[1] < -4 or low[0] > width + 4 or low[1] > height + 4)


@lru_cache(maxsize=4)
def _map(sheet_mm: tuple[float, float], seed: int) -> tuple[tuple[_Line, ...], tuple[_Text, ...]]:
    """A cadastral map: frame, coordinate grid, numbered parcels, roads, a title and a scale."""
    rng = np.random.default_rng([seed, 1501])
    width, height = sheet_mm
    lines: list[_Line] = []
    texts: list[_Text] = []
    margin = 12.0
    east, north = (int(v) for v in rng.integers(1000, 9000, 2))  # the sheet's own coordinates
    frame = ((margin, margin), (width - margin, margin), (width - margin, height - margin),
             (margin, height - margin))  # fmt: skip
    lines.append(_Line(frame, INK, 0.8, True))
    inner = tuple((x + (3 if x < width / 2 else -3), y + (3 if y < height / 2 else -3))
                  for x, y in frame)  # fmt: skip
    lines.append(_Line(inner, INK, 0.25, True))
    for x in np.arange(margin + GRID_MM, width - margin, GRID_MM):
        lines.append(_Line(((x, margin), (x, height - margin)), (150, 170, 190), 0.15, False))
        texts.append(_Text(f"{east + int(x):05d}", (x + 1, margin + 6), 2.2, (90, 90, 120)))
    for y in np.arange(margin + GRID_MM, height - margin, GRID_MM):
        lines.append(_Line(((margin, y), (width - margin, y)), (150, 170, 190), 0.15, False))
        texts.append(_Text(f"{north + int(y):05d}", (margin + 5, y - 1), 2.2, (90, 90, 120)))
    for _ in range(max(2, round(width * height / 60000))):
        start = rng.uniform((margin, margin), (width - margin, height - margin))
        end = rng.uniform((margin, margin), (width - margin, height - margin))
        lines.append(_Line((tuple(start), tuple(end)), (170, 120, 60), 1.2, False))
    for number in range(round(width * height / 900)):
        centre = rng.uniform(
            (margin + 15, margin + 15), (width - margin - 15, height - margin - 15)
        )
        sides = int(rng.integers(4, 8))
        angles = np.sort(rng.uniform(0, 2 * math.pi, sides))
        radii = rng.uniform(7, 20, sides)
        points = centre + np.column_stack((np.cos(angles), np.sin(angles))) * radii[:, None]
        colour = tuple(int(v) for v in rng.integers(20, 150, 3))
        lines.append(_Line(tuple(map(tuple, points)), colour, 0.3, True))  # type: ignore[arg-type]
        label = f"{number + 1}/{int(rng.integers(40, 990))}.{int(rng.integers(0, 9))}"
        texts.append(_Text(label, (centre[0] - 6, centre[1] + 1), 2.4, INK))
    title_at = (width - margin - 140, height - margin - 20)
    texts.append(_Text("BAN DO DIA CHINH - TO SO 12", title_at, 6.0, INK))
    texts.append(_Text(f"Ty le 1:500  seed {seed}", (title_at[0], title_at[1] + 9), 4.0, INK))
    bar_y = height - margin - 8
    lines.append(_Line(((margin + 10, bar_y), (margin + 110, bar_y)), INK, 0.5, False))
    for tick in range(11):
        x = margin + 10 + tick * 10
        lines.append(_Line(((x, bar_y), (x, bar_y - (4 if tick % 5 == 0 else 2))), INK, 0.3,
                           False))  # fmt: skip
    return tuple(lines), tuple(texts)


def part_strips(
    options: VirtualOptions, bed_mm: tuple[float, float], dpi: int
) -> Iterator[np.ndarray]:
    """The part the options name, in strips as the sensor sweeps (the part is drawn whole: a
    bed's worth of pixels, never the sheet's)."""
    assert options.sheet is not None
    plan = part_plan(options.sheet, bed_mm)
    if options.part > len(plan.cells):
        raise StationError(ErrorCode.INVALID_OPTION, option="part", value=str(options.part))
    pixels = scan_part(options.sheet, options.part, options.turn, options.seed, bed_mm, dpi,
                       options.noise)  # fmt: skip
    for top in range(0, pixels.shape[0], STRIP_ROWS):
        yield pixels[top : top + STRIP_ROWS]
