"""Test data made on the spot: a land map with a grid, parcels, text and a mm ruler, cut into
overlapping flatbed parts the way a clerk scans it (any order, askew, one part turned round,
uneven exposure, scanner noise)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from station.stitch.rigid import Rigid

PAPER = (232, 236, 238)  # map paper, a little toned, so exposure changes do not clip at white
LID = 255
BED_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Sheet:
    image: np.ndarray  # BGR
    dpi: int
    ruler_ends_px: tuple[tuple[float, float], tuple[float, float]]  # centres of the end discs

    def px(self, mm: float) -> float:
        return mm * self.dpi / 25.4


@dataclass(frozen=True)
class Scanned:
    pixels: np.ndarray
    truth: Rigid  # part pixel -> sheet pixel


def draw_map(width_mm: float, height_mm: float, dpi: int, ruler_mm: float, seed: int) -> Sheet:
    rng = np.random.default_rng(seed)
    px = dpi / 25.4
    width, height = round(width_mm * px), round(height_mm * px)
    image = np.empty((height, width, 3), np.uint8)
    image[:] = PAPER
    for x in np.arange(0, width, 20 * px):
        cv2.line(image, (round(x), 0), (round(x), height), (190, 200, 200), 1)
    for y in np.arange(0, height, 20 * px):
        cv2.line(image, (0, round(y)), (width, round(y)), (190, 200, 200), 1)
    for number in range(int(width_mm * height_mm / 900)):
        _parcel(image, rng, px, number)
    if height > width:  # the ruler runs along the long side: draw it across, then turn it
        across = np.ascontiguousarray(image.transpose(1, 0, 2))
        ends = tuple((y, x) for x, y in _ruler(across, px, ruler_mm))
        image = np.ascontiguousarray(across.transpose(1, 0, 2))
    else:
        ends = _ruler(image, px, ruler_mm)
    return Sheet(image, dpi, ends)


def _parcel(image: np.ndarray, rng: np.random.Generator, px: float, number: int) -> None:
    height, width = image.shape[:2]
    centre = rng.uniform((0, 0), (width, height))
    sides = rng.integers(4, 7)
    angles = np.sort(rng.uniform(0, 2 * math.pi, sides))
    radii = rng.uniform(8 * px, 22 * px, sides)
    points = centre + np.column_stack((np.cos(angles), np.sin(angles))) * radii[:, None]
    colour = tuple(int(c) for c in rng.integers(20, 140, 3))
    cv2.polylines(image, [points.round().astype(np.int32)], True, colour, max(1, round(px / 4)))
    label = f"{number}/{rng.integers(10, 999)}"
    scale = px * 0.12
    org = (round(centre[0] - 6 * px), round(centre[1]))
    cv2.putText(image, label, org, cv2.FONT_HERSHEY_SIMPLEX, scale, (30, 30, 30), 1, cv2.LINE_AA)


def _ruler(image: np.ndarray, px: float, length_mm: float) -> tuple[tuple[float, float], ...]:
    """A ruler along the sheet's long side, a disc under each end to measure between."""
    height, width = image.shape[:2]
    x0, y0 = 20 * px, height - 30 * px
    cv2.rectangle(
        image,
        (round(x0 - 3 * px), round(y0 - 12 * px)),
        (round(x0 + (length_mm + 3) * px), round(y0 + 10 * px)),
        PAPER,
        -1,
    )
    cv2.line(image, (round(x0), round(y0)), (round(x0 + length_mm * px), round(y0)), (0, 0, 0), 1)
    for mm in range(int(length_mm) + 1):
        tick = 6 if mm % 10 == 0 else 4 if mm % 5 == 0 else 2
        x = round(x0 + mm * px)
        cv2.line(image, (x, round(y0)), (x, round(y0 - tick * px)), (0, 0, 0), 1)
    ends = ((x0, y0 + 5 * px), (x0 + length_mm * px, y0 + 5 * px))
    shift = 4  # sub-pixel disc centres
    for x, y in ends:
        centre = (round(x * 2**shift), round(y * 2**shift))
        cv2.circle(image, centre, round(1.5 * px * 2**shift), (0, 0, 0), -1, cv2.LINE_AA, shift)
    return ends


def cut_parts(
    sheet: Sheet, grid: tuple[int, int], seed: int, turned: int | None = 0
) -> list[Scanned]:
    """Bed-sized parts on a cols x rows grid, shuffled; part `turned` (before shuffling) lies
    upside down on the glass."""
    rng = np.random.default_rng(seed)
    height, width = sheet.image.shape[:2]
    bed = (round(sheet.px(BED_MM[0])), round(sheet.px(BED_MM[1])))
    cols, rows = grid
    scanned = []
    for number, (cx, cy) in enumerate(
        (cx, cy)
        for cy in np.linspace(bed[1] / 2, height - bed[1] / 2, rows)
        for cx in np.linspace(bed[0] / 2, width - bed[0] / 2, cols)
    ):
        angle = math.radians(rng.uniform(-3, 3)) + (math.pi if number == turned else 0.0)
        centre = np.array([cx, cy]) + rng.uniform(-1, 1, 2) * sheet.px(5)
        truth = _placed(angle, centre, bed)
        pixels = cv2.warpAffine(
            sheet.image,
            truth.matrix(),
            bed,
            flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR,
            borderValue=(LID, LID, LID),
        )
        scanned.append(Scanned(_scanner(pixels, rng), truth))
    order = rng.permutation(len(scanned))
    return [scanned[i] for i in order]


def _placed(angle: float, centre: np.ndarray, bed: tuple[int, int]) -> Rigid:
    c, s = math.cos(angle), math.sin(angle)
    middle = np.array([(bed[0] - 1) / 2, (bed[1] - 1) / 2])
    turned = np.array([c * middle[0] - s * middle[1], s * middle[0] + c * middle[1]])
    tx, ty = centre - turned
    return Rigid(angle, float(tx), float(ty))


def _scanner(pixels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    exposure = rng.uniform(0.92, 1.08)
    noise = rng.normal(0, 3, pixels.shape)
    return np.clip(pixels * exposure + noise, 0, 255).astype(np.uint8)
