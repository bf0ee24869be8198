"""The standard encoding never changes a glyph: real scans whose strokes the old bi-level mask wore
away ("1860" read "1S60", a receipt's address broken up, handwritten "16,95" thinned) render with
the same text and the same strokes.

Each corpus page goes through the pipeline as `sohoa process` takes it: read by the importer
(its dpi from the file, or inferred), then run_page with the standard profile, which deskews
(and crops) the page before encoding it. The PDF page is rendered back by pdfium at the scan's
dpi, so its pixels line up with the original corrected the same way (the same transforms,
nothing encoded). Crops are given on the file as delivered and mapped through the transforms.
Two kinds of check on them:
- Tesseract reads the crop's known digits (or words), as it reads them on the original (skipped
  where tesseract is not installed);
- strokes: cut at halfway between the crop's paper and ink, every dark pixel of the corrected
  original is still dark within a pixel in the rendering, and no stroke breaks into more pieces.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

import cv2
import numpy as np
import pytest

from drivers.importer import import_file
from station.imaging.lightness import lightness
from station.imaging.results import ColourClass
from station.imaging.shrink import shrink_to
from station.pdf import EncodedPage, EncodeOptions, encode_page, fidelity
from station.pdf.fidelity import cell_px, compare, failed_cells
from station.pdf.segment import paper_model
from station.pipeline import transforms as tf
from station.pipeline.jobs import run_page
from station.pipeline.process import working_image
from tests.station.pdf.support import CORPUS, corpus, pdf_of, render

Box = tuple[int, int, int, int]  # top, bottom, left, right

# (file, crop on the file as delivered, the digits Tesseract reads there on the original); the
# crops hold one line of text on the levelled page too
KNOWN_TEXT = [
    ("ocrmypdf__congress.jpg", (932, 962, 300, 445), "1860"),
    ("ocrmypdf__congress.jpg", (862, 892, 740, 840), "261870"),
    ("ocrmypdf__congress.jpg", (535, 562, 200, 340), "271871"),
    ("deskew__deskew-7.png", (44, 74, 110, 235), "26"),
    ("deskew__deskew-7.png", (270, 305, 15, 140), "22022014"),
    ("deskew__deskew-7.png", (282, 315, 205, 305), "101140"),
    ("deskew__deskew-7.png", (400, 454, 215, 300), "42000"),
    # the handwritten "16" of "16,95": Tesseract reads it "76" on the original, so that is what
    # the encoded page must read too
    ("deskew__deskew-5.png", (400, 436, 380, 450), "76"),
]
# (file, crop on the file as delivered, a word Tesseract reads there on the original): faint
# newspaper print, whose lightest strokes the MRC background drew as plain paper ("fairiv",
# "close |")
KNOWN_WORDS = [
    ("lept__lighttext.jpg", (95, 135, 370, 710), "fairly"),
    ("lept__lighttext.jpg", (438, 470, 705, 1000), "closed"),
]
STROKE_CROPS = [
    ("ocrmypdf__congress.jpg", (930, 966, 300, 445)),  # "June, 1860,"
    ("deskew__deskew-7.png", (40, 95, 110, 235)),  # "Bahnhofstrasse 26 / 9443 Widnau"
    ("deskew__deskew-7.png", (0, 30, 0, 336)),  # the address box's thin top border
    ("deskew__deskew-5.png", (385, 470, 365, 545)),  # handwritten "16,95" and its stroke
    ("deskew__deskew-5.png", (640, 700, 550, 1020)),  # stamp-and-signature line
]


@dataclass(frozen=True)
class Processed:
    original: np.ndarray  # the file as delivered, BGR
    corrected: np.ndarray  # the original with the page's transforms, nothing encoded
    page: EncodedPage
    shown: np.ndarray  # the PDF page rendered at `dpi`, in `corrected`'s pixels
    pdf: bytes
    dpi: int  # the scan's, as the importer gives it
    matrix: np.ndarray  # delivered pixels -> corrected pixels

    def crop(self, box: Box) -> Box:
        """`box` (on the file as delivered) in the corrected page's pixels: the same size around
        its centre's new place. The page is levelled, so the box holds the same line of text
        (a box around the turned corners would take in the lines above and below)."""
        top, bottom, left, right = box
        centre = np.array([[((left + right - 1) / 2, (top + bottom - 1) / 2)]], np.float64)
        x, y = cv2.perspectiveTransform(centre, self.matrix)[0, 0]
        height, width = self.corrected.shape[:2]
        new_top = min(max(0, round(y - (bottom - top - 1) / 2)), height - (bottom - top))
        new_left = min(max(0, round(x - (right - left - 1) / 2)), width - (right - left))
        return new_top, new_top + bottom - top, new_left, new_left + right - left


def _processed(name: str) -> Processed:
    (imported,) = import_file(CORPUS / name)
    original = working_image(imported.pixels, rgb=imported.pixels.ndim == 3)
    dpi = imported.dpi
    outcome = run_page(original.copy(), dpi, "standard")
    assert outcome.encoded is not None
    assert any(t.kind == tf.DESKEW for t in outcome.transforms), name  # a skewed scan
    corrected = tf.apply_transforms(original, dpi, outcome.transforms)
    pdf = pdf_of([outcome.encoded])
    shown = _rendered(pdf, dpi, corrected.shape)
    geometric = [t for t in outcome.transforms if tf.is_geometric(t)]
    matrix = tf.composed(original, geometric).matrix
    return Processed(original, corrected, outcome.encoded, shown, pdf, dpi, matrix)


def _rendered(pdf: bytes, dpi: int, shape: tuple[int, ...]) -> np.ndarray:
    shown = cv2.cvtColor(render(pdf, dpi), cv2.COLOR_RGB2BGR)
    return shown[: shape[0], : shape[1]]


@pytest.fixture(scope="module")
def pages() -> dict[str, Processed]:
    names = {name for name, *_ in KNOWN_TEXT + KNOWN_WORDS + STROKE_CROPS}
    return {name: _processed(name) for name in names}


def _cut(image: np.ndarray, box: Box) -> np.ndarray:
    top, bottom, left, right = box
    return image[top:bottom, left:right]


def _line(crop: np.ndarray) -> str:
    """Tesseract's reading of a one-line crop, enlarged three times."""
    big = cv2.resize(crop, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    ok, png = cv2.imencode(".png", big)
    assert ok
    return subprocess.run(
        ["tesseract", "stdin", "stdout", "--psm", "7", "-l", "eng"],
        input=png.tobytes(),
        capture_output=True,
        check=True,
    ).stdout.decode()


def _digits(crop: np.ndarray) -> str:
    return re.sub(r"\D", "", _line(crop))


def _words(crop: np.ndarray) -> list[str]:
    return re.findall(r"[a-z]+", _line(crop).lower())


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize(("name", "box", "digits"), KNOWN_TEXT)
def test_tesseract_reads_the_same_digits_on_the_processed_page(pages, name, box, digits) -> None:
    page = pages[name]
    assert _digits(_cut(page.original, box)).endswith(digits)  # the scan reads so
    assert digits in _digits(_cut(page.corrected, page.crop(box)))  # ... and deskewed
    assert digits in _digits(_cut(page.shown, page.crop(box)))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize(("name", "box", "word"), KNOWN_WORDS)
def test_tesseract_reads_the_same_faint_words_on_the_processed_page(pages, name, box, word) -> None:
    page = pages[name]
    assert word in _words(_cut(page.original, box))  # the scan reads so
    assert word in _words(_cut(page.corrected, page.crop(box)))  # ... and deskewed
    assert word in _words(_cut(page.shown, page.crop(box)))


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


@pytest.mark.parametrize(("name", "box"), STROKE_CROPS)
def test_every_stroke_of_the_scan_is_kept_whole(pages, name, box) -> None:
    page = pages[name]
    moved = page.crop(box)
    lost, before, after = stroke_changes(_cut(page.corrected, moved), _cut(page.shown, moved))
    assert lost < 0.02
    assert after <= before + max(1, before // 10)  # broken strokes make more pieces


@pytest.mark.parametrize("name", ["ocrmypdf__congress.jpg", "deskew__deskew-7.png"])
def test_the_rendered_page_passes_the_shape_check_everywhere(pages, name) -> None:
    page = pages[name]
    # Rendered at the encoded page's dpi and checked against what the encoder was given (a page
    # scanned below 200 dpi resampled up bicubically, as the encoder does), judged as the
    # encoder judges it: at the scan's own resolution.
    dpi = page.page.dpi
    size = (round(page.page.width_pt / 72 * dpi), round(page.page.height_pt / 72 * dpi))
    image = page.corrected
    if size != (image.shape[1], image.shape[0]):
        image = cv2.resize(image, size, interpolation=cv2.INTER_CUBIC)
    shown = lightness(_rendered(page.pdf, dpi, image.shape))
    paper = cv2.resize(paper_model(image, dpi).paper, size, interpolation=cv2.INTER_LINEAR)
    light = lightness(image)
    height, width = page.corrected.shape[:2]
    if size != (width, height):
        light, shown, paper = (shrink_to(m, (width, height)) for m in (light, shown, paper))
    failed = failed_cells(compare(light, shown, paper, page.dpi), page.dpi)
    # pdfium resamples a patch (a small JPEG of the original) and its edge: a speck may differ
    # there, within a cell of it.
    cell = cell_px(page.dpi)
    for layer in page.page.layers[2:]:
        left = round(layer.box.x / 72 * page.dpi) // cell
        top = (height - round((layer.box.y + layer.box.height) / 72 * page.dpi)) // cell
        right = -(-round((layer.box.x + layer.box.width) / 72 * page.dpi) // cell)
        bottom = -(-(height - round(layer.box.y / 72 * page.dpi)) // cell)
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


def _faint_print() -> tuple[np.ndarray, np.ndarray]:
    """(A page printed faint: strokes 25 levels under the paper, the paper)."""
    paper = np.full((80, 160), 250, np.uint8)
    scan = paper.copy()
    for row in (20, 40, 60):
        cv2.line(scan, (10, row), (150, row), 225, 2)
    return scan, paper


def test_the_check_finds_a_faint_stroke_drawn_as_paper() -> None:
    scan, paper = _faint_print()
    faded = scan.copy()
    faded[36:45, 60:100] = 250  # the faint stroke's middle drawn as plain paper
    failed = failed_cells(compare(scan, faded, paper, 300), 300)
    assert failed.any()
    cell = cell_px(300)
    rows, cols = np.nonzero(failed)
    assert rows.min() * cell < 45 and (rows.max() + 1) * cell > 36
    assert cols.min() * cell < 100 and (cols.max() + 1) * cell > 60
    assert not failed_cells(compare(scan, scan, paper, 300), 300).any()


def test_the_check_leaves_a_faint_speck_on_a_dark_page_to_the_paper() -> None:
    # Show-through and specks on a page printed in black: the background may draw them as paper.
    scan, paper = _faint_print()
    scan[20:22, 10:150] = 30  # this page's print is black
    speck = scan.copy()
    cv2.circle(speck, (80, 50), 4, 225, -1)
    assert not failed_cells(compare(speck, scan, paper, 300), 300).any()


@pytest.fixture(scope="module")
def resampled() -> tuple[np.ndarray, EncodedPage, np.ndarray]:
    """The congress page taken as a 150 dpi scan, so resampled up to 200 with a cheaper
    background, rendered back at 150 dpi to line up with the scan."""
    image = corpus("ocrmypdf__congress.jpg")
    page = encode_page(image, 150, ColourClass.COLOR, EncodeOptions())
    shown = cv2.cvtColor(render(pdf_of([page]), 150), cv2.COLOR_RGB2BGR)
    return image, page, shown[: image.shape[0], : image.shape[1]]


# congress as a 150 dpi scan encoded as it lies (no deskew): crops on the page as delivered
RESAMPLED_TEXT = [
    ((930, 966, 300, 445), "1860"),
    ((862, 892, 740, 840), "261870"),
    ((535, 562, 200, 340), "271871"),
]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize(("box", "digits"), RESAMPLED_TEXT)
def test_a_page_resampled_up_keeps_its_digits(resampled, box, digits) -> None:
    _, page, shown = resampled
    assert page.upsampled_from == 150 and page.min_image_ppi >= 199.5
    top, bottom, left, right = box
    assert digits in _digits(shown[top:bottom, left:right])


def test_a_page_resampled_up_keeps_every_stroke(resampled) -> None:
    image, _, shown = resampled
    top, bottom, left, right = RESAMPLED_TEXT[0][0]  # "June, 1860,"
    lost, before, after = stroke_changes(
        image[top:bottom, left:right], shown[top:bottom, left:right]
    )
    assert lost < 0.02
    assert after <= before + max(1, before // 10)


@pytest.fixture(scope="module")
def low_contrast() -> np.ndarray:
    """contrast-orig-60.jpg, a gray photocopy scanned at 100 dpi, resampled up to 200 and
    rendered back at 200: the resolution Tesseract reads such a page at."""
    image = corpus("lept__contrast-orig-60.jpg")
    page = encode_page(image, 100, ColourClass.GRAY, EncodeOptions())
    assert page.upsampled_from == 100
    return cv2.cvtColor(render(pdf_of([page]), 200), cv2.COLOR_RGB2BGR)


# (crop at 200 dpi, a word Tesseract reads there on the scan resampled to 200 dpi): with the ink
# cut out of the background under a stencil of the whole interpolated stroke, the soft rims
# round it read "appearuace", "opptication" and nothing at all where "taken" stood
LOW_CONTRAST_WORDS = [
    ((445, 482, 33, 464), "taken"),
    ((494, 532, 33, 460), "application"),
    ((380, 417, 35, 464), "appearance"),
]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
@pytest.mark.parametrize(("box", "word"), LOW_CONTRAST_WORDS)
def test_a_low_resolution_page_keeps_its_words(low_contrast, box, word) -> None:
    top, bottom, left, right = box
    original = corpus("lept__contrast-orig-60.jpg")
    resampled = cv2.resize(original, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    assert word in _line(resampled[top:bottom, left:right]).split()  # the crop holds it
    assert word in re.findall(r"\w+", _line(low_contrast[top:bottom, left:right]))


def test_a_one_bit_page_resampled_up_keeps_its_strokes_weight() -> None:
    # A 1-bit table scanned at 150 dpi: its 200 dpi mask is the bicubic resample cut at mid-gray,
    # so strokes keep their weight (cut against the paper model, they grew 5% bolder and the
    # page read 0.33 of its words against OCRmyPDF's 0.36).
    image = corpus("lept__table.27.tif")
    page = encode_page(image, 150, ColourClass.BW, EncodeOptions())
    assert page.upsampled_from == 150 and page.min_image_ppi >= 199.5
    shown = cv2.cvtColor(render(pdf_of([page]), 200), cv2.COLOR_RGB2GRAY)
    height, width = round(image.shape[0] * 4 / 3), round(image.shape[1] * 4 / 3)
    ink = float(np.count_nonzero(shown[:height, :width] < 128)) / (height * width)
    scanned = float(np.count_nonzero(image < 128)) / image.size
    assert abs(ink - scanned) < 0.01 * scanned


@pytest.mark.parametrize("shape", [(36, 48), (37, 50), (11, 7), (24, 5), (5, 30)])
def test_each_cell_counts_its_own_pixels_the_partial_ones_padded_with_paper(
    shape: tuple[int, int],
) -> None:
    """The share of differing pixels per cell, the partial last row and column of cells counted
    as if padded with pixels that do not differ, as on the page padded whole."""
    size = 12
    binary = np.random.default_rng(sum(shape)).choice([0, 255], size=shape).astype(np.uint8)
    cells_h, cells_w = -(-shape[0] // size), -(-shape[1] // size)
    padded = np.zeros((cells_h * size, cells_w * size), np.uint8)
    padded[: shape[0], : shape[1]] = binary
    blocks = padded.reshape(cells_h, size, cells_w, size).astype(np.float64)
    expected = np.rint(blocks.mean(axis=(1, 3))).astype(np.uint8)
    assert np.array_equal(fidelity._per_cell(binary, size, cells_w), expected)
