"""Colour classification: colour content is never called gray; gray and line art are told apart."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.contract import ColorMode
from station.imaging import colour
from station.imaging.colour import classify_colour
from station.imaging.histogram import histogram_median
from station.imaging.results import ColourClass
from tests.station.imaging import marks
from tests.station.imaging.corpus_pages import corpus_pages
from tests.station.pipeline.pages import virtual_page

DPI = 200
COLOUR_CORPUS = {
    "deskew__deskew-6.png",
    "deskew__deskew-8.png",
    "lept__colorpage.030.jpg",
    "ocrmypdf__congress.jpg",
}


def text_page(dpi: int = DPI) -> np.ndarray:
    page = np.full((int(11.7 * dpi), int(8.3 * dpi), 3), (232, 240, 244), np.uint8)  # warm paper
    for row in range(20):
        cv2.putText(page, "Cong hoa xa hoi chu nghia Viet Nam", (dpi // 2, dpi + row * dpi // 3),
                    cv2.FONT_HERSHEY_SIMPLEX, dpi / 200, (30, 30, 30), 2, cv2.LINE_AA)  # fmt: skip
    return page


def test_a_virtual_document_with_seal_and_signature_is_colour() -> None:
    assert classify_colour(virtual_page(("seed", "1"), dpi=DPI), DPI) is ColourClass.COLOR


def test_gray_scans_are_never_colour() -> None:
    page = virtual_page(("seed", "1"), dpi=DPI, mode=ColorMode.GRAY)
    assert classify_colour(page, DPI) in (ColourClass.GRAY, ColourClass.BW)


def test_black_text_on_tinted_paper_is_black_and_white() -> None:
    assert classify_colour(text_page(), DPI) is ColourClass.BW


def test_colour_fringes_along_black_text_are_not_colour() -> None:
    page = text_page()
    page[:, :, 2] = np.roll(page[:, :, 2], 1, axis=1)  # red sensor row one pixel off
    page[:, :, 0] = np.roll(page[:, :, 0], -1, axis=0)
    assert classify_colour(page, DPI) is ColourClass.BW


@pytest.mark.parametrize(
    "draw",
    [lambda img: marks.stamp_ring(img, DPI), lambda img: marks.handwritten_line(img, DPI)],
    ids=["red-seal-ring", "blue-handwriting"],
)
def test_one_coloured_mark_makes_the_page_colour(draw) -> None:
    assert classify_colour(draw(text_page()), DPI) is ColourClass.COLOR


def test_a_gray_photo_makes_the_page_gray() -> None:
    page = text_page()
    gradient = np.tile(np.linspace(40, 220, 600, dtype=np.uint8), (500, 1))
    page[900:1400, 500:1100] = gradient[:, :, None]
    assert classify_colour(page, DPI) is ColourClass.GRAY


def test_corpus_colour_pages_stay_colour_and_gray_files_are_not() -> None:
    for name, pixels, dpi in corpus_pages():
        found = classify_colour(pixels, dpi)
        if name in COLOUR_CORPUS:
            assert found is ColourClass.COLOR, name
        if pixels.ndim == 2:
            assert found is not ColourClass.COLOR, name


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1, 3), np.uint8),
        np.zeros((300, 200), np.uint8),
        np.full((300, 200, 3), 255, np.uint8),
        np.full((300, 200, 3), 30000, np.uint16),
        np.zeros((300, 200, 4), np.uint8),
    ],
    ids=["1x1", "all-black", "all-white", "16-bit", "bgra"],
)
def test_edge_inputs_give_a_class(image: np.ndarray) -> None:
    assert classify_colour(image, 300) in tuple(ColourClass)


@pytest.mark.parametrize("size", [3, 5, 17])
def test_the_window_medians_counted_from_histograms_are_numpys(size: int) -> None:
    rng = np.random.default_rng(size)
    channel = cv2.GaussianBlur(rng.integers(0, 256, (181, 143), dtype=np.uint8), (7, 7), 0)
    where = rng.random(channel.shape) < 0.4
    means = cv2.boxFilter(channel.astype(np.float64), cv2.CV_64F, (size, size))
    # the median of the window means, counted on the windows' integer sums
    counted = histogram_median(colour._box_counts(channel, size, where)) / (size * size)
    assert counted == pytest.approx(float(np.median(means[where])), abs=1e-9)


@pytest.mark.parametrize("band_pixels", [700, 9_000])
def test_a_page_judged_band_by_band_counts_the_colour_the_whole_page_holds(
    monkeypatch: pytest.MonkeyPatch, band_pixels: int
) -> None:
    """Bands read the rows their windows reach: at every area threshold the answer is the one
    the page in a single band gives (a seal and a signature cross many band edges here)."""
    small = cv2.resize(virtual_page(("seed", "3"), dpi=DPI), None, fx=0.4, fy=0.4)
    px_mm = 25.4 / (DPI * 0.4)
    thresholds = [0.5 * 1.3**k for k in range(40)]
    monkeypatch.setattr(colour, "BAND_PIXELS", 10**9)
    whole = []
    for area in thresholds:
        monkeypatch.setattr(colour, "MIN_COLOUR_MM2", area)
        whole.append(colour._has_colour(small, px_mm))
    monkeypatch.setattr(colour, "BAND_PIXELS", band_pixels)
    banded = []
    for area in thresholds:
        monkeypatch.setattr(colour, "MIN_COLOUR_MM2", area)
        banded.append(colour._has_colour(small, px_mm))
    assert banded == whole
    assert True in whole and False in whole  # the thresholds straddle the page's colour area
