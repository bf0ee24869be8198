"""The standard encoding never changes a glyph: real scans whose strokes the old bi-level mask wore
away ("1860" read "1S60", a receipt's address broken up, handwritten "16,95" thinned) render with
the same text and the same strokes.

Two kinds of check on crops of real corpus pages, encoded at the page's own dpi and rendered back
by pdfium at that dpi (so pixels line up):
- Tesseract reads the crop's known digits (skipped where tesseract is not installed);
- strokes: cut at halfway between the crop's paper and ink, every dark pixel of the scan is still
  dark within a pixel in the rendering, and no stroke breaks into more pieces.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import cv2
import numpy as np
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodedPage, EncodeOptions, encode_page
from station.pdf.fidelity import cell_px, compare, failed_cells
from station.pdf.segment import lightness, paper_model
from tests.station.pdf.support import corpus, pdf_of, render

# (file, dpi, crop as (top, bottom, left, right), the digits printed there)
KNOWN_TEXT = [
    ("ocrmypdf__congress.jpg", 200, (930, 966, 300, 445), "1860"),
    ("ocrmypdf__congress.jpg", 200, (862, 892, 740, 840), "261870"),
    ("ocrmypdf__congress.jpg", 200, (535, 562, 200, 340), "271871"),
    ("deskew__deskew-7.png", 300, (40, 72, 110, 235), "26"),
    ("deskew__deskew-7.png", 300, (270, 305, 15, 140), "22022014"),
    ("deskew__deskew-7.png", 300, (282, 315, 205, 305), "101140"),
    ("deskew__deskew-7.png", 300, (400, 450, 215, 300), "42000"),
]
STROKE_CROPS = [
    ("ocrmypdf__congress.jpg", 200, (930, 966, 300, 445)),  # "June, 1860,"
    ("deskew__deskew-7.png", 300, (40, 95, 110, 235)),  # "Bahnhofstrasse 26 / 9443 Widnau"
    ("deskew__deskew-7.png", 300, (0, 30, 0, 336)),  # the address box's thin top border
    ("deskew__deskew-5.png", 200, (385, 470, 365, 545)),  # handwritten "16,95" and its stroke
    ("deskew__deskew-5.png", 200, (640, 700, 550, 1020)),  # stamp-and-signature line
]


def _encoded_and_rendered(name: str, dpi: int) -> tuple[np.ndarray, EncodedPage, np.ndarray]:
    image = corpus(name)
    if image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    page = encode_page(image, dpi, ColourClass.COLOR, EncodeOptions())
    shown = cv2.cvtColor(render(pdf_of([page]), dpi), cv2.COLOR_RGB2BGR)
    return image, page, shown[: image.shape[0], : image.shape[1]]


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[np.ndarray, EncodedPage, np.ndarray]]:
    names = {(name, dpi) for name, dpi, *_ in KNOWN_TEXT + STROKE_CROPS}
    return {name: _encoded_and_rendered(name, dpi) for name, dpi in names}


def _digits(crop: np.ndarray) -> str:
    big = cv2.resize(crop, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    ok, png = cv2.imencode(".png", big)
    assert ok
    read = subprocess.run(
        ["tesseract", "stdin", "stdout", "--psm", "7", "-l", "eng"],
        input=png.tobytes(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    return re.sub(r"\D", "", read)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize(("name", "dpi", "box", "digits"), KNOWN_TEXT)
def test_tesseract_reads_the_same_digits_on_the_encoded_page(pages, name, dpi, box, digits) -> None:
    image, _, shown = pages[name]
    top, bottom, left, right = box
    assert _digits(image[top:bottom, left:right]).endswith(digits[-2:])  # the scan reads so
    assert digits in _digits(shown[top:bottom, left:right])


def stroke_changes(scan: np.ndarray, shown: np.ndarray) -> tuple[float, int, int]:
    """(share of the scan's dark pixels with no dark pixel within one pixel in the rendering,
    stroke pieces in the scan, stroke pieces visible in the rendering); dark is halfway between
    the crop's paper and its ink."""
    scan_light, shown_light = lightness(scan), lightness(shown)
    paper = float(np.percentile(scan_light, 90))
    ink = float(np.percentile(scan_light, 1))
    cut = (paper + ink) / 2
    dark_scan = (scan_light < cut).astype(np.uint8)
    dark_shown = (shown_light < cut).astype(np.uint8)
    near = cv2.dilate(dark_shown, np.ones((3, 3), np.uint8))
    lost = np.count_nonzero(dark_scan & (near == 0)) / max(1, np.count_nonzero(dark_scan))
    # Pieces of the rendering are counted at a lighter cut: a line that hovers at the cut is
    # dashed in both images, and only a real gap stays open.
    visible = (shown_light < paper - LIGHTER_CUT * (paper - ink)).astype(np.uint8)
    return lost, _pieces(dark_scan), _pieces(visible)


