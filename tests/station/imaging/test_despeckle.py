"""Despeckle removes isolated specks and keeps diacritics, full stops and text."""

from __future__ import annotations

import cv2
import numpy as np

from station.imaging.despeckle import despeckle

DPI = 300


def page_with_text() -> np.ndarray:
    page = np.full((1200, 900, 3), 245, np.uint8)
    cv2.putText(page, "Ho so hop le.", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 5)
    # a dot under a letter, like the "nang" tone mark, 0.3 mm wide and 0.4 mm below it
    cv2.circle(page, (140, 300 + 5), 2, (20, 20, 20), -1)
    return page


def test_isolated_specks_go_and_text_stays() -> None:
    page = page_with_text()
    specks = [(400, 700), (700, 1000), (120, 900)]
    for x, y in specks:
        cv2.circle(page, (x, y), 1, (30, 30, 30), -1)  # ~0.25 mm dust
    cleaned = despeckle(page, DPI, max_speck_mm=0.3)
    for x, y in specks:
        assert cleaned[y - 3 : y + 4, x - 3 : x + 4].min() > 200
    text = (slice(230, 320), slice(90, 700))
    assert np.array_equal(cleaned[text], page[text])


def test_a_mark_bigger_than_a_speck_stays() -> None:
    page = page_with_text()
    cv2.circle(page, (500, 800), 8, (30, 30, 30), -1)  # 1.4 mm blob: not dust
    assert np.array_equal(despeckle(page, DPI, 0.3), page)


def test_bands_join_seamlessly_on_a_tall_page() -> None:
    page = np.full((3000, 400), 240, np.uint8)
    for y in range(50, 3000, 97):  # specks across band boundaries (1024, 2048)
        cv2.circle(page, (200, y), 1, 20, -1)
    cleaned = despeckle(page, DPI, 0.3)
    assert cleaned.min() > 200


def test_input_is_not_changed_and_odd_inputs_pass_through() -> None:
    page = page_with_text()
    before = page.copy()
    despeckle(page, DPI)
    assert np.array_equal(page, before)
    tiny = np.zeros((1, 1), np.uint8)
    assert despeckle(tiny, DPI).shape == (1, 1)
    wide = np.full((5, 5), 255, np.uint16)
    assert np.array_equal(despeckle(wide, DPI), wide)
