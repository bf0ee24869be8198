"""The stitched page against its source: a real corpus page scaled up to an A3 and an A2 sheet
and a drawn map, each marked with 20 points, cut into bed-sized parts the way a clerk scans
them (any order, up to 3 degrees askew, one part turned round, shifted, exposure within 8%,
scanner noise). After aligning the page on the source by those points: every point within
1 mm, normalised cross-correlation at least 0.97, and the page the paper's size within 1%."""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pytest

from station.paper import parse_paper
from station.stitch import Part, StitchCode, StitchError, StitchResult, stitch_parts
from station.stitch.rigid import Rigid, fit_rigid
from tests.station.stitch.sheet import Scanned, Sheet, cut_parts, draw_map

DPI = 150
MM = 25.4 / DPI
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
MARKS = 20
MARK_RADIUS_MM = 1.5
CLEAR_MM = 4.0  # paper cleared around each mark, so no print falls inside its search window


def corpus_sheet(name: str, paper_mm: tuple[float, float]) -> Sheet:
    page = cv2.imread(str(CORPUS / name), cv2.IMREAD_COLOR)
    assert page is not None, name
    size = (round(paper_mm[0] / MM), round(paper_mm[1] / MM))
    assert size[0] > page.shape[1]  # scaled up, as a large sheet scanned at the counter is
    image = cv2.resize(page, size, interpolation=cv2.INTER_CUBIC)
    return Sheet(image, DPI, ((0.0, 0.0), (0.0, 0.0)))


def with_marks(sheet: Sheet, seed: int) -> tuple[Sheet, np.ndarray]:
    """MARKS black discs on cleared squares, spread over the sheet away from its edges."""
    rng = np.random.default_rng(seed)
    image = sheet.image.copy()
    height, width = image.shape[:2]
    margin = 25 / MM
    centres = np.empty((0, 2))
    while len(centres) < MARKS:  # far enough apart that no two share a search window
        point = rng.uniform((margin, margin), (width - margin, height - margin))
        if not len(centres) or np.linalg.norm(centres - point, axis=1).min() > 15 / MM:
            centres = np.vstack([centres, point])
    clear = CLEAR_MM / MM
    paper = tuple(int(v) for v in np.median(image.reshape(-1, 3), axis=0))
    shift = 4
    for x, y in centres:
        cv2.rectangle(image, (round(x - clear), round(y - clear)),
                      (round(x + clear), round(y + clear)), paper, -1)  # fmt: skip
        centre = (round(x * 2**shift), round(y * 2**shift))
        radius = round(MARK_RADIUS_MM / MM * 2**shift)
        cv2.circle(image, centre, radius, (0, 0, 0), -1, cv2.LINE_AA, shift)
    return Sheet(image, sheet.dpi, sheet.ruler_ends_px), centres