LIGHTER_CUT = 0.3  # of the way from paper to ink


def _pieces(dark: np.ndarray) -> int:
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    return int(np.count_nonzero(stats[1:count, cv2.CC_STAT_AREA] >= 3))


@pytest.mark.parametrize(("name", "dpi", "box"), STROKE_CROPS)
def test_every_stroke_of_the_scan_is_kept_whole(pages, name, dpi, box) -> None:
    image, _, shown = pages[name]
    top, bottom, left, right = box
    lost, before, after = stroke_changes(
        image[top:bottom, left:right], shown[top:bottom, left:right]
    )
    assert lost < 0.02
    assert after <= before + max(1, before // 10)  # broken strokes make more pieces


@pytest.mark.parametrize("name", ["ocrmypdf__congress.jpg", "deskew__deskew-7.png"])
def test_the_rendered_page_passes_the_shape_check_everywhere(pages, name) -> None:
    image, page, shown = pages[name]
    dpi = page.dpi
    model = paper_model(image, dpi)
    height, width = image.shape[:2]
    paper = cv2.resize(model.paper, (width, height), interpolation=cv2.INTER_LINEAR)
    counts = compare(lightness(image), lightness(shown), paper, dpi)
    failed = failed_cells(counts, dpi)
    # pdfium resamples a patch (a small JPEG of the original) and its edge: a speck may differ
    # there, within a cell of it.
    size = cell_px(dpi)
    for layer in page.layers[2:]:
        left = round(layer.box.x / 72 * dpi) // size
        top = (height - round((layer.box.y + layer.box.height) / 72 * dpi)) // size
        right = -(-round((layer.box.x + layer.box.width) / 72 * dpi) // size)
        bottom = -(-(height - round(layer.box.y / 72 * dpi)) // size)
        failed[max(0, top - 1) : bottom + 1, max(0, left - 1) : right + 1] = False
    assert np.count_nonzero(failed) <= 1


def test_the_check_finds_a_broken_stroke() -> None:
    paper = np.full((80, 80), 240, np.uint8)
    scan = paper.copy()
    cv2.line(scan, (10, 40), (70, 40), 40, 2)
    broken = scan.copy()
    broken[:, 38:44] = 240  # a gap in the middle of the stroke, "8" into "S"
    assert failed_cells(compare(scan, broken, paper, 300), 300).any()
    assert not failed_cells(compare(scan, scan, paper, 300), 300).any()


@pytest.fixture(scope="module")
def resampled() -> tuple[np.ndarray, EncodedPage, np.ndarray]:
    """The congress page taken as a 150 dpi scan, so resampled up to 200 with a cheaper
    background, rendered back at 150 dpi to line up with the scan."""
    image = corpus("ocrmypdf__congress.jpg")
    page = encode_page(image, 150, ColourClass.COLOR, EncodeOptions())
    shown = cv2.cvtColor(render(pdf_of([page]), 150), cv2.COLOR_RGB2BGR)
    return image, page, shown[: image.shape[0], : image.shape[1]]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize(
    ("box", "digits"), [(box, digits) for name, _, box, digits in KNOWN_TEXT if "congress" in name]
)
def test_a_page_resampled_up_keeps_its_digits(resampled, box, digits) -> None:
    _, page, shown = resampled
    assert page.upsampled_from == 150 and page.min_image_ppi >= 199.5
    top, bottom, left, right = box
    assert digits in _digits(shown[top:bottom, left:right])


def test_a_page_resampled_up_keeps_every_stroke(resampled) -> None:
    image, _, shown = resampled
    top, bottom, left, right = STROKE_CROPS[0][2]  # "June, 1860,"
    lost, before, after = stroke_changes(
        image[top:bottom, left:right], shown[top:bottom, left:right]
    )
    assert lost < 0.02
    assert after <= before + max(1, before // 10)
