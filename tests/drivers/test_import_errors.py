"""Bad input: every failure is a StationError with an IMPORT_* code; nothing before it is lost."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from drivers.importer import MAX_PIXELS, ImportedPage, import_file, import_files
from drivers.importer.tiff_structure import read_layout
from station.errors import ErrorCode, StationError
from tests.drivers.import_samples import (
    blank_pdf,
    encode,
    gif_declaring,
    jpeg_declaring,
    multipage_tiff,
    noise,
    pdf_of_images,
    png_declaring,
    rewrite,
    tiff_declaring,
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def import_until_error(path: Path, **options) -> tuple[list[ImportedPage], StationError]:
    pages: list[ImportedPage] = []
    with pytest.raises(StationError) as caught:
        for page in import_file(path, **options):
            pages.append(page)
    assert caught.value.params["path"] == str(path)
    assert caught.value.params["detail"]
    return pages, caught.value


def three_page_pdf() -> bytes:
    return pdf_of_images([encode(noise(200, 150, seed=i), "PNG") for i in range(3)])


# missing, foreign and damaged files -------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    _, error = import_until_error(tmp_path / "gone.pdf")
    assert error.code is ErrorCode.IMPORT_NOT_FOUND


def test_a_folder_is_not_importable(tmp_path: Path) -> None:
    _, error = import_until_error(tmp_path)
    assert error.code is ErrorCode.IMPORT_UNSUPPORTED


def test_foreign_formats_are_unsupported(tmp_path: Path) -> None:
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    text = "Đơn đề nghị cấp giấy phép\n".encode()
    for name, data in (("don.docx", docx.getvalue()), ("ghi-chu.txt", text)):
        _, error = import_until_error(write(tmp_path, name, data))
        assert error.code is ErrorCode.IMPORT_UNSUPPORTED, name


def test_animated_gif_is_unsupported(tmp_path: Path) -> None:
    frames = [Image.fromarray(noise(8, 8, seed=i)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    _, error = import_until_error(write(tmp_path, "spinner.gif", buffer.getvalue()))
    assert error.code is ErrorCode.IMPORT_UNSUPPORTED and "animated" in error.params["detail"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("noise.jpg", bytes(noise(64, 64).ravel())),
        ("empty.pdf", b""),
        ("empty", b""),
        ("header-only.png", encode(noise(8, 8), "PNG")[:20]),
        ("header-only.tif", b"II*\x00\x08\x00\x00\x00"),
        ("garbage.pdf", b"%PDF-1.7\n" + bytes(noise(32, 32).ravel())),
    ],
)
def test_corrupt_files(tmp_path: Path, name: str, data: bytes) -> None:
    pages, error = import_until_error(write(tmp_path, name, data))
    assert error.code is ErrorCode.IMPORT_CORRUPT and pages == []


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_truncated_single_image_is_corrupt(tmp_path: Path, fmt: str) -> None:
    data = encode(noise(200, 200), fmt)
    _, error = import_until_error(write(tmp_path, f"cut.{fmt.lower()}", data[: len(data) * 2 // 3]))
    assert error.code is ErrorCode.IMPORT_CORRUPT


@pytest.mark.parametrize(
    ("compression", "cut"),
    [("raw", 1 / 6), ("tiff_lzw", 1 / 6), ("tiff_lzw", 10 / 33_000), ("raw", 2 / 3)],
)
def test_truncated_tiff_keeps_the_pages_before_the_damage(
    tmp_path: Path, compression: str, cut: float
) -> None:
    frames = [Image.fromarray(noise(100, 80, channels=1, seed=i)) for i in range(3)]
    data = multipage_tiff(frames, compression=compression)
    lost = max(1, int(len(data) * cut))
    pages, error = import_until_error(write(tmp_path, "cut.tif", data[:-lost]))
    assert error.code is ErrorCode.IMPORT_CORRUPT
    whole = 2 if cut < 0.5 else 1
    assert [p.index for p in pages] == list(range(1, whole + 1))
    for page, frame in zip(pages, frames, strict=False):
        assert np.array_equal(page.pixels, np.asarray(frame))


@pytest.mark.parametrize("mode", ["render", "embedded"])
def test_truncated_pdf_keeps_the_pages_before_the_damage(tmp_path: Path, mode: str) -> None:
    data = three_page_pdf()
    cut = write(tmp_path, "cut.pdf", data[: len(data) * 9 // 10])  # inside page 3's image
    pages, error = import_until_error(cut, pdf_images=mode, pdf_dpi=72)
    assert error.code is ErrorCode.IMPORT_CORRUPT
    assert [p.index for p in pages] == [1, 2]
    if mode == "embedded":
        assert np.array_equal(pages[1].pixels, noise(200, 150, seed=1))
    assert error.params["detail"].startswith("page 3")


def test_pdf_missing_only_its_tail_yields_every_page_then_says_it_is_cut(tmp_path: Path) -> None:
    data = three_page_pdf()
    pages, error = import_until_error(write(tmp_path, "tail.pdf", data[:-40]), pdf_dpi=72)
    assert error.code is ErrorCode.IMPORT_CORRUPT
    assert len(pages) == 3 and "cut off" in error.params["detail"]


def test_encrypted_pdf(tmp_path: Path) -> None:
    secret = pikepdf.Encryption(user="matkhau", owner="chu")
    data = rewrite(blank_pdf([(144, 216)]), encryption=secret)
    pages, error = import_until_error(write(tmp_path, "secret.pdf", data))
    assert error.code is ErrorCode.IMPORT_ENCRYPTED and pages == []


# decompression bombs ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bomb.png", png_declaring(100_000, 100_000)),
        ("bomb.tif", tiff_declaring(100_000, 100_000)),
        ("bomb.jpg", jpeg_declaring(65_000, 65_000)),
        ("bomb.gif", gif_declaring(65_535, 65_535)),
    ],
)
def test_decompression_bomb_is_refused_by_its_declared_size(
    tmp_path: Path, name: str, data: bytes
) -> None:
    assert len(data) < 1000
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow's DecompressionBombWarning must not escape
        pages, error = import_until_error(write(tmp_path, name, data))
    assert error.code is ErrorCode.IMPORT_TOO_LARGE and pages == []


def test_page_over_a_caller_limit_is_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "big.png", png_declaring(2000, 1000))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, error = import_until_error(path, max_pixels=1_000_000)
    assert error.code is ErrorCode.IMPORT_TOO_LARGE


def test_the_limit_admits_a0_at_600_dpi_and_lifts_pillows_own(tmp_path: Path) -> None:
    assert MAX_PIXELS >= 19866 * 28087
    list(import_file(write(tmp_path, "small.png", encode(noise(4, 4), "PNG"))))
    assert Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS >= MAX_PIXELS


# many files -------------------------------------------------------------------------------
def test_import_files_goes_on_past_bad_files(tmp_path: Path) -> None:
    good = write(tmp_path, "a.png", encode(noise(10, 10), "PNG"))
    frames = [Image.fromarray(noise(50, 40, channels=1, seed=i)) for i in range(3)]
    tiff = multipage_tiff(frames)
    cut = write(tmp_path, "b.tif", tiff[: -len(tiff) // 6])
    bomb = write(tmp_path, "c.png", png_declaring(100_000, 100_000))
    pdf = write(tmp_path, "d.pdf", blank_pdf([(144, 216), (144, 216)]))
    paths = [good, tmp_path / "missing.jpg", cut, bomb, pdf]
    results = list(import_files(paths, pdf_dpi=72))
    summary = [(r.path.name, r.page.index if r.page else r.error.code) for r in results]
    assert summary == [
        ("a.png", 1),
        ("missing.jpg", ErrorCode.IMPORT_NOT_FOUND),
        ("b.tif", 1),
        ("b.tif", 2),
        ("b.tif", ErrorCode.IMPORT_CORRUPT),
        ("c.png", ErrorCode.IMPORT_TOO_LARGE),
        ("d.pdf", 1),
        ("d.pdf", 2),
    ]
    assert all(r.ok == (r.error is None) for r in results)


def test_tiff_layout_finds_a_strip_cut_off_even_when_the_directory_is_whole() -> None:
    data = tiff_declaring(2, 4)  # directory first, then one 8-byte strip
    whole = read_layout(io.BytesIO(data), len(data))
    assert whole.damage is None and whole.directories[0].width == 2
    cut = read_layout(io.BytesIO(data[:-3]), len(data) - 3)
    assert cut.directories == () and "image data cut off" in (cut.damage or "")


def test_pdf_with_a_wrong_xref_offset_but_every_page_whole_imports_cleanly(
    tmp_path: Path,
) -> None:
    data = three_page_pdf()
    start = data.rindex(b"startxref") + len(b"startxref\n")
    end = data.index(b"\n", start)
    broken = data[:start] + b"17" + data[end:]  # points into the header: qpdf rebuilds it
    pages = list(import_file(write(tmp_path, "sloppy.pdf", broken), pdf_dpi=72))
    assert [p.index for p in pages] == [1, 2, 3]


def test_a_callers_wrong_option_is_a_value_error_not_a_bad_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.png", encode(noise(4, 4), "PNG"))
    with pytest.raises(ValueError):
        list(import_file(path, pdf_images="thumbnails"))
    with pytest.raises(ValueError):
        list(import_files([path], pdf_dpi=0))


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_damaged_exif_does_not_refuse_a_good_jpeg(tmp_path: Path) -> None:
    data = encode(noise(16, 16), "JPEG", exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff")
    [page] = import_file(write(tmp_path, "odd-exif.jpg", data))
    assert page.orientation == 1 and page.original == data