def map_sheet(paper_mm: tuple[float, float], seed: int) -> Sheet:
    """The map drawn at twice the scan's resolution, then seen through the scanner's optics:
    each scan pixel the mean of the paper under it, so lines are not finer than a pixel."""
    fine = draw_map(*paper_mm, 2 * DPI, ruler_mm=100, seed=seed)
    height, width = fine.image.shape[:2]
    image = cv2.resize(fine.image, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    return Sheet(image, DPI, ((0.0, 0.0), (0.0, 0.0)))


SOURCES = {
    "corpus_a3_2x2": (lambda: corpus_sheet("ocrmypdf__congress.jpg", (297, 420)), "A3", (2, 2)),
    "corpus_a2_3x3": (lambda: corpus_sheet("lept__zanotti-78.jpg", (420, 594)), "A2", (3, 3)),
    "map_a2_3x3": (lambda: map_sheet((420, 594), seed=4), "A2", (3, 3)),
}


@pytest.fixture(scope="module", params=list(SOURCES))
def case(request) -> tuple[Sheet, np.ndarray, list[Scanned], StitchResult, str]:
    make, paper, grid = SOURCES[request.param]
    sheet, marks = with_marks(make(), seed=len(request.param))
    cells = grid[0] * grid[1]
    scanned = cut_parts(sheet, grid, seed=21 + cells, turned=cells // 2)
    result = stitch_parts([Part(s.pixels, DPI) for s in scanned], parse_paper(paper))
    return sheet, marks, scanned, result, paper


def _predicted(scanned: list[Scanned], result: StitchResult) -> Rigid:
    """Sheet pixel -> page pixel, as the placement of the first part says."""
    placement = result.placements[0]
    pose = Rigid(math.radians(placement.rotation_deg), placement.x_mm / MM - 0.5,
                 placement.y_mm / MM - 0.5)  # fmt: skip
    return scanned[0].truth.inverse().then(pose)


def _mark_on_page(image: np.ndarray, near: np.ndarray) -> np.ndarray:
    x, y = near.round().astype(int)
    reach = round(3 / MM)
    window = image[y - reach : y + reach + 1, x - reach : x + reach + 1]
    gray = cv2.cvtColor(window, cv2.COLOR_BGR2GRAY).astype(float)
    ink = np.clip(np.median(gray) - gray, 0, None) * (gray < 110)
    rows, cols = np.indices(ink.shape)
    assert ink.sum() > 0, near
    return np.array([(cols * ink).sum(), (rows * ink).sum()]) / ink.sum() + [x - reach, y - reach]


def _aligned(case) -> tuple[Rigid, np.ndarray, np.ndarray]:
    sheet, marks, scanned, result, _ = case
    guess = _predicted(scanned, result)
    found = np.array([_mark_on_page(result.image, p) for p in guess.apply(marks)])
    alignment = fit_rigid(marks, found)
    return alignment, found, marks


def test_twenty_marked_points_lie_within_a_millimetre_of_the_source(case) -> None:
    alignment, found, marks = _aligned(case)
    errors_mm = np.linalg.norm(alignment.apply(marks) - found, axis=1) * MM
    assert len(errors_mm) == MARKS
    assert errors_mm.max() <= 1.0, errors_mm.round(2)


def test_the_page_matches_the_source_with_a_correlation_of_at_least_097(case) -> None:
    sheet, _, scanned, result, _ = case
    alignment, _, _ = _aligned(case)
    height, width = result.image.shape[:2]
    source = cv2.cvtColor(sheet.image, cv2.COLOR_BGR2GRAY)
    expected = cv2.warpAffine(source, alignment.matrix(), (width, height), flags=cv2.INTER_LINEAR)
    inside = cv2.warpAffine(np.full_like(source, 255), alignment.matrix(), (width, height))
    covered = np.zeros((height, width), np.uint8)
    for part in scanned:
        to_page = part.truth.then(alignment).matrix()
        covered |= cv2.warpAffine(np.full(part.pixels.shape[:2], 255, np.uint8), to_page,
                                  (width, height))  # fmt: skip
    region = cv2.erode(inside & covered, np.ones((15, 15), np.uint8)) > 0
    page = cv2.cvtColor(result.image, cv2.COLOR_BGR2GRAY).astype(float)[region]
    truth = expected.astype(float)[region]
    page -= page.mean()
    truth -= truth.mean()
    ncc = float((page * truth).sum() / math.sqrt((page**2).sum() * (truth**2).sum()))
    assert ncc >= 0.97, ncc


def test_the_page_is_the_papers_size_within_one_percent(case) -> None:
    _, _, _, result, paper = case
    size = parse_paper(paper)
    assert size.width_mm is not None and size.height_mm is not None
    expected = sorted((size.width_mm, size.height_mm))
    assert np.allclose(sorted(result.page_mm), expected, rtol=0.01)
    pixels = sorted(v * MM for v in result.image.shape[:2])
    assert np.allclose(pixels, expected, rtol=0.01)


def test_a_part_of_another_page_is_refused() -> None:
    sheet = corpus_sheet("ocrmypdf__congress.jpg", (297, 420))
    other = corpus_sheet("ocrmypdf__c02-22.jpg", (297, 420))
    parts = [Part(s.pixels, DPI) for s in cut_parts(sheet, (2, 2), seed=5, turned=None)]
    stranger = cut_parts(other, (2, 2), seed=6, turned=None)[1]
    with pytest.raises(StitchError) as refused:
        stitch_parts([*parts[:3], Part(stranger.pixels, DPI)], parse_paper("A3"))
    assert refused.value.code is StitchCode.PART_ISOLATED
    assert refused.value.part == 3


def test_parts_laid_across_the_glass_come_out_as_the_sheet_stands() -> None:
    """Every part turned a quarter on the glass (an A2 sheet's parts lie across an A4 bed):
    the page still reads upright, as the sheet does."""
    sheet = corpus_sheet("ocrmypdf__congress.jpg", (297, 420))
    scanned = cut_parts(sheet, (2, 2), seed=8, turned=None)
    parts = [Part(np.ascontiguousarray(np.rot90(s.pixels)), DPI) for s in scanned]
    result = stitch_parts(parts, parse_paper("A3"))
    assert result.page_mm == (297.0, 420.0)
    for placed, part in zip(result.placements, scanned, strict=True):
        # np.rot90 turned the part a quarter counter-clockwise; upright, the page undoes it
        expected = math.degrees(part.truth.angle) + 90
        gap = (placed.rotation_deg - expected + 180) % 360 - 180
        assert abs(gap) < 1.0, (placed.rotation_deg, expected)
