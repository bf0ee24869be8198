"""Reading pages: the detection step, words with boxes and diacritics in NFC."""

from __future__ import annotations

import unicodedata

import cv2
import numpy as np
import pytest

from station.ocr import read_page, read_title
from station.ocr.detect import detect_text
from station.ocr.model import PageText
from tests.station.ocr.forms import form_title, printed_page, virtual_form, word_accuracy


@pytest.fixture(scope="module")
def printed() -> tuple[np.ndarray, list[str]]:
    return printed_page(np.random.default_rng(4), 300, angle=0.8, blur=0.8, noise=6, jpeg=70)


def _photo(rng: np.random.Generator) -> np.ndarray:
    small = rng.integers(0, 255, (12, 9, 3)).astype(np.uint8)
    photo = cv2.resize(small, (1240, 1754), interpolation=cv2.INTER_CUBIC)
    for _ in range(30):
        centre = (int(rng.integers(0, 1240)), int(rng.integers(0, 1754)))
        axes = (int(rng.integers(20, 300)), int(rng.integers(20, 300)))
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        cv2.ellipse(photo, centre, axes, float(rng.integers(0, 180)), 0, 360, colour, -1)
    grain = rng.normal(0, 10, photo.shape)
    return np.clip(cv2.GaussianBlur(photo, (0, 0), 2) + grain, 0, 255).astype(np.uint8)


def test_a_printed_page_is_read_word_for_word_with_its_diacritics(printed) -> None:
    pixels, lines = printed
    text = read_page(pixels, 300)
    assert text.detected
    assert word_accuracy(lines, text.text) >= 0.95
    assert lines[0] in text.text.splitlines()  # the title line, exactly
    assert all(unicodedata.is_normalized("NFC", w.text) for w in text.words)


def test_a_page_printed_at_200_dpi_is_read_nine_words_in_ten() -> None:
    pixels, lines = printed_page(np.random.default_rng(4), 200, angle=0.8, blur=0.8, noise=6,
                                 jpeg=70)  # fmt: skip
    assert word_accuracy(lines, read_page(pixels, 200).text) >= 0.90


def test_words_come_with_boxes_on_the_page_and_confidences(printed) -> None:
    pixels, _ = printed
    text = read_page(pixels, 300)
    height, width = pixels.shape
    assert (text.width, text.height, text.dpi) == (width, height, 300)
    for word in text.words:
        assert word.left >= 0 and word.left + word.width <= width
        assert word.top >= 0 and word.top + word.height <= height
        assert 0 <= word.confidence <= 100
    first = text.lines[0]  # the title, 14 pt bold, one inch from the top-left corner
    assert abs(first[0].left - 300) < 40 and abs(first[0].top - 300) < 40  # turned 0.8°


def test_a_photo_is_not_read_past_the_detection_step() -> None:
    photo = _photo(np.random.default_rng(2))
    assert not detect_text(photo, 150).found
    text = read_page(photo, 150)
    assert (text.detected, text.words) == (False, ())


def test_a_virtual_form_keeps_its_title_and_fields() -> None:
    seed = next(s for s in range(20) if form_title(virtual_form(s, 150)[1]) is not None)
    pixels, lines = virtual_form(seed, 300)
    text = read_page(pixels, 300)
    assert form_title(lines) in text.text.splitlines()
    assert word_accuracy(lines, text.text) >= 0.9


def test_page_text_round_trips_through_json(printed) -> None:
    text = read_page(printed[0][:900], 300)
    assert PageText.from_json(text.to_json()) == text


def test_a_title_read_takes_the_top_of_the_page_and_cuts_no_line(printed) -> None:
    pixels, lines = printed
    whole, title = read_page(pixels, 300), read_title(pixels, 300)
    assert title.detected and 0.4 <= title.extent <= 0.5 and not title.whole
    assert (title.width, title.height) == (whole.width, whole.height)
    assert lines[0] in title.text.splitlines()  # the title line, exactly, in page pixels
    first = title.lines[0][0]
    assert abs(first.left - 300) < 40 and abs(first.top - 300) < 40
    cut = title.extent * title.height
    assert all(w.top + w.height <= cut for w in title.words)
    above = [w.text for w in whole.words if w.top + w.height < 0.38 * whole.height]
    assert word_accuracy([" ".join(above)], title.text) >= 0.9  # the same words as a whole read


def test_a_photo_read_for_its_title_is_settled_whole_by_detection() -> None:
    text = read_title(_photo(np.random.default_rng(2)), 150)
    assert (text.detected, text.words, text.whole) == (False, (), True)
