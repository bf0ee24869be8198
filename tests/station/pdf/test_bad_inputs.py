"""Odd page images give a ValueError or a valid page that looks like the image, never a crash."""

from __future__ import annotations

import numpy as np
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodeOptions, Encoding, encode_page
from tests.station.pdf.support import one_page_pdf, pdf_of, render

EVERY_WAY = [(colour, encoding) for colour in ColourClass for encoding in Encoding]


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((0, 0, 3), np.uint8),
        np.zeros((0, 50), np.uint8),
        np.zeros((50, 0, 3), np.uint8),
        np.zeros((20, 20, 3), np.float32),
        np.zeros((20, 20), np.uint16),
        np.zeros((20, 20), bool),
        np.zeros(20, np.uint8),
        np.zeros((20, 20, 2), np.uint8),
        np.zeros((2, 20, 20, 3), np.uint8),
    ],
    ids=["empty", "no-rows", "no-columns", "float", "16-bit", "bool", "1-D", "2-channel", "4-D"],
)
def test_unusable_images_are_refused(image: np.ndarray) -> None:
    with pytest.raises(ValueError):
        encode_page(image, 200, ColourClass.COLOR, EncodeOptions())


@pytest.mark.parametrize("dpi", [0, -300])
def test_resolution_must_be_positive(dpi: int) -> None:
    with pytest.raises(ValueError):
        encode_page(np.zeros((20, 20), np.uint8), dpi, ColourClass.GRAY, EncodeOptions())


@pytest.mark.parametrize(
    "options",
    [
        {"jpeg_quality": 0},
        {"jpeg_quality": 101},
        {"chroma_subsampling": "4:1:1"},
        {"background_dpi": 5},
        {"min_dpi": 0},
        {"encoding": "png"},
    ],
)
def test_bad_options_are_refused(options: dict) -> None:
    with pytest.raises(ValueError):
        EncodeOptions(**options)


def test_an_encoding_named_as_text_is_taken_as_the_enum() -> None:
    options = EncodeOptions(encoding="jpeg")  # type: ignore[arg-type]  # as settings files hold it
    assert options.encoding is Encoding.JPEG
    page = encode_page(np.full((50, 40, 3), 128, np.uint8), 200, ColourClass.COLOR, options)
    assert page.encoding is Encoding.JPEG


@pytest.mark.parametrize(("colour", "encoding"), EVERY_WAY)
@pytest.mark.parametrize("shape", [(1, 1, 3), (1, 1), (1, 900, 3), (700, 1)])
def test_tiny_and_thin_images_give_a_valid_page(shape, colour, encoding) -> None:
    image = np.full(shape, 90, np.uint8)
    data = one_page_pdf(image, 300, colour, encoding)
    assert render(data, 72).size > 0


@pytest.mark.parametrize(("colour", "encoding"), EVERY_WAY)
@pytest.mark.parametrize(("level", "expected"), [(0, "dark"), (255, "light")])
def test_all_black_and_all_white_pages_stay_so(colour, encoding, level, expected) -> None:
    image = np.full((700, 500, 3), level, np.uint8)
    mean = render(one_page_pdf(image, 200, colour, encoding), 50).mean()
    assert mean < 40 if expected == "dark" else mean > 235


@pytest.mark.parametrize("encoding", list(Encoding))
def test_bgra_and_single_channel_arrays_are_accepted(encoding: Encoding) -> None:
    options = EncodeOptions(encoding=encoding)
    bgra = np.full((60, 40, 4), 200, np.uint8)
    single = np.full((60, 40, 1), 200, np.uint8)
    pages = [encode_page(bgra, 200, ColourClass.COLOR, options)]
    pages.append(encode_page(single, 200, ColourClass.GRAY, options))
    assert render(pdf_of(pages), 50, 1).mean() > 180


def test_a_non_contiguous_view_is_encoded_like_its_copy() -> None:
    rng = np.random.default_rng(5)
    image = rng.integers(0, 256, (120, 90, 3), dtype=np.uint8)
    view = image[::-1, ::2]
    options = EncodeOptions(encoding=Encoding.LOSSLESS)
    one = encode_page(view, 200, ColourClass.COLOR, options)
    other = encode_page(np.ascontiguousarray(view), 200, ColourClass.COLOR, options)
    assert one.layers[0].image.data == other.layers[0].image.data
