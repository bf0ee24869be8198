"""PDF import: pages rendered at the physical page size, or their scanned image taken verbatim."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pikepdf
import pytest

from drivers.contract import ColorMode
from drivers.importer import import_file
from station.errors import ErrorCode, StationError
from tests.drivers.import_samples import blank_pdf, encode, noise, pdf_of_images, rewrite

A4_MM = (210.0, 297.0)
A3_MM = (297.0, 420.0)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def expected_px(mm: float, dpi: int) -> float:
    return mm / 25.4 * dpi


@pytest.mark.parametrize("dpi", [100, 300])
def test_rendered_pages_keep_their_physical_size_at_the_requested_dpi(
    tmp_path: Path, dpi: int
) -> None:
    a4 = pdf_of_images([encode(noise(200, 140), "PNG")], page_size_mm=A4_MM)
    a3 = pdf_of_images([encode(noise(140, 200), "PNG")], page_size_mm=A3_MM[::-1])
    merged = pikepdf.new()
    for data in (a4, a3):
        merged.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
    buffer = io.BytesIO()
    merged.save(buffer)
    pages = list(import_file(write(tmp_path, "mixed.pdf", buffer.getvalue()), pdf_dpi=dpi))
    assert len(pages) == 2
    (h1, w1, c1), (h2, w2, _) = pages[0].pixels.shape, pages[1].pixels.shape
    assert abs(w1 - expected_px(210, dpi)) <= 1 and abs(h1 - expected_px(297, dpi)) <= 1
    assert abs(w2 - expected_px(420, dpi)) <= 1 and abs(h2 - expected_px(297, dpi)) <= 1
    assert c1 == 3 and pages[0].mode is ColorMode.COLOR and pages[0].dpi == dpi
    assert [p.index for p in pages] == [1, 2] and pages[0].original is None


def test_render_draws_the_page_content_where_it_is(tmp_path: Path) -> None:
    path = write(tmp_path, "square.pdf", blank_pdf([(144, 216)]))
    [page] = import_file(path, pdf_dpi=72)
    assert page.pixels.shape == (216, 144, 3)
    # The square spans x 72..108, y 72..108 from the bottom: rows 108..144 from the top.
    assert (page.pixels[110:142, 74:106] < 10).all()
    assert (page.pixels[:100, :] == 255).all()


def test_rotated_page_renders_in_its_viewing_orientation(tmp_path: Path) -> None:
    path = write(tmp_path, "landscape.pdf", blank_pdf([(144, 216)], rotate=90))
    [page] = import_file(path, pdf_dpi=72)
    assert page.pixels.shape == (144, 216, 3)


def test_user_unit_scales_the_physical_size(tmp_path: Path) -> None:
    path = write(tmp_path, "banner.pdf", blank_pdf([(144, 216)], user_unit=2))
    [page] = import_file(path, pdf_dpi=72)
    assert page.pixels.shape == (432, 288, 3)


def test_embedded_mode_returns_the_scanned_images_own_pixels(tmp_path: Path) -> None:
    colour, gray = noise(300, 200), noise(240, 180, channels=1, seed=5)
    bits = noise(120, 96, channels=1, seed=6) > 127
    images = [
        encode(colour, "PNG", dpi=(150, 150)),
        encode(gray, "PNG", dpi=(300, 300)),
        encode(bits, "PNG", dpi=(200, 200)),
    ]
    path = write(tmp_path, "scanned.pdf", pdf_of_images(images))
    pages = list(import_file(path, pdf_images="embedded", pdf_dpi=72))
    assert np.array_equal(pages[0].pixels, colour) and pages[0].mode is ColorMode.COLOR
    assert np.array_equal(pages[1].pixels, gray) and pages[1].mode is ColorMode.GRAY
    assert np.array_equal(pages[2].pixels, bits.astype(np.uint8) * 255)
    assert pages[2].mode is ColorMode.LINEART
    assert [p.dpi for p in pages] == [150, 300, 200]  # image size over page size


def test_embedded_jpeg_is_decoded_as_stored(tmp_path: Path) -> None:
    jpeg = encode(noise(64, 48), "JPEG", quality=80, dpi=(100, 100))
    path = write(tmp_path, "photo.pdf", pdf_of_images([jpeg]))
    [page] = import_file(path, pdf_images="embedded")
    [direct] = import_file(write(tmp_path, "photo.jpg", jpeg))
    assert np.array_equal(page.pixels, direct.pixels) and page.dpi == 100


def test_embedded_mode_renders_pages_that_are_not_one_full_page_image(tmp_path: Path) -> None:
    # A small image centred on an A4 page, and a page of vector drawing only.
    centred = pdf_of_images([encode(noise(50, 50), "PNG", dpi=(100, 100))], page_size_mm=A4_MM)
    for name, data in (("centred.pdf", centred), ("vector.pdf", blank_pdf([(144, 216)]))):
        [page] = import_file(write(tmp_path, name, data), pdf_images="embedded", pdf_dpi=72)
        assert page.dpi == 72 and page.mode is ColorMode.COLOR
    assert page.pixels.shape == (216, 144, 3)


def test_embedded_image_on_a_rotated_page_is_turned_like_the_page(tmp_path: Path) -> None:
    pixels = noise(30, 20)
    data = pdf_of_images([encode(pixels, "PNG", dpi=(72, 72))])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].Rotate = 90
        buffer = io.BytesIO()
        pdf.save(buffer)
    [page] = import_file(write(tmp_path, "turned.pdf", buffer.getvalue()), pdf_images="embedded")
    assert np.array_equal(page.pixels, np.rot90(pixels, k=-1))


def test_pages_come_one_at_a_time_and_a_huge_page_stops_only_that_file(tmp_path: Path) -> None:
    data = blank_pdf([(144, 216), (14400, 14400), (144, 216)])  # page 2: 200 x 200 inches
    pages = import_file(write(tmp_path, "banner.pdf", data), pdf_dpi=300)
    first = next(pages)
    assert first.index == 1 and first.pixels.shape == (900, 600, 3)
    with pytest.raises(StationError) as caught:
        next(pages)
    assert caught.value.code is ErrorCode.IMPORT_TOO_LARGE
    assert caught.value.params["page"] == 2


def test_owner_password_only_pdf_imports(tmp_path: Path) -> None:
    data = rewrite(blank_pdf([(144, 216)]), encryption=pikepdf.Encryption(user="", owner="boss"))
    [page] = import_file(write(tmp_path, "restricted.pdf", data), pdf_dpi=72)
    assert page.pixels.shape == (216, 144, 3)
