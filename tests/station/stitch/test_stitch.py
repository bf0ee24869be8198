from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from station.paper import parse_paper
from station.stitch import Part, StitchCode, StitchError, StitchResult, stitch_parts
from station.stitch.rigid import Rigid
from tests.station.stitch.sheet import Scanned, Sheet, cut_parts, draw_map

DPI = 150
MM = 25.4 / DPI


@pytest.fixture(scope="module")
def a3_sheet() -> Sheet:
    return draw_map(297, 420, DPI, ruler_mm=380, seed=3)


@pytest.fixture(scope="module")
def a2_sheet() -> Sheet:
    return draw_map(420, 594, DPI, ruler_mm=500, seed=1)


@pytest.fixture(scope="module")
def a3_stitched(a3_sheet: Sheet) -> tuple[list[Scanned], StitchResult]:
    scanned = cut_parts(a3_sheet, (2, 2), seed=11, turned=1)
    return scanned, stitch_parts([Part(s.pixels, DPI) for s in scanned], parse_paper("A3"))


@pytest.fixture(scope="module")
def a2_stitched(a2_sheet: Sheet) -> tuple[list[Scanned], StitchResult]:
    scanned = cut_parts(a2_sheet, (3, 3), seed=12, turned=4)
    return scanned, stitch_parts([Part(s.pixels, DPI) for s in scanned], parse_paper("A2"))


def _corners_mm(scanned: Scanned) -> np.ndarray:
    """Where the part's corners lie on the source sheet (mm from its top-left edge)."""
    height, width = scanned.pixels.shape[:2]
    edges = np.array([[-0.5, -0.5], [width - 0.5, -0.5], [width - 0.5, height - 0.5]])
    return (scanned.truth.apply(edges) + 0.5) * MM


def _placed_corners_mm(result: StitchResult, index: int, scanned: Scanned) -> np.ndarray:
    height, width = scanned.pixels.shape[:2]
    placement = result.placements[index]
    angle = math.radians(placement.rotation_deg)
    c, s = math.cos(angle), math.sin(angle)
    local = np.array([[0, 0], [width, 0], [width, height]]) * MM
    turned = local @ np.array([[c, -s], [s, c]]).T
    return turned + [placement.x_mm, placement.y_mm]


def _sheet_to_page_mm(scanned: list[Scanned], result: StitchResult) -> np.ndarray:
    """The page holds the sheet shifted (where the parts' extent was centred), never turned."""
    gaps = [_placed_corners_mm(result, i, s) - _corners_mm(s) for i, s in enumerate(scanned)]
    return np.vstack(gaps).mean(axis=0)


@pytest.mark.parametrize("case", ["a3_stitched", "a2_stitched"])
def test_every_part_lands_within_a_millimetre_of_where_it_was_cut(case, request) -> None:
    scanned, result = request.getfixturevalue(case)
    shift = _sheet_to_page_mm(scanned, result)
    assert np.abs(shift).max() < 10  # the parts' extent is centred on the paper
    for index, part in enumerate(scanned):
        gap = _placed_corners_mm(result, index, part) - (_corners_mm(part) + shift)
        assert np.linalg.norm(gap, axis=1).max() < 1.0, (index, gap)
        assert result.placements[index].residual_mm < 0.3


@pytest.mark.parametrize(
    ("case", "sheet"), [("a3_stitched", "a3_sheet"), ("a2_stitched", "a2_sheet")]
)
def test_a_ruler_on_the_sheet_measures_the_same_on_the_page(case, sheet, request) -> None:
    scanned, result = request.getfixturevalue(case)
    source: Sheet = request.getfixturevalue(sheet)
    shift = _sheet_to_page_mm(scanned, result)
    ends = [
        _disc_centre(result.image, (np.array(end) + 0.5) * MM + shift)
        for end in source.ruler_ends_px
    ]
    drawn_mm = math.dist(*source.ruler_ends_px) * MM
    measured_mm = math.dist(*ends)
    assert abs(measured_mm - drawn_mm) <= drawn_mm / 500


