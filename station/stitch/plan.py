"""The parts a sheet larger than the bed is scanned in: a grid of bed-sized parts, each
overlapping its neighbours by at least a fifth of the bed, with the bed turned whichever way
needs fewer parts."""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_OVERLAP = 0.2  # of the bed's side: enough shared features to register the seam
SLACK_MM = 10.0  # a sheet must be this much narrower than the bed to be placed in one go


@dataclass(frozen=True)
class PartCell:
    number: int  # 1-based, in the order the clerk is asked for them
    column: int
    row: int
    x_mm: float  # the part's top-left corner on the sheet
    y_mm: float
    width_mm: float
    height_mm: float

    @property
    def centre_mm(self) -> tuple[float, float]:
        return self.x_mm + self.width_mm / 2, self.y_mm + self.height_mm / 2


@dataclass(frozen=True)
class PartPlan:
    sheet_mm: tuple[float, float]
    bed_mm: tuple[float, float]  # as the parts lie on the sheet (turned when landscape)
    columns: int
    rows: int
    cells: tuple[PartCell, ...]

    @property
    def overlap(self) -> tuple[float, float]:
        """The smallest overlap between neighbours, as a fraction of the bed's side."""
        return (
            _overlap(self.sheet_mm[0], self.bed_mm[0], self.columns),
            _overlap(self.sheet_mm[1], self.bed_mm[1], self.rows),
        )


def fits_on_bed(sheet_mm: tuple[float, float], bed_mm: tuple[float, float]) -> bool:
    short, long = sorted(sheet_mm)
    bed_short, bed_long = sorted(bed_mm)
    return short <= bed_short + 1.0 and long <= bed_long + 1.0  # scan_area's tolerance


def plan_parts(
    sheet_mm: tuple[float, float], bed_mm: tuple[float, float], overlap: float = MIN_OVERLAP
) -> PartPlan:
    """Cells in rows, left to right, so each new part touches one already scanned."""
    candidates = []
    for bed in (bed_mm, (bed_mm[1], bed_mm[0])):
        columns = _count(sheet_mm[0], bed[0], overlap)
        rows = _count(sheet_mm[1], bed[1], overlap)
        candidates.append((columns * rows, bed != bed_mm, bed, columns, rows))
    _, _, bed, columns, rows = min(candidates)
    cells: list[PartCell] = []
    for row in range(rows):
        for column in range(columns):
            cells.append(
                PartCell(
                    number=len(cells) + 1,
                    column=column,
                    row=row,
                    x_mm=_start(sheet_mm[0], bed[0], columns, column),
                    y_mm=_start(sheet_mm[1], bed[1], rows, row),
                    width_mm=bed[0],
                    height_mm=bed[1],
                )
            )
    return PartPlan(sheet_mm, bed, columns, rows, tuple(cells))


def _count(sheet: float, bed: float, overlap: float) -> int:
    if sheet <= bed - SLACK_MM:
        return 1
    return max(2, 1 + math.ceil((sheet - bed) / (bed * (1 - overlap)) - 1e-9))


def _start(sheet: float, bed: float, count: int, index: int) -> float:
    if count == 1:
        return (sheet - bed) / 2  # a sheet narrower than the bed lies centred on it
    return index * (sheet - bed) / (count - 1)


def _overlap(sheet: float, bed: float, count: int) -> float:
    if count == 1:
        return 1.0
    step = (sheet - bed) / (count - 1)
    return (bed - step) / bed
