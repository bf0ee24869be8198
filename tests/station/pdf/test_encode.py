"""encode_page, read back from the written PDF: colour kept, >= 200 dpi, 100% physical size."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import cv2
import numpy as np
import pikepdf
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodedPage, EncodeOptions, Encoding, encode_page
from tests.station.pdf.conftest import DPI
from tests.station.pdf.support import corpus, drawn_images, media_box, one_page_pdf, pdf_of, render

MIN_DPI = 200


@pytest.fixture
def first_page() -> Iterator[Callable[[bytes], pikepdf.Page]]:
    """Opens a PDF and returns its page 1; the Pdf stays open to the end of the test."""
    opened: list[pikepdf.Pdf] = []

    def read(data: bytes) -> pikepdf.Page:
        opened.append(pikepdf.open(io.BytesIO(data)))
        return opened[-1].pages[0]

    yield read
    for pdf in opened:
        pdf.close()


def _sharpest_dpi(page: pikepdf.Page) -> float:
    return max(min(drawn.dpi) for drawn in drawn_images(page))


@pytest.mark.parametrize("encoding", list(Encoding))
def test_a4_at_300_dpi_prints_at_a4_size(first_page, encoding: Encoding) -> None:
    image = np.full((3508, 2480, 3), 250, np.uint8)
    cv2.putText(image, "A4", (900, 1800), cv2.FONT_HERSHEY_SIMPLEX, 20, (20, 20, 20), 40)
    page = first_page(one_page_pdf(image, 300, ColourClass.COLOR, encoding))
    width, height = media_box(page)
    assert width == pytest.approx(595.3, abs=1.0) and height == pytest.approx(841.9, abs=1.0)
    assert _sharpest_dpi(page) == pytest.approx(300, abs=0.5)


def test_background_and_stencil_cover_the_whole_page_and_patches_lie_inside(
    first_page, form_mrc: EncodedPage
) -> None:
    page = first_page(pdf_of([form_mrc]))
    width, height = media_box(page)
    background, stencil, *patches = drawn_images(page)
    for drawn in (background, stencil):
        assert drawn.width_pt == pytest.approx(width) and drawn.height_pt == pytest.approx(height)
    for drawn in patches:
        assert drawn.width_pt <= width and drawn.height_pt <= height
    for layer in form_mrc.layers[2:]:
        assert layer.box.x >= 0 and layer.box.x + layer.box.width <= width + 1e-6
        assert layer.box.y >= 0 and layer.box.y + layer.box.height <= height + 1e-6


def test_mrc_text_mask_keeps_the_scan_resolution(first_page, form_mrc: EncodedPage) -> None:
    page = first_page(pdf_of([form_mrc]))
    masks = [drawn.image for drawn in drawn_images(page) if drawn.image.get("/ImageMask")]
    assert masks and str(masks[0].Filter) == "/CCITTFaxDecode"
    width, _ = media_box(page)
    assert int(masks[0].Width) * 72 / width == pytest.approx(DPI, abs=0.5)
    assert form_mrc.dpi == DPI


def test_every_mrc_image_is_at_least_200_ppi(first_page, form_mrc: EncodedPage) -> None:
    drawn = drawn_images(first_page(pdf_of([form_mrc])))
    assert len(drawn) >= 2
    assert all(min(d.dpi) >= MIN_DPI - 0.5 for d in drawn)
    assert form_mrc.min_image_ppi >= MIN_DPI - 0.5


def test_a_150_dpi_book_page_is_resampled_to_200_dpi_at_the_same_size(first_page) -> None:
    image = corpus("ocrmypdf__c02-22.jpg")  # 800 x 981 at 150 dpi
    for encoding in (Encoding.JPEG, Encoding.LOSSLESS):
        page = first_page(one_page_pdf(image, 150, ColourClass.COLOR, encoding))
        assert media_box(page) == pytest.approx((800 / 150 * 72, 981 / 150 * 72), abs=0.5)
        assert all(min(drawn.dpi) >= MIN_DPI - 0.5 for drawn in drawn_images(page))


def test_a_72_dpi_page_is_resampled_up_in_every_encoding(first_page) -> None:
    image = np.full((144, 72, 3), 230, np.uint8)
    image[40:60, 10:60] = 20
    for encoding in Encoding:
        encoded = encode_page(image, 72, ColourClass.COLOR, EncodeOptions(encoding=encoding))
        assert encoded.dpi == MIN_DPI
        page = first_page(pdf_of([encoded]))
        assert media_box(page) == pytest.approx((72, 144), abs=0.5)
        assert _sharpest_dpi(page) >= MIN_DPI - 0.5


def test_min_dpi_is_a_setting() -> None:
    image = np.full((100, 100), 200, np.uint8)
    encoded = encode_page(image, 100, ColourClass.GRAY, EncodeOptions(min_dpi=300))
    assert encoded.dpi == 300 and encoded.width_pt == pytest.approx(72)


@pytest.mark.parametrize("encoding", [Encoding.JPEG, Encoding.LOSSLESS])
def test_colour_pages_keep_an_rgb_image(
    first_page, form_page: np.ndarray, encoding: Encoding
) -> None:
    (drawn,) = drawn_images(first_page(one_page_pdf(form_page, DPI, ColourClass.COLOR, encoding)))
    assert drawn.colour_space == "/DeviceRGB"
    assert min(drawn.dpi) == pytest.approx(DPI, abs=0.5)


def test_colour_mrc_page_has_rgb_background_and_a_stencil(
    first_page, form_mrc: EncodedPage
) -> None:
    drawn = drawn_images(first_page(pdf_of([form_mrc])))
    assert [d.colour_space for d in drawn[:2]] == ["/DeviceRGB", "stencil"]
    assert all(d.colour_space == "/DeviceRGB" for d in drawn[2:])  # full-resolution patches


def test_lossless_colour_page_decodes_to_the_exact_pixels(
    first_page, form_page: np.ndarray
) -> None:
    data = one_page_pdf(form_page, DPI, ColourClass.COLOR, Encoding.LOSSLESS)
    (drawn,) = drawn_images(first_page(data))
    pixels = np.frombuffer(drawn.image.read_bytes(), np.uint8).reshape(form_page.shape)
    assert np.array_equal(pixels, cv2.cvtColor(form_page, cv2.COLOR_BGR2RGB))
    assert np.array_equal(render(data, DPI), pixels)


def test_lossless_gray_page_decodes_to_the_exact_pixels(first_page) -> None:
    image = corpus("lept__lucasta.047.jpg")
    data = one_page_pdf(image, 200, ColourClass.GRAY, Encoding.LOSSLESS)
    (drawn,) = drawn_images(first_page(data))
    assert drawn.colour_space == "/DeviceGray"
    assert np.array_equal(np.frombuffer(drawn.image.read_bytes(), np.uint8), image.ravel())


@pytest.mark.parametrize("encoding", list(Encoding))
def test_gray_pages_hold_only_gray_or_stencil_images(first_page, form_page, encoding) -> None:
    page = first_page(one_page_pdf(form_page, DPI, ColourClass.GRAY, encoding))
    spaces = {drawn.colour_space for drawn in drawn_images(page)}
    assert spaces <= {"/DeviceGray", "stencil"} and "/DeviceGray" in spaces


def test_a_gray_array_classed_colour_is_written_gray(first_page) -> None:
    image = corpus("lept__lucasta.047.jpg")  # gray JPEG of a book page
    assert image.ndim == 2
    page = first_page(one_page_pdf(image, 200, ColourClass.COLOR, Encoding.JPEG))
    assert [drawn.colour_space for drawn in drawn_images(page)] == ["/DeviceGray"]


@pytest.mark.parametrize("encoding", list(Encoding))
def test_bw_pages_are_one_g4_stencil(first_page, encoding: Encoding) -> None:
    image = corpus("lept__table.27.tif")  # 1-bit, 150 dpi: resampled up to 200
    assert image.ndim == 2
    page = first_page(one_page_pdf(image, 150, ColourClass.BW, encoding))
    (drawn,) = drawn_images(page)
    assert drawn.colour_space == "stencil" and str(drawn.image.Filter) == "/CCITTFaxDecode"
    assert min(drawn.dpi) == pytest.approx(MIN_DPI, abs=0.5)


def test_a_bw_scan_renders_as_the_original_bits() -> None:
    image = corpus("lept__feyn.tif")  # 1-bit text page, 300 dpi
    rendered = render(one_page_pdf(image, 300, ColourClass.BW), 300)
    assert rendered.shape[:2] == image.shape
    ink = image < 128
    assert ink.mean() > 0.02
    assert np.mean((rendered[:, :, 0] < 128) == ink) > 0.995


def test_mostly_photo_pages_fall_back_to_jpeg() -> None:
    rng = np.random.default_rng(3)
    tones = cv2.resize(rng.random((8, 6, 3), np.float32), (600, 800), cv2.INTER_CUBIC)
    page = np.full((1000, 700, 3), 240, np.uint8)
    page[100:900, 50:650] = np.clip(110 + 70 * tones, 0, 255).astype(np.uint8)  # soft mid-tones
    encoded = encode_page(page, DPI, ColourClass.COLOR, EncodeOptions())
    assert encoded.encoding is Encoding.JPEG
    assert len(encoded.layers) == 1 and encoded.layers[0].image.components == 3


def test_black_text_only_needs_no_foreground_image() -> None:
    page = np.full((800, 600, 3), (235, 240, 245), np.uint8)
    for row in range(100, 700, 40):
        cv2.putText(page, "Ho so so hoa", (40, row), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (25,) * 3, 2)
    encoded = encode_page(page, DPI, ColourClass.COLOR, EncodeOptions())
    assert encoded.encoding is Encoding.MRC
    ink = encoded.layers[-1]
    assert ink.mask is None and ink.fill is not None and max(ink.fill) < 0.25
    assert ink.image.components == 0  # the G4 stencil itself
