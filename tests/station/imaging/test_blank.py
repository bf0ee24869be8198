"""Blank-page detection: blank backs with show-through and dust, backs with a little content."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.contract import ColorMode, Source
from station.imaging import blank
from station.imaging.blank import detect_blank
from tests.station.imaging import marks
from tests.station.imaging.corpus_pages import corpus_pages
from tests.station.pipeline.pages import virtual_page

DPI = 200


@pytest.fixture(scope="module")
def blank_back() -> np.ndarray:
    """The back of a duplex sheet from the virtual scanner: show-through, dust, hairs, edges."""
    return virtual_page(("seed", "3"), dpi=DPI, source=Source.DUPLEX, index=1)


@pytest.mark.parametrize("seed", [1, 2, 4, 5, 6])
def test_duplex_backs_with_show_through_and_dust_are_blank(seed: int) -> None:
    back = virtual_page(("seed", str(seed)), dpi=DPI, source=Source.DUPLEX, index=1)
    result = detect_blank(back, DPI)
    assert result.blank, result


def test_front_of_the_same_sheet_is_not_blank() -> None:
    front = virtual_page(("seed", "3"), dpi=DPI, source=Source.DUPLEX, index=0)
    result = detect_blank(front, DPI)
    assert not result.blank
    assert result.ink_ratio > 0.005


@pytest.mark.parametrize("strength", [0.08, 0.15, 0.2])
def test_strong_show_through_is_still_blank(strength: float) -> None:
    front = virtual_page(("seed", "3"), dpi=DPI, source=Source.DUPLEX, index=0)
    assert detect_blank(marks.show_through(front, strength), DPI).blank


def test_a_hair_on_the_glass_is_blank(blank_back: np.ndarray) -> None:
    assert detect_blank(marks.hair(blank_back, DPI, 25), DPI).blank


@pytest.mark.parametrize(
    "draw",
    [
        lambda img: marks.page_number(img, DPI, "1"),
        lambda img: marks.page_number(img, DPI, "12"),
        lambda img: marks.handwritten_line(img, DPI),
        lambda img: marks.stamp_ring(img, DPI),
    ],
    ids=["page-number-1", "page-number-12", "handwritten-line", "small-stamp"],
)
def test_a_back_with_a_little_content_is_not_blank(blank_back: np.ndarray, draw) -> None:
    assert detect_blank(blank_back, DPI).blank  # the same back, untouched, is blank
    result = detect_blank(draw(blank_back), DPI)
    assert not result.blank, result
    assert result.largest_mark_mm2 > 0.3


def test_gray_scan_of_a_blank_back_and_of_a_numbered_one() -> None:
    back = virtual_page(("seed", "3"), dpi=DPI, source=Source.DUPLEX, index=1, mode=ColorMode.GRAY)
    assert detect_blank(back, DPI).blank
    assert not detect_blank(marks.page_number(back, DPI, "7"), DPI).blank


def test_no_corpus_page_is_blank() -> None:
    wrong = [name for name, pixels, dpi in corpus_pages() if detect_blank(pixels, dpi).blank]
    assert wrong == []


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1), np.uint8),
        np.full((2, 2, 3), 255, np.uint8),
        np.zeros((400, 300), np.uint8),
        np.full((400, 300, 3), 255, np.uint8),
        np.full((400, 300), 40000, np.uint16),
        np.zeros((400, 300, 4), np.uint8),
    ],
    ids=["1x1", "2x2", "all-black", "all-white", "16-bit", "bgra"],
)
def test_edge_inputs_give_a_result(image: np.ndarray) -> None:
    result = detect_blank(image, 300)
    assert isinstance(result.blank, bool)
    assert 0.0 <= result.ink_ratio <= 1.0


def test_all_white_and_all_black_are_blank() -> None:
    # a black page is a closed lid or a dark bed: nothing to read on it
    assert detect_blank(np.full((600, 400), 255, np.uint8), 100).blank
    assert detect_blank(np.zeros((600, 400), np.uint8), 100).blank


def test_a_full_bleed_dark_picture_is_not_blank() -> None:
    rows, cols = np.mgrid[0:600, 0:400]
    picture = (40 + 60 * np.sin(rows / 37.0) * np.cos(cols / 23.0) + cols / 8).astype(np.uint8)
    page = np.full((800, 600), 245, np.uint8)
    page[:600, :400] = picture  # a photo running off the top-left edges of the page
    assert not detect_blank(page, 100).blank


@pytest.mark.parametrize("band_pixels", [500, 20_000])
def test_the_darkness_map_made_band_by_band_is_the_whole_pages(
    monkeypatch: pytest.MonkeyPatch, band_pixels: int
) -> None:
    light = virtual_page(("seed", "2"), dpi=100).min(axis=2)
    monkeypatch.setattr(blank, "BAND_PIXELS", 10**9)
    whole = blank._darkness(light, 0.254)
    monkeypatch.setattr(blank, "BAND_PIXELS", band_pixels)
    assert np.array_equal(blank._darkness(light, 0.254), whole)
    assert whole.max() > blank.MARK_CONTRAST  # the page has marks to measure


@pytest.mark.parametrize(
    "draw",
    [
        lambda img: img,
        lambda img: marks.page_number(img, DPI, "12"),
        lambda img: marks.handwritten_line(img, DPI),
        lambda img: marks.stamp_ring(img, DPI),
        lambda img: marks.hair(img, DPI, 25),
        lambda img: marks.show_through(
            virtual_page(("seed", "3"), dpi=DPI, source=Source.DUPLEX, index=0), 0.2
        ),
    ],
    ids=["blank", "page-number", "handwritten-line", "small-stamp", "hair", "show-through"],
)
def test_the_quick_check_of_a_back_answers_as_the_whole_check(blank_back: np.ndarray, draw) -> None:
    page = draw(blank_back)
    assert detect_blank(page, DPI, quick=True) == detect_blank(page, DPI)


def test_the_quick_check_answers_a_written_page_from_a_band_with_less_ink_counted() -> None:
    front = virtual_page(("seed", "3"), dpi=DPI, source=Source.DUPLEX, index=0)
    whole, quick = detect_blank(front, DPI), detect_blank(front, DPI, quick=True)
    assert not whole.blank and not quick.blank
    assert 0 < quick.ink_ratio < whole.ink_ratio  # a band of it was looked at, not all of it
    assert blank.SURE_INK_MM2 <= quick.largest_mark_mm2 <= whole.largest_mark_mm2


def test_a_band_cluster_lies_inside_a_whole_page_cluster() -> None:
    # every corpus page with a sure mark in its band: the whole check finds at least that much
    for name, pixels, dpi in corpus_pages():
        quick = detect_blank(pixels, dpi, quick=True)
        whole = detect_blank(pixels, dpi)
        assert quick.blank == whole.blank, name
        assert quick.largest_mark_mm2 <= whole.largest_mark_mm2 + 1e-3, name