def test_the_page_has_the_papers_size_at_the_scan_dpi(a2_stitched) -> None:
    _, result = a2_stitched
    assert result.page_mm == (420.0, 594.0)
    assert result.image.shape[:2] == (round(594 / MM), round(420 / MM))
    assert result.dpi == DPI


@pytest.mark.parametrize(
    ("case", "sheet"), [("a3_stitched", "a3_sheet"), ("a2_stitched", "a2_sheet")]
)
def test_seams_differ_from_the_sheet_no_more_than_single_scans_do(case, sheet, request) -> None:
    scanned, result = request.getfixturevalue(case)
    source: Sheet = request.getfixturevalue(sheet)
    dx, dy = _sheet_to_page_mm(scanned, result) / MM
    height, width = result.image.shape[:2]
    shifted = np.float64([[1, 0, dx], [0, 1, dy]])
    expected = cv2.warpAffine(source.image, shifted, (width, height), borderValue=(255,) * 3)
    cover = sum(
        cv2.warpAffine(
            np.ones(s.pixels.shape[:2], np.uint8), _moved(s, dx, dy), (width, height)
        ).astype(int)
        for s in scanned
    )
    inside = cv2.warpAffine(np.ones(source.image.shape[:2], np.uint8), shifted, (width, height))
    inside = cv2.erode(inside, np.ones((9, 9), np.uint8)) > 0
    page = cv2.cvtColor(result.image, cv2.COLOR_BGR2GRAY).astype(float)
    truth = cv2.cvtColor(expected, cv2.COLOR_BGR2GRAY).astype(float)
    # The station cannot know the scanner's true exposure, only make the parts agree.
    page *= np.median(truth[inside]) / np.median(page[inside])
    seams = inside & (cover >= 2)
    single = inside & (cover == 1)
    seam_diff = np.abs(page - truth)[seams].mean()
    assert seam_diff < 6
    if single.any():
        assert seam_diff <= np.abs(page - truth)[single].mean() + 1.0


def test_a_part_that_overlaps_no_other_is_refused(a3_sheet) -> None:
    scanned = cut_parts(a3_sheet, (2, 2), seed=11, turned=None)
    stranger = cut_parts(draw_map(210, 297, DPI, ruler_mm=150, seed=99), (1, 1), seed=5)[0]
    parts = [Part(s.pixels, DPI) for s in scanned[:2]] + [Part(stranger.pixels, DPI)]
    parts += [Part(s.pixels, DPI) for s in scanned[2:]]
    with pytest.raises(StitchError) as refused:
        stitch_parts(parts, parse_paper("A3"))
    assert refused.value.code is StitchCode.PART_ISOLATED
    assert refused.value.part == 2


def test_parts_of_different_dpi_are_refused(a3_sheet) -> None:
    scanned = cut_parts(a3_sheet, (2, 2), seed=11)
    parts = [Part(s.pixels, DPI) for s in scanned[:3]] + [Part(scanned[3].pixels, 300)]
    with pytest.raises(StitchError) as refused:
        stitch_parts(parts, parse_paper("A3"))
    assert refused.value.code is StitchCode.DPI_MISMATCH
    assert refused.value.part == 3


def _disc_centre(image: np.ndarray, near_mm: np.ndarray) -> np.ndarray:
    """The centre (mm) of the dark disc within 3 mm of where it should be."""
    x, y = (near_mm / MM).round().astype(int)
    reach = round(3 / MM)
    window = cv2.cvtColor(image[y - reach : y + reach, x - reach : x + reach], cv2.COLOR_BGR2GRAY)
    ink = (255.0 - window) * (window < 128)
    rows, cols = np.indices(ink.shape)
    centre = np.array([(cols * ink).sum(), (rows * ink).sum()]) / ink.sum()
    return (centre + [x - reach, y - reach] + 0.5) * MM


def _moved(scanned: Scanned, dx: float, dy: float) -> np.ndarray:
    truth = scanned.truth
    return Rigid(truth.angle, truth.tx + dx, truth.ty + dy).matrix()
