"""An incomplete sheet is never assembled as a whole one: parts of the virtual scanner's large
map stitched with some missing are refused, naming the grid parts that would leave bare paper;
every part, in any order, covers the sheet. The grid cell each part lies on comes from where it
was placed, not from the order it came in."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.virtual.large_sheet import scan_part
from station.paper import PRESETS, parse_paper
from station.stitch import Part, StitchCode, StitchError, StitchOptions, stitch_parts
from station.stitch.coverage import MIN_COVERAGE, coverage_as_laid, sheet_coverage
from station.stitch.plan import PartCell, PartPlan, plan_parts

DPI = 100
A4_BED = (215.9, 297.0)


def _part(number: int, turn: int = 0, sheet: str = "A3") -> Part:
    pixels = scan_part(sheet, number, turn, seed=5, bed_mm=A4_BED, dpi=DPI, noise=2.0)
    return Part(cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR), DPI)


@pytest.fixture(scope="module")
def a3_parts() -> dict[int, Part]:
    return {number: _part(number) for number in range(1, 5)}


def test_every_part_in_another_order_covers_the_sheet_and_says_where_each_lies(
    a3_parts,
) -> None:
    order = [3, 1, 4, 2]
    result = stitch_parts([a3_parts[n] for n in order], parse_paper("A3"))
    assert result.coverage.complete and result.coverage.missing == ()
    assert result.coverage.cells == tuple(order)
    assert len(result.outlines_mm) == 4


@pytest.mark.parametrize(
    ("given", "missing"), [((1, 2), "3, 4"), ((2, 1, 3), "4"), ((1, 3), "2, 4")]
)
def test_parts_missing_from_the_sheet_are_refused_and_named(a3_parts, given, missing) -> None:
    with pytest.raises(StitchError) as refused:
        stitch_parts([a3_parts[n] for n in given], parse_paper("A3"))
    assert refused.value.code is StitchCode.SHEET_INCOMPLETE
    assert refused.value.part is None
    assert refused.value.params["missing"] == missing
    covered = refused.value.params["covered"]
    assert isinstance(covered, int) and covered < 98


def test_two_parts_of_four_leave_about_a_quarter_of_the_page_bare(a3_parts) -> None:
    """What the clerk would get if asked to: a page of the paper with bare rows."""
    options = StitchOptions(min_coverage=0)
    result = stitch_parts([a3_parts[1], a3_parts[2]], parse_paper("A3"), options)
    assert result.page_mm == (297.0, 420.0)
    assert 0.6 < result.coverage.fraction < 0.8
    gray = cv2.cvtColor(result.image, cv2.COLOR_BGR2GRAY)
    bare_rows = (gray == 255).all(axis=1).mean()
    assert 0.15 < bare_rows < 0.35, bare_rows


def _rect(x: float, y: float, width: float, height: float) -> np.ndarray:
    return np.array([[x, y], [x + width, y], [x + width, y + height], [x, y + height]])


def _cell_rects(plan: PartPlan, numbers: list[int], shift: tuple[float, float]) -> list[np.ndarray]:
    """Parts exactly on the named cells, in a frame shifted off the sheet's corner."""
    cells = {cell.number: cell for cell in plan.cells}
    return [
        _rect(cells[n].x_mm + shift[0], cells[n].y_mm + shift[1], cells[n].width_mm,
              cells[n].height_mm)
        for n in numbers
    ]  # fmt: skip


def _row_plan(sheet_mm: tuple[float, float], bed_mm: tuple[float, float], count: int) -> PartPlan:
    step = (sheet_mm[0] - bed_mm[0]) / (count - 1)
    cells = tuple(PartCell(n + 1, n, 0, n * step, 0.0, *bed_mm) for n in range(count))
    return PartPlan(sheet_mm, bed_mm, count, 1, cells)


def test_a_part_its_neighbours_already_cover_is_not_missing() -> None:
    """Three A4 parts across an A3 sheet: the middle one is all overlap."""
    plan = _row_plan((420.0, 297.0), (210.0, 297.0), 3)
    coverage = sheet_coverage(_cell_rects(plan, [3, 1], (40.0, -70.0)), plan)
    assert coverage.complete and coverage.missing == ()
    assert coverage.cells == (3, 1)
    assert coverage.fraction == pytest.approx(1.0)


def test_a_hole_where_one_part_of_eight_is_missing_is_named_though_98_percent_is_covered() -> None:
    plan = plan_parts(PRESETS["A2"], A4_BED)
    assert (plan.columns, plan.rows) == (2, 4)
    gap = sheet_coverage(_cell_rects(plan, [1, 2, 3, 4, 5, 7, 8], (0.0, 0.0)), plan)
    assert gap.fraction >= MIN_COVERAGE - 0.01
    assert not gap.complete and gap.missing == (6,)
    assert sheet_coverage(_cell_rects(plan, list(range(1, 9)), (5.0, 5.0)), plan).complete


def test_parts_laid_across_the_glass_are_read_the_way_the_plan_lays_them() -> None:
    """A2 on an A4 bed is scanned with the bed across: the first part's own frame is the
    sheet turned a quarter, and the cells still come out as the drawing numbers them."""
    plan = plan_parts(PRESETS["A2"], A4_BED)
    assert plan.bed_mm[0] > plan.bed_mm[1]  # across
    on_sheet = _cell_rects(plan, [3, 1, 2], (0.0, 0.0))
    # the same outlines seen from the first part's frame: a quarter turn counter-clockwise
    to_part = np.array([[0.0, 1.0], [-1.0, 0.0]])
    seen = [outline @ to_part.T for outline in on_sheet]
    coverage = coverage_as_laid(seen, 0.0, (A4_BED[0], A4_BED[1]), plan)
    assert coverage.cells == (3, 1, 2)
    assert coverage.missing[0] == 4
