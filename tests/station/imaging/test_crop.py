"""Finding the document on the bed: cards to within 2 mm, pages lose their dark margins, no false
crops on pages that fill the image, and odd inputs never crash."""

from __future__ import annotations

import csv
import functools
import math
import time
import tracemalloc
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.contract import ColorMode
from station.imaging.crop import crop_document, detect_document, image_corners
from station.imaging.results import CropResult, DocumentKind
from tests.station.imaging.virtual_bed import DARK_BED, LIGHT_BED, BedScan, scan_on_bed

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
MM_PER_INCH = 25.4
CARD_MM = (85.6, 54.0)
TOLERANCE_MM = 2.0
# pages scanned with the scanner's dark lid around them (checked by eye on the crops)
BED_PAGES = (
    "deskew__deskew-3.png",
    "deskew__deskew-4.png",
    "lept__binding-example.45.jpg",
    "ocrmypdf__congress.jpg",
)
MIN_KEPT = 0.97  # a page that fills the image keeps at least this share when cropped at all

# seed, skew (clockwise on the glass), dpi, mode, bed: both beds, both modes, +-45 degrees
CARDS = (
    (3, -45.0, 150, ColorMode.COLOR, DARK_BED),
    (4, 45.0, 200, ColorMode.GRAY, DARK_BED),
    (5, -12.5, 300, ColorMode.COLOR, LIGHT_BED),
    (6, 0.0, 100, ColorMode.GRAY, LIGHT_BED),
    (7, 31.0, 150, ColorMode.COLOR, DARK_BED),
    (8, -3.2, 300, ColorMode.GRAY, DARK_BED),
    (9, 17.0, 75, ColorMode.COLOR, DARK_BED),
    (10, -27.0, 200, ColorMode.COLOR, LIGHT_BED),
)
CARD_IDS = [
    f"seed{seed}-{skew:+g}deg-{dpi}dpi-{mode.value}-{'dark' if bed == DARK_BED else 'light'}"
    for seed, skew, dpi, mode, bed in CARDS
]


@functools.cache
def card(index: int) -> BedScan:
    return scan_on_bed("card", *CARDS[index])


def corner_errors_mm(found: CropResult, truth: BedScan) -> list[float]:
    return [
        math.dist(a, b) / truth.px_per_mm for a, b in zip(found.corners, truth.corners, strict=True)
    ]


def gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def outline_band(height: int, width: int, radius: float, depth: float) -> np.ndarray:
    """Pixels of a rounded rectangle filling the image, within `depth` of its outline."""
    inside = np.zeros((height, width), np.uint8)
    r = round(radius)
    cv2.rectangle(inside, (r, 0), (width - 1 - r, height - 1), 1, -1)
    cv2.rectangle(inside, (0, r), (width - 1, height - 1 - r), 1, -1)
    for x, y in ((r, r), (width - 1 - r, r), (r, height - 1 - r), (width - 1 - r, height - 1 - r)):
        cv2.circle(inside, (x, y), r, 1, -1)
    distance = cv2.distanceTransform(inside, cv2.DIST_L2, 3)
    return (inside > 0) & (distance <= depth)


def kept_share(found: CropResult, shape: tuple[int, ...]) -> float:
    height, width = shape[:2]
    frame = np.array(image_corners(width, height), np.float32)
    area, _ = cv2.intersectConvexConvex(np.array(found.corners, np.float32), frame)
    return float(area) / (width * height)


# --- cards on the bed ---------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(CARDS)), ids=CARD_IDS)
def test_card_on_bed_corners_land_within_2mm_of_the_card(index: int) -> None:
    scan = card(index)
    found = detect_document(scan.image, scan.dpi)
    assert found.kind is DocumentKind.CARD
    assert max(corner_errors_mm(found, scan)) <= TOLERANCE_MM
    assert found.angle_deg == pytest.approx(scan.angle_ccw, abs=0.5)
    assert found.confidence > 0.5


def test_card_corners_are_typically_a_fraction_of_a_millimetre_off() -> None:
    errors = []
    for index in range(len(CARDS)):
        scan = card(index)
        errors += corner_errors_mm(detect_document(scan.image, scan.dpi), scan)
    assert np.median(errors) <= 0.5, errors


