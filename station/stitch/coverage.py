"""Coverage: how much of the sheet the placed parts cover, which cell of the part grid each part
lies on, and which cells still show bare paper, so an incomplete sheet is never taken for a
whole one.

Parts only say where they lie relative to each other. Where they span less than the sheet, the
sheet could lie anywhere around them; they are taken to start at its top-left corner, where the
grid's numbering (and a clerk following it) starts."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from station.stitch.errors import StitchCode, StitchError
from station.stitch.plan import PartCell, PartPlan

RASTER_MM = 2.0  # the coverage is measured on a grid this coarse: an A0 is 420 x 595 cells
EDGE_MM = 10.0  # a part laid a few mm in or 3 degrees askew leaves a sliver here: not counted
MIN_COVERAGE = 0.98  # of the sheet inside the edge band
HOLE_MM = 10.0  # bare paper this wide both ways is a hole where a part is missing
MISSING_SHARE = 0.02  # a cell with more of itself in holes than this still needs its part


@dataclass(frozen=True)
class Coverage:
    fraction: float  # of the sheet (inside the edge band) under at least one part
    cells: tuple[int, ...]  # per part: the grid cell (1-based) it lies on most
    missing: tuple[int, ...]  # grid cells with holes of bare paper, in the grid's order
    extent_mm: tuple[float, float]  # the parts' span across and down the sheet

    @property
    def complete(self) -> bool:
        return self.enough(MIN_COVERAGE)

    def enough(self, min_fraction: float) -> bool:
        """A hole the size of a few words is missing paper even where the share is high (an
        A2 sheet less one part of eight can be 98% covered); 0 takes anything."""
        return min_fraction <= 0 or (self.fraction >= min_fraction and not self.missing)

    @property
    def percent(self) -> int:
        """Rounded down, so an incomplete sheet never reads 100%."""
        return int(self.fraction * 100)


def sheet_coverage(outlines_mm: list[np.ndarray], plan: PartPlan) -> Coverage:
    """`outlines_mm`: each part's four corners (4 x 2, mm) in any frame whose axes are the
    sheet's (x across, y down); only their positions relative to each other count."""
    outlines = _on_sheet(outlines_mm, plan.sheet_mm)
    covered = _raster(outlines, plan.sheet_mm)
    inner = _inner(plan.sheet_mm)
    fraction = float(covered[inner].mean()) if inner.any() else 1.0
    cells = tuple(_cell_of(outline, plan) for outline in outlines)
    holes = _holes(inner & ~covered)
    in_holes = [(_share(holes, cell), cell.number) for cell in plan.cells]
    missing = [number for share, number in in_holes if share > MISSING_SHARE]
    if not missing and (holes.any() or fraction < MIN_COVERAGE):  # name the worst cell
        missing = [max(in_holes, key=lambda found: found[0])[1]]
    corners = np.vstack(outlines)
    across, down = (float(v) for v in corners.max(axis=0) - corners.min(axis=0))
    return Coverage(fraction, cells, tuple(missing), (across, down))


def incomplete(coverage: Coverage, paper: str) -> StitchError:
    """The refusal of a sheet with parts missing; its span also tells a paper chosen too large."""
    return StitchError(
        StitchCode.SHEET_INCOMPLETE,
        covered=coverage.percent,
        missing=", ".join(str(number) for number in coverage.missing),
        paper=paper,
        extent=f"{coverage.extent_mm[0]:.0f}×{coverage.extent_mm[1]:.0f} mm",
    )


def _on_sheet(outlines: list[np.ndarray], sheet_mm: tuple[float, float]) -> list[np.ndarray]:
    """The outlines moved onto the sheet: along each side, parts shorter than the sheet start at
    its top-left edge; parts longer than it (bed beyond the sheet's edge) are centred on it."""
    corners = np.vstack(outlines)
    low, high = corners.min(axis=0), corners.max(axis=0)
    extent = high - low
    sheet = np.array(sheet_mm)
    start = np.where(extent <= sheet, 0.0, (sheet - extent) / 2)
    return [outline - low + start for outline in outlines]


def _raster(outlines: list[np.ndarray], sheet_mm: tuple[float, float]) -> np.ndarray:
    width, height = (max(1, round(side / RASTER_MM)) for side in sheet_mm)
    mask = np.zeros((height, width), np.uint8)
    for outline in outlines:
        cv2.fillConvexPoly(mask, np.round(outline / RASTER_MM - 0.5).astype(np.int32), 1)
    covered: np.ndarray = mask > 0
    return covered


def _inner(sheet_mm: tuple[float, float]) -> np.ndarray:
    width, height = (max(1, round(side / RASTER_MM)) for side in sheet_mm)
    edge = round(EDGE_MM / RASTER_MM)
    inner = np.zeros((height, width), bool)
    inner[edge : height - edge, edge : width - edge] = True
    return inner


def _holes(bare: np.ndarray) -> np.ndarray:
    """Bare paper at least HOLE_MM wide both ways (an opening drops thinner slivers)."""
    size = max(1, round(HOLE_MM / RASTER_MM))
    kernel = np.ones((size, size), np.uint8)
    opened = cv2.morphologyEx(bare.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    holes: np.ndarray = opened > 0
    return holes


def _share(holes: np.ndarray, cell: PartCell) -> float:
    """The share of the cell's paper in holes."""
    x, y = cell.x_mm / RASTER_MM, cell.y_mm / RASTER_MM
    rows = slice(round(y), round(y + cell.height_mm / RASTER_MM))
    cols = slice(round(x), round(x + cell.width_mm / RASTER_MM))
    window = holes[rows, cols]
    return float(window.mean()) if window.size else 0.0


def _cell_of(outline: np.ndarray, plan: PartPlan) -> int:
    """The cell the part shares most paper with."""
    part = outline.astype(np.float32)
    best, best_area = plan.cells[0].number, -1.0
    for cell in plan.cells:
        x0, y0 = cell.x_mm, cell.y_mm
        x1, y1 = x0 + cell.width_mm, y0 + cell.height_mm
        box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
        area, _ = cv2.intersectConvexConvex(part, box)
        if area > best_area:
            best, best_area = cell.number, float(area)
    return best


def laid_turn_deg(first_size_mm: tuple[float, float], plan: PartPlan) -> float:
    """How the sheet lies relative to the first part, when nothing on the paper says which way
    is up: the way the plan lays the bed, as the drawing stands or, when the plan lays the bed
    across the glass's length, a quarter turn clockwise."""
    across = (first_size_mm[0] > first_size_mm[1]) != (plan.bed_mm[0] > plan.bed_mm[1])
    return 90.0 if across else 0.0


def coverage_as_laid(
    outlines_mm: list[np.ndarray], first_turn_deg: float, first_size_mm: tuple[float, float],
    plan: PartPlan,
) -> Coverage:  # fmt: skip
    """The coverage of parts scanned by the plan, with `outlines_mm` in any frame where the
    first part lies turned by `first_turn_deg` (plus a tilt), the sheet taken as it was laid."""
    quarter = 90.0 * round(first_turn_deg / 90.0)
    turn = math.radians(laid_turn_deg(first_size_mm, plan) - quarter)
    c, s = math.cos(turn), math.sin(turn)
    rotation = np.array([[c, -s], [s, c]])
    return sheet_coverage([outline @ rotation.T for outline in outlines_mm], plan)
