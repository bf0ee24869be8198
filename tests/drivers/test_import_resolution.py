"""A page's resolution is never guessed silently: a file without a dpi, or with one that makes the
page larger than A0 or smaller than A8, gets the dpi of the paper it looks like, and says so."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from drivers.importer import import_file
from drivers.importer.paper_size import page_resolution
from tests.station.pipeline.large_sheet import draw_sheet

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MM = 25.4


def _size_mm(pixels: np.ndarray, dpi: int) -> tuple[float, float]:
    height, width = pixels.shape[:2]
    return width / dpi * MM, height / dpi * MM


def test_a_letter_page_at_300_dpi_without_a_dpi_comes_out_letter_sized() -> None:
    [page] = import_file(CORPUS / "lept__rabi.png")  # 2528 x 3300, no resolution in the file
    assert (page.dpi, page.dpi_source, page.file_dpi, page.paper) == (
        300,
        "inferred",
        None,
        "Letter",
    )
    width, height = _size_mm(page.pixels, page.dpi)
    assert width == pytest.approx(215.9, abs=3) and height == pytest.approx(279.4, abs=1)


def test_a_sheet_claiming_72_dpi_gets_a_plausible_size_and_says_so() -> None:
    [page] = import_file(CORPUS / "lept__tickets.tif")  # 4123 x 5556 "at 72 dpi": 57 x 77 in
    assert page.dpi_source == "inferred" and page.file_dpi == 72
    width, height = _size_mm(page.pixels, page.dpi)
    assert min(width, height) >= 52 and max(width, height) <= 1189  # between A8 and A0
    assert max(width, height) < 500  # an office sheet, not a poster


def test_a_plausible_file_dpi_is_kept() -> None:
    [page] = import_file(CORPUS / "lept__feyn.tif")
    assert (page.dpi, page.dpi_source, page.file_dpi) == (300, "file", None)
    [page] = import_file(CORPUS / "lept__binding-example.45.jpg")  # low, but a real page size
    assert (page.dpi, page.dpi_source) == (45, "file")


def test_a_small_cut_out_scanned_at_300_dpi_keeps_its_dpi() -> None:
    [page] = import_file(CORPUS / "deskew__deskew-7.png")  # a receipt stub, 28 x 49 mm
    assert (page.dpi, page.dpi_source) == (300, "file")


@pytest.mark.parametrize(("paper_mm", "dpi"), [((210, 297), 200), ((215.9, 279.4), 300)])
def test_a_blank_page_without_dpi_is_taken_by_its_shape(paper_mm, dpi) -> None:
    width, height = (round(side / MM * dpi) for side in paper_mm)
    found = page_resolution(np.full((height, width), 255, np.uint8), None)
    assert (found.dpi, found.source) == (dpi, "inferred")


def test_a_page_nothing_tells_about_is_assumed_and_says_so() -> None:
    found = page_resolution(np.full((1000, 1500), 255, np.uint8), None)  # no paper is 2:3
    assert found.source == "assumed" and found.dpi == 200


def test_a_png_without_dpi_from_a_scanner_app_is_inferred(tmp_path: Path) -> None:
    a4 = np.full((3508, 2480), 255, np.uint8)
    cv2.putText(a4, "SoHoa 2026", (300, 600), cv2.FONT_HERSHEY_SIMPLEX, 4, 0, 8)
    path = tmp_path / "a4.png"
    Image.fromarray(a4).save(path)
    [page] = import_file(path)
    assert (page.dpi, page.dpi_source, page.paper) == (300, "inferred", "A4")


def test_letter_blobs_measured_band_by_band_are_the_whole_page_s_blobs(monkeypatch) -> None:
    """Bands bound the memory on a large sheet; the blobs found are exactly those of one pass."""
    from drivers.importer import blobs

    monkeypatch.setattr(blobs, "BAND_PIXELS", 300_000)  # a dozen bands on a letter page
    for name in ("lept__rabi.png", "ocrmypdf__congress.jpg", "lept__pageseg2.tif"):
        pixels = cv2.imread(str(CORPUS / name), cv2.IMREAD_UNCHANGED)
        gray = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY)
        level, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
        count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        heights = stats[1:count, cv2.CC_STAT_HEIGHT]
        short = heights <= blobs.MAX_HEIGHT
        widths = stats[1:count, cv2.CC_STAT_WIDTH]
        expected = sorted(zip(heights[short], widths[short], strict=True))
        rgb = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
        found_h, found_w = blobs.blob_sizes(rgb)
        assert blobs.otsu_level(cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()) == level
        assert sorted(zip(found_h, found_w, strict=True)) == expected, name


def test_a_large_sheet_the_shape_cannot_tell_from_smaller_papers_is_assumed(
    tmp_path: Path,
) -> None:
    """An A0 drawing at 200 dpi without a dpi is also an A2 at 400 by its shape, and its
    lettering (any size on a plan) reads as 400 dpi: neither may pick the paper silently, so the
    page is assumed, at the lowest of the candidate resolutions from 200 dpi up."""
    pixels = draw_sheet(200)
    path = tmp_path / "plan.png"
    cv2.imwrite(str(path), pixels, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    del pixels
    [page] = import_file(path)
    assert (page.dpi, page.dpi_source, page.paper) == (200, "assumed", None)
    width, height = _size_mm(page.pixels, page.dpi)
    assert width == pytest.approx(841, abs=2) and height == pytest.approx(1189, abs=2)


@pytest.mark.parametrize(("paper_mm", "dpi"), [((841, 1189), 300), ((420, 594), 200)])
def test_a_blank_large_sheet_without_dpi_is_assumed_at_its_scanner_resolution(
    paper_mm, dpi
) -> None:
    width, height = (round(side / MM * dpi) for side in paper_mm)
    found = page_resolution(np.full((height, width), 255, np.uint8), None)
    assert (found.dpi, found.source) == (dpi, "assumed")


def test_the_letters_tell_an_office_page_from_a_large_sheet_of_the_same_shape() -> None:
    """An A4 at 600 dpi is an A2 at 300 by its shape; letters of an office page say 600."""
    a4 = np.full((7016, 4961), 255, np.uint8)
    for line in range(40):
        y = 600 + line * 150
        cv2.putText(a4, "Giay to so ho tich 2026", (400, y), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 4)
    found = page_resolution(a4, None)
    assert (found.dpi, found.source, found.paper) == (600, "inferred", "A4")