@pytest.mark.parametrize("index", range(len(CARDS)), ids=CARD_IDS)
def test_cropped_card_is_id1_sized_with_painted_corners(index: int) -> None:
    scan = card(index)
    cropped = crop_document(scan.image, detect_document(scan.image, scan.dpi))
    height, width = cropped.shape[:2]
    assert width / scan.px_per_mm == pytest.approx(CARD_MM[0], abs=TOLERANCE_MM)
    assert height / scan.px_per_mm == pytest.approx(CARD_MM[1], abs=TOLERANCE_MM)
    pixels = cropped.reshape(height, width, -1).astype(np.float64)
    for corner in (pixels[0, 0], pixels[0, -1], pixels[-1, 0], pixels[-1, -1]):
        assert np.abs(corner - scan.card_stock).max() <= 8, corner  # card stock, not the bed


@pytest.mark.parametrize(
    "index", [k for k, case in enumerate(CARDS) if case[4] == DARK_BED], ids=lambda k: CARD_IDS[k]
)
def test_no_dark_bed_shows_along_a_cropped_cards_edges(index: int) -> None:
    """The outer half millimetre, round the rounded corners too, is card stock: no grey line."""
    scan = card(index)
    cropped = gray(crop_document(scan.image, detect_document(scan.image, scan.dpi)))
    height, width = cropped.shape
    band = outline_band(height, width, 3.18 * scan.px_per_mm, 0.5 * scan.px_per_mm)
    edge = cropped[band].astype(np.float64)
    stock = float(scan.card_stock.mean())
    assert edge.min() >= stock - 45, edge.min()  # no bed-dark pixel at all
    assert edge.mean() >= stock - 10, edge.mean()  # and no faint line of half-bed pixels


def test_card_crop_keeps_dtype_and_channels_and_leaves_the_scan_alone() -> None:
    scan = card(0)  # colour, dark bed
    bgr = scan.image
    variants = {
        "bgr": bgr,
        "bgra": cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA),
        "gray": cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY),
        "bgr16": bgr.astype(np.uint16) * 257,
        "gray16": cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(np.uint16) * 257,
    }
    for name, image in variants.items():
        before = image.copy()
        found = detect_document(image, scan.dpi)
        assert found.kind is DocumentKind.CARD, name
        assert max(corner_errors_mm(found, scan)) <= TOLERANCE_MM, name
        cropped = crop_document(image, found)
        assert np.array_equal(image, before), name
        assert cropped.dtype == image.dtype, name
        assert cropped.shape[2:] == image.shape[2:], name
        # the painted corner is card stock on the image's own scale (65535 is white in 16 bits)
        white = np.iinfo(image.dtype).max
        assert cropped[0, 0].astype(np.float64).min() >= 0.8 * white, name


# --- pages on a dark bed ------------------------------------------------------------------


