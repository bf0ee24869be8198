"""Image files (JPEG, PNG, TIFF, GIF, BMP) import as pages with the right pixels, mode and dpi."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from drivers.contract import ColorMode
from drivers.importer import DEFAULT_DPI, ImportedPage, import_file
from tests.drivers.import_samples import encode, multipage_tiff, noise, pattern
from tests.station.imaging.corpus_pages import CORPUS


def pages_of(path: Path, **options) -> list[ImportedPage]:
    return list(import_file(path, **options))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# JPEG -------------------------------------------------------------------------------------
def test_jpeg_keeps_the_file_bytes_verbatim_and_decodes_the_same_pixels(tmp_path: Path) -> None:
    data = encode(pattern(120, 90), "JPEG", quality=90, dpi=(300, 300))
    [page] = pages_of(write(tmp_path, "card.jpg", data))
    assert page.original == data
    assert page.media_type == "image/jpeg"
    assert page.mode is ColorMode.COLOR and page.dpi == 300
    assert page.pixels.shape == (120, 90, 3) and page.pixels.dtype == np.uint8
    assert np.array_equal(page.pixels, np.asarray(Image.open(io.BytesIO(data))))
    assert (page.source_name, page.index) == ("card.jpg", 1)
    assert page.pixels.flags.writeable


def test_gray_jpeg_is_gray_and_a_jpeg_without_dpi_gets_the_default(tmp_path: Path) -> None:
    data = encode(pattern(64, 48, channels=1), "JPEG")
    [page] = pages_of(write(tmp_path, "gray.jpg", data))
    assert page.mode is ColorMode.GRAY and page.pixels.shape == (64, 48)
    assert page.dpi == DEFAULT_DPI and page.dpi_source == "assumed"


def test_jpeg_exif_orientation_is_reported_not_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    data = encode(pattern(40, 100), "JPEG", exif=exif)
    [page] = pages_of(write(tmp_path, "phone.jpg", data))
    assert page.pixels.shape == (40, 100, 3)  # as stored, not turned upright
    assert page.orientation == 6
    assert page.original == data


def test_cmyk_jpeg_becomes_rgb_without_an_original(tmp_path: Path) -> None:
    data = encode(pattern(30, 20), "JPEG", mode="CMYK")
    [page] = pages_of(write(tmp_path, "print.jpg", data))
    assert page.mode is ColorMode.COLOR and page.pixels.shape == (30, 20, 3)
    assert page.original is None and page.media_type is None


# PNG --------------------------------------------------------------------------------------
def test_png_keeps_the_file_bytes_and_exact_pixels_and_dpi(tmp_path: Path) -> None:
    pixels = noise(50, 70)
    data = encode(pixels, "PNG", dpi=(300, 300))
    [page] = pages_of(write(tmp_path, "scan.png", data))
    assert np.array_equal(page.pixels, pixels)
    assert page.original == data and page.media_type == "image/png"
    assert page.dpi == 300  # pHYs stores 11811 px/m = 299.9994 dpi


def test_colour_palette_png_becomes_rgb(tmp_path: Path) -> None:
    image = Image.fromarray(noise(40, 30)).quantize(16)
    expected = np.asarray(image.convert("RGB"))
    data = io.BytesIO()
    image.save(data, "PNG")
    [page] = pages_of(write(tmp_path, "palette.png", data.getvalue()))
    assert page.mode is ColorMode.COLOR
    assert np.array_equal(page.pixels, expected)
    assert page.original == data.getvalue()


def test_gray_palette_png_stays_gray_and_black_white_palette_is_lineart(tmp_path: Path) -> None:
    gray = Image.fromarray(pattern(20, 30, channels=1)).convert("P")  # web palette, gray entries
    gray.putpalette([v for i in range(256) for v in (i, i, i)])
    buffer = io.BytesIO()
    gray.save(buffer, "PNG")
    [page] = pages_of(write(tmp_path, "gray.png", buffer.getvalue()))
    assert page.mode is ColorMode.GRAY
    assert np.array_equal(page.pixels, pattern(20, 30, channels=1))

    two = Image.fromarray((noise(20, 30, channels=1) > 127).astype(np.uint8), "P")
    two.putpalette([0, 0, 0, 255, 255, 255])
    buffer = io.BytesIO()
    two.save(buffer, "PNG")
    [page] = pages_of(write(tmp_path, "bw.png", buffer.getvalue()))
    assert page.mode is ColorMode.LINEART
    assert set(np.unique(page.pixels)) <= {0, 255}


def test_one_bit_png_is_lineart_0_255(tmp_path: Path) -> None:
    bits = noise(33, 17, channels=1) > 127
    data = encode(bits, "PNG")
    [page] = pages_of(write(tmp_path, "bits.png", data))
    assert page.mode is ColorMode.LINEART and page.pixels.dtype == np.uint8
    assert np.array_equal(page.pixels, bits.astype(np.uint8) * 255)


def test_rgba_png_is_flattened_onto_white_paper(tmp_path: Path) -> None:
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., :3] = (200, 0, 0)
    rgba[0, :, 3] = 0  # transparent: white paper shows
    rgba[1, :, 3] = 255  # opaque: the colour
    rgba[2, :, 3] = 128  # half: a mix
    rgba[3, :, 3] = 255
    data = encode(rgba, "PNG")
    [page] = pages_of(write(tmp_path, "logo.png", data))
    assert page.mode is ColorMode.COLOR and page.pixels.shape == (4, 4, 3)
    assert page.pixels[0, 0].tolist() == [255, 255, 255]
    assert page.pixels[1, 0].tolist() == [200, 0, 0]
    assert page.pixels[2, 0].tolist() == [227, 127, 127]
    assert page.original is None  # the file's alpha is not what the page shows


def test_sixteen_bit_gray_png_keeps_sixteen_bits(tmp_path: Path) -> None:
    deep = (np.arange(40 * 30, dtype=np.uint32).reshape(40, 30) * 54).astype(np.uint16)
    ok, data = cv2.imencode(".png", deep)
    assert ok
    [page] = pages_of(write(tmp_path, "deep.png", data.tobytes()))
    assert page.mode is ColorMode.GRAY and page.pixels.dtype == np.uint16
    assert np.array_equal(page.pixels, deep)


def test_sixteen_bit_colour_png_keeps_sixteen_bits_in_rgb_order(tmp_path: Path) -> None:
    rgb = np.random.default_rng(3).integers(0, 65536, (20, 10, 3), dtype=np.uint16)
    ok, data = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    assert ok
    [page] = pages_of(write(tmp_path, "deep-colour.png", data.tobytes()))
    assert page.mode is ColorMode.COLOR and page.pixels.dtype == np.uint16
    assert np.array_equal(page.pixels, rgb)
    assert page.original == data.tobytes()

    bgra = np.dstack([cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), np.zeros((20, 10), np.uint16)])
    ok, data = cv2.imencode(".png", bgra)
    [page] = pages_of(write(tmp_path, "deep-clear.png", data.tobytes()))
    assert page.pixels.dtype == np.uint16 and (page.pixels == 65535).all()
    assert page.original is None


# TIFF -------------------------------------------------------------------------------------
def test_three_page_tiff_yields_every_page_with_its_mode_and_dpi(tmp_path: Path) -> None:
    bits = noise(60, 40, channels=1) > 127
    gray = noise(50, 40, channels=1, seed=1)
    colour = noise(40, 30, seed=2)
    frames = [Image.fromarray(bits), Image.fromarray(gray), Image.fromarray(colour)]
    data = multipage_tiff(frames, compression="tiff_lzw", dpi=(400, 400))
    pages = pages_of(write(tmp_path, "dossier.tif", data))
    assert [p.index for p in pages] == [1, 2, 3]
    assert [p.mode for p in pages] == [ColorMode.LINEART, ColorMode.GRAY, ColorMode.COLOR]
    assert [p.dpi for p in pages] == [400, 400, 400]
    assert np.array_equal(pages[0].pixels, bits.astype(np.uint8) * 255)
    assert np.array_equal(pages[1].pixels, gray)
    assert np.array_equal(pages[2].pixels, colour)
    assert all(p.original is None for p in pages)


def test_tiff_pages_come_one_at_a_time(tmp_path: Path) -> None:
    frames = [Image.fromarray(noise(10, 10, seed=i)) for i in range(3)]
    path = write(tmp_path, "lazy.tif", multipage_tiff(frames))
    pages = import_file(path)
    first = next(pages)
    path.unlink()  # the rest are read from the open file, not from a list made up front
    assert first.index == 1 and len(list(pages)) == 2


def test_group4_sixteen_bit_and_cmyk_tiffs(tmp_path: Path) -> None:
    bits = noise(64, 48, channels=1) > 127
    data = encode(bits, "TIFF", compression="group4", dpi=(300, 300))
    [page] = pages_of(write(tmp_path, "fax.tif", data))
    assert page.mode is ColorMode.LINEART and page.dpi == 300
    assert np.array_equal(page.pixels, bits.astype(np.uint8) * 255)

    deep = np.random.default_rng(4).integers(0, 65536, (30, 20), dtype=np.uint16)
    [page] = pages_of(write(tmp_path, "deep.tif", encode(deep, "TIFF")))
    assert page.pixels.dtype == np.uint16 and np.array_equal(page.pixels, deep)

    cmyk = Image.fromarray(pattern(20, 10)).convert("CMYK")
    buffer = io.BytesIO()
    cmyk.save(buffer, "TIFF")
    [page] = pages_of(write(tmp_path, "cmyk.tif", buffer.getvalue()))
    assert page.mode is ColorMode.COLOR
    assert np.array_equal(page.pixels, np.asarray(cmyk.convert("RGB")))


def test_tiff_resolution_in_centimetres_becomes_dpi(tmp_path: Path) -> None:
    image = Image.fromarray(noise(10, 10, channels=1))
    buffer = io.BytesIO()
    image.save(buffer, "TIFF", resolution=118.11, resolution_unit="cm")
    [page] = pages_of(write(tmp_path, "metric.tif", buffer.getvalue()))
    assert page.dpi == 300


def test_fax_resolution_pixels_are_made_square_keeping_the_page_size(tmp_path: Path) -> None:
    bits = noise(100, 204, channels=1) > 127  # 1 inch x 1 inch at 204 x 98 dpi ~ 98 rows
    data = encode(bits[:98], "TIFF", compression="group4", dpi=(204, 98))
    [page] = pages_of(write(tmp_path, "fax.tif", data))
    assert page.dpi == 204
    assert page.pixels.shape == (204, 204)
    assert set(np.unique(page.pixels)) <= {0, 255}


# other formats, and telling formats by content --------------------------------------------
def test_static_gif_and_bmp_import(tmp_path: Path) -> None:
    colour = noise(12, 8)
    [gif] = pages_of(write(tmp_path, "old.gif", encode(colour, "GIF")))
    assert gif.pixels.shape == (12, 8, 3)
    [bmp] = pages_of(write(tmp_path, "old.bmp", encode(colour, "BMP")))
    assert np.array_equal(bmp.pixels, colour) and bmp.original is None


def test_format_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    pixels = noise(20, 20)
    [page] = pages_of(write(tmp_path, "really-a-png.jpg", encode(pixels, "PNG")))
    assert np.array_equal(page.pixels, pixels) and page.media_type == "image/png"
    [page] = pages_of(write(tmp_path, "no-extension", encode(pixels, "TIFF")))
    assert np.array_equal(page.pixels, pixels)


# real scans -------------------------------------------------------------------------------
def test_real_scans_from_the_corpus_import_with_their_metadata() -> None:
    linn = CORPUS / "ocrmypdf__LinnSequencer.jpg"
    [page] = pages_of(linn)
    assert page.pixels.shape == (3300, 2550, 3) and page.dpi == 300
    assert page.original == linn.read_bytes()

    [page] = pages_of(CORPUS / "lept__feyn.tif")
    assert page.mode is ColorMode.LINEART and page.pixels.shape == (3300, 2528)
    assert page.dpi == 300 and set(np.unique(page.pixels)) == {0, 255}

    [page] = pages_of(CORPUS / "ocrmypdf__typewriter.png")  # black/white palette, no dpi
    assert page.mode is ColorMode.LINEART and page.pixels.shape == (2864, 4000)
    assert page.dpi_source == "inferred" and page.file_dpi is None

    [page] = pages_of(CORPUS / "lept__lucasta.047.jpg")
    assert page.mode is ColorMode.GRAY and page.pixels.shape == (1879, 1065)


def test_a_thumbnail_directory_in_a_tiff_is_not_a_page(tmp_path: Path) -> None:
    frames = [
        Image.fromarray(noise(20, 10, channels=1)),
        Image.fromarray(noise(5, 3, channels=1, seed=1)),  # the preview a scanner added
        Image.fromarray(noise(20, 10, channels=1, seed=2)),
    ]
    data = multipage_tiff(frames, tiffinfo={254: 0})
    full_page = b"\xfe\x00\x04\x00\x01\x00\x00\x00\x00\x00\x00\x00"  # NewSubfileType = 0
    first = data.index(full_page)
    second = data.index(full_page, first + 1)
    reduced = full_page[:8] + b"\x01" + full_page[9:]  # NewSubfileType = 1: reduced image
    data = data[:second] + reduced + data[second + len(full_page) :]
    pages = pages_of(write(tmp_path, "with-preview.tif", data))
    assert [p.index for p in pages] == [1, 2]
    assert np.array_equal(pages[1].pixels, np.asarray(frames[2]))


def test_a_large_page_decodes_once_into_its_array_with_the_pixels_pillow_reads(
    tmp_path: Path, monkeypatch
) -> None:
    """Past LARGE_PIXELS OpenCV decodes into an array allocated once (3 bytes a pixel); lowered
    here so a small file takes that path."""
    from drivers.importer import raster

    monkeypatch.setattr(raster, "LARGE_PIXELS", 1000)
    for name, data in (
        ("big.png", encode(pattern(120, 90), "PNG", dpi=(300, 300))),
        ("big.jpg", encode(pattern(120, 90), "JPEG", quality=90, dpi=(300, 300))),
        ("gray.png", encode(pattern(120, 90)[:, :, 1], "PNG", dpi=(300, 300))),
    ):
        [page] = pages_of(write(tmp_path, name, data))
        expected = np.asarray(Image.open(io.BytesIO(data)))
        assert page.pixels.shape == expected.shape and page.pixels.flags.writeable
        assert np.array_equal(page.pixels, expected), name
        assert page.original == data and page.dpi == 300


def test_large_tiff_pages_decode_once_into_their_arrays_with_the_pixels_pillow_reads(
    tmp_path: Path, monkeypatch
) -> None:
    """Past LARGE_PIXELS a plain TIFF page (8-bit RGB or gray, 1-bit) is read by OpenCV into one
    array with Pillow's pixels, on every page of a multi-page file and on a fax page in one
    strip; a page with an orientation tag stays with Pillow. Lowered here so small files take
    that path."""
    from drivers.importer import tiff_pages

    monkeypatch.setattr(tiff_pages, "LARGE_PIXELS", 1000)
    colour, gray = noise(120, 90, seed=5), noise(120, 90, channels=1, seed=6)
    bits = noise(120, 90, channels=1, seed=7) > 127
    frames = [Image.fromarray(bits), Image.fromarray(gray), Image.fromarray(colour)]
    data = multipage_tiff(frames, compression="tiff_lzw", dpi=(300, 300))
    pages = pages_of(write(tmp_path, "sheets.tif", data))
    assert [p.mode for p in pages] == [ColorMode.LINEART, ColorMode.GRAY, ColorMode.COLOR]
    assert np.array_equal(pages[0].pixels, bits.astype(np.uint8) * 255)
    assert np.array_equal(pages[1].pixels, gray)
    assert np.array_equal(pages[2].pixels, colour)
    assert all(p.dpi == 300 and p.pixels.flags.writeable for p in pages)

    one_strip = {278: 120}  # RowsPerStrip: the whole fax page in one strip
    fax = encode(bits, "TIFF", compression="group4", dpi=(200, 200), tiffinfo=one_strip)
    [page] = pages_of(write(tmp_path, "fax.tif", fax))
    assert page.mode is ColorMode.LINEART and page.dpi == 200
    assert np.array_equal(page.pixels, bits.astype(np.uint8) * 255)

    photo = encode(pattern(120, 90), "TIFF", compression="jpeg", dpi=(300, 300))
    [page] = pages_of(write(tmp_path, "photo.tif", photo))
    assert np.array_equal(page.pixels, np.asarray(Image.open(io.BytesIO(photo))))

    turned = encode(colour, "TIFF", compression="tiff_deflate", tiffinfo={274: 6})
    [page] = pages_of(write(tmp_path, "turned.tif", turned))
    assert np.array_equal(page.pixels, np.asarray(Image.open(io.BytesIO(turned))))