def page_on_bed(angle_ccw: float, dpi: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """An A5 sheet of text turned `angle_ccw` on an A4 dark bed; the image and its corners."""
    px = dpi / MM_PER_INCH
    width, height = round(148 * px), round(210 * px)
    sheet = np.full((height, width), 238, np.uint8)
    for row, y in enumerate(range(round(20 * px), height - round(20 * px), round(6 * px))):
        text = "So hoa ho so luu tru 2024 - trang " + str(row)
        cv2.putText(sheet, text, (round(15 * px), y), cv2.FONT_HERSHEY_SIMPLEX, px / 10, 25, 2)
    centre = ((width - 1) / 2, (height - 1) / 2)
    matrix = cv2.getRotationMatrix2D(centre, angle_ccw, 1.0)  # counter-clockwise on screen
    matrix[:, 2] += (110 * px - centre[0], 150 * px - centre[1])
    bed_size = (round(215.9 * px), round(297 * px))
    bed = (30,)
    image = cv2.warpAffine(sheet, matrix, bed_size, borderMode=cv2.BORDER_CONSTANT, borderValue=bed)
    noise = np.random.default_rng(1).integers(-4, 5, image.shape, dtype=np.int16)
    image = np.clip(image + noise, 0, 255).astype(np.uint8)
    outline = np.array(
        [(-0.5, -0.5), (width - 0.5, -0.5), (width - 0.5, height - 0.5), (-0.5, height - 0.5)]
    )
    corners = outline @ matrix[:, :2].T + matrix[:, 2]
    return image, corners


@pytest.mark.parametrize(
    ("angle", "dpi"), [(-4.0, 100), (0.0, 100), (0.0, 300), (2.5, 150), (7.0, 100)]
)
def test_page_on_dark_bed_is_cut_at_its_edges(angle: float, dpi: int) -> None:
    """Laid square too: the mask's whole analysis pixels must not leave a line of bed."""
    image, corners = page_on_bed(angle, dpi)
    px_per_mm = dpi / MM_PER_INCH
    found = detect_document(image, dpi)
    assert found.kind is DocumentKind.PAGE
    errors = [math.dist(a, b) / px_per_mm for a, b in zip(found.corners, corners, strict=True)]
    assert max(errors) <= 1.0, errors
    assert found.angle_deg == pytest.approx(angle, abs=0.3)
    cropped = crop_document(image, found)
    assert cropped.shape[1] / px_per_mm == pytest.approx(148, abs=TOLERANCE_MM)
    assert cropped.shape[0] / px_per_mm == pytest.approx(210, abs=TOLERANCE_MM)
    for edge in (cropped[:2], cropped[-2:], cropped[:, :2], cropped[:, -2:]):
        assert edge.min() > 120  # paper right up to the edge, no bed


@pytest.mark.parametrize(("seed", "skew", "dpi"), [(1, 2.0, 100), (2, -3.5, 150), (4, 6.0, 75)])
def test_virtual_a4_sheet_running_off_the_glass_is_still_found(
    seed: int, skew: float, dpi: int
) -> None:
    """An A4 sheet on the A4 glass: bed shows at the sides, its skewed corners lie off the image."""
    scan = scan_on_bed("document", seed, skew, dpi, ColorMode.COLOR, DARK_BED)
    found = detect_document(scan.image, scan.dpi)
    assert found.kind is DocumentKind.PAGE
    assert max(corner_errors_mm(found, scan)) <= TOLERANCE_MM


@functools.cache
def corpus() -> dict[str, tuple[np.ndarray, int]]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    pages = {}
    for row in rows:
        image = cv2.imread(str(CORPUS / row["filename"]), cv2.IMREAD_UNCHANGED)
        assert image is not None, row["filename"]
        digits = row["dpi"].split("(")[0].strip()
        pages[row["filename"]] = (image, int(digits) if digits.isdigit() else 300)
    return pages


@pytest.mark.parametrize("name", BED_PAGES)
def test_corpus_page_on_dark_bed_loses_its_margins(name: str) -> None:
    image, dpi = corpus()[name]
    found = detect_document(image, dpi)
    assert found.kind is DocumentKind.PAGE
    assert kept_share(found, image.shape) < MIN_KEPT
    # what is cut away is the bed ...
    outside = np.ones(image.shape[:2], np.uint8)
    cv2.fillConvexPoly(outside, np.round(np.array(found.corners)).astype(np.int32), 0)
    assert (gray(image)[outside > 0] < 80).mean() >= 0.75
    # ... and the crop's edges are paper (a book's bowed top may leave a pixel row of bed)
    cropped = gray(crop_document(image, found))
    depth = max(2, round(0.01 * min(cropped.shape)))
    for edge in (cropped[:depth], cropped[-depth:], cropped[:, :depth], cropped[:, -depth:]):
        assert np.median(edge) > 150


def test_corpus_pages_that_fill_the_image_are_not_cropped() -> None:
    cropped = {}
    for name, (image, dpi) in corpus().items():
        if name in BED_PAGES:
            continue
        found = detect_document(image, dpi)
        if found.kind is not DocumentKind.NONE and kept_share(found, image.shape) < MIN_KEPT:
            cropped[name] = (found.kind, kept_share(found, image.shape))
    assert len(corpus()) - len(BED_PAGES) >= 25
    assert cropped == {}


def text_page(dpi: int = 100) -> np.ndarray:
    """An A4 page filling the image: text lines on off-white paper."""
    px = dpi / MM_PER_INCH
    page = np.full((round(297 * px), round(210 * px)), 236, np.uint8)
    for y in range(round(15 * px), page.shape[0] - round(15 * px), round(7 * px)):
        cv2.putText(page, "Cong hoa xa hoi chu nghia", (round(15 * px), y), 0, px / 10, 30, 2)
    return page


def _dark_photo(page: np.ndarray, top: int, bottom: int, left: int, right: int) -> None:
    rng = np.random.default_rng(3)
    page[top:bottom, left:right] = rng.integers(5, 60, (bottom - top, right - left))


def _photo_in_middle(page: np.ndarray) -> None:
    h, w = page.shape
    _dark_photo(page, h // 3, 2 * h // 3, w // 6, 5 * w // 6)


def _photo_across_top(page: np.ndarray) -> None:
    _dark_photo(page, 0, 2 * page.shape[0] // 5, 0, page.shape[1])


def _photo_in_corner(page: np.ndarray) -> None:
    _dark_photo(page, 0, page.shape[0] // 3, 0, page.shape[1] // 2)


def _black_bar_left(page: np.ndarray) -> None:
    page[:, : round(10 / MM_PER_INCH * 100)] = 8


@pytest.mark.parametrize(
    "paint", [_photo_in_middle, _photo_across_top, _photo_in_corner, _black_bar_left]
)
def test_dark_photo_or_black_bar_is_not_taken_for_the_bed(paint) -> None:
    page = text_page()
    paint(page)
    found = detect_document(page, 100)
    assert found.kind is DocumentKind.NONE or kept_share(found, page.shape) >= MIN_KEPT


# --- odd inputs ---------------------------------------------------------------------------


def _page_variants() -> dict[str, np.ndarray]:
    image, _ = page_on_bed(3.0)
    bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return {
        "gray": image,
        "gray1": image[:, :, None],
        "bgr": bgr,
        "bgra": cv2.cvtColor(bgr, cv2.COLOR_BGR2BGRA),
        "gray16": image.astype(np.uint16) * 257,
        "bgr16": bgr.astype(np.uint16) * 257,
        "float": image.astype(np.float32),
    }


def test_every_pixel_format_finds_the_same_page() -> None:
    variants = _page_variants()
    reference = detect_document(variants["gray"], 100)
    assert reference.kind is DocumentKind.PAGE
    for name, image in variants.items():
        found = detect_document(image, 100)
        assert found.kind is DocumentKind.PAGE, name
        assert np.allclose(found.corners, reference.corners, atol=1.0), name
        assert all(type(v) is float for corner in found.corners for v in corner), name


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1), np.uint8),
        np.zeros((2, 2, 3), np.uint8),
        np.zeros((0, 0), np.uint8),
        np.zeros((1, 900), np.uint8),
        np.zeros((600, 400), np.uint8),
        np.full((600, 400, 3), 255, np.uint8),
        np.full((600, 400, 4), 255, np.uint8),
        np.zeros((600, 400), np.uint16),
        np.full((600, 400), 65535, np.uint16),
        np.zeros((60, 40), bool),
        np.random.default_rng(0).integers(0, 256, (600, 400, 3), dtype=np.uint8),
    ],
    ids=[
        "1x1",
        "2x2",
        "empty",
        "1-row",
        "black",
        "white",
        "white-bgra",
        "black16",
        "white16",
        "bool",
        "noise",
    ],  # fmt: skip
)
@pytest.mark.parametrize("dpi", [300, 72, 0])
def test_edge_inputs_give_none_and_are_kept_whole(image: np.ndarray, dpi: int) -> None:
    found = detect_document(image, dpi)
    assert found.kind is DocumentKind.NONE
    height, width = image.shape[:2]
    assert found.corners == image_corners(width, height)
    cropped = crop_document(image, found)
    assert cropped.dtype == image.dtype
    assert np.array_equal(cropped, image)


def test_a0_gray_scan_is_analysed_quickly_without_a_full_size_copy() -> None:
    dpi = 300
    height, width = round(1189 / MM_PER_INCH * dpi), round(841 / MM_PER_INCH * dpi)
    image = np.full((height, width), 30, np.uint8)  # 139 MB
    image[300:-400, 250:-350] = 235
    tracemalloc.start()
    try:
        start = time.perf_counter()
        found = detect_document(image, dpi)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.kind is DocumentKind.PAGE
    assert np.allclose(found.corners[0], (249.5, 299.5), atol=2.0)
    assert np.allclose(found.corners[2], (width - 350.5, height - 400.5), atol=2.0)
    assert elapsed < 0.5, elapsed
    assert peak < image.nbytes / 4, peak  # a float copy would be 4x the image, this is a sixth


def test_crop_of_none_returns_the_image_unchanged() -> None:
    image = text_page()
    found = detect_document(image, 100)
    assert found.kind is DocumentKind.NONE
    assert np.array_equal(crop_document(image, found), image)
