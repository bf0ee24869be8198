"""Skew detection and deskew: the rotated-corpus accuracy check, edge inputs, the round trip."""

from __future__ import annotations

import csv
import functools
import math
from pathlib import Path

import cv2
import numpy as np
import pytest

from station.imaging.components import components_with_stats
from station.imaging.skew import border_colour, deskew, detect_skew
from station.imaging.skew_ink import page_ink
from station.imaging.skew_text import text_ink
from station.pipeline.profile import Profile
from tests.station.pipeline.large_sheet import Sheet, draw_sheet

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# the angle set (0 left out: it is the reference itself)
ANGLES = (-12.3, -7.0, -3.3, -0.8, 0.6, 2.1, 5.5, 9.9, 14.2)
PER_PAGE = 4  # angles per page in the test (round robin over ANGLES); bench/skew.py runs all
# base skew (up to ~15 deg on the camera photo) plus the applied angle must stay in range
MAX_ANGLE = 30.0
MAX_TEST_SIDE = 3000  # larger pages (1-bit, 4000-6000 px) are halved first, to keep this fast


def corpus_dpi(text: str) -> int:
    digits = text.split("(")[0].strip()
    return int(digits) if digits.isdigit() else 300


@functools.cache
def load_corpus() -> tuple[tuple[str, np.ndarray, int], ...]:
    """Every page of tests/corpus as (name, BGR or gray uint8, dpi), the big ones halved."""
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    pages = []
    for row in rows:
        image = cv2.imread(str(CORPUS / row["filename"]), cv2.IMREAD_UNCHANGED)
        assert image is not None, row["filename"]
        if image.ndim == 3 and image.shape[2] == 4:
            image = image[:, :, :3]
        dpi = corpus_dpi(row["dpi"])
        while max(image.shape[:2]) > MAX_TEST_SIDE:
            h, w = image.shape[0] // 2, image.shape[1] // 2
            image = cv2.resize(image[: 2 * h, : 2 * w], (w, h), interpolation=cv2.INTER_AREA)
            dpi //= 2
        pages.append((row["filename"], image, dpi))
    return tuple(pages)


def rotate(image: np.ndarray, angle_ccw: float) -> np.ndarray:
    """The page turned counter-clockwise on a larger white canvas (a sheet laid askew)."""
    return deskew(image, -angle_ccw, fill=255)


def test_corpus_has_every_page() -> None:
    assert len(load_corpus()) >= 29


def test_rotated_corpus_angles_are_recovered() -> None:
    """detect(rotated) - detect(original) equals the applied angle: median <= 0.1 deg,
    max <= 0.5 deg, no miss over 2 deg, on every page of the corpus (none excluded)."""
    errors: dict[str, list[float]] = {}
    for index, (name, image, dpi) in enumerate(load_corpus()):
        base = detect_skew(image, dpi, MAX_ANGLE).angle_deg
        angles = [ANGLES[(index + k * 2) % len(ANGLES)] for k in range(PER_PAGE)]
        for angle in angles:
            found = detect_skew(rotate(image, angle), dpi, MAX_ANGLE).angle_deg
            errors.setdefault(name, []).append(abs(found - base - angle))
    every = np.concatenate([np.array(v) for v in errors.values()])
    worst = max(errors, key=lambda name: max(errors[name]))
    assert np.median(every) <= 0.1, np.median(every)
    assert every.max() <= 0.5, (worst, errors[worst])
    assert not (every > 2.0).any()


def test_text_rising_to_the_right_is_counter_clockwise_positive() -> None:
    image = np.full((1200, 1000), 255, np.uint8)
    for k in range(30):  # lines of words, 60 px (10 mm) each
        y = 200 + 25 * k
        for x in range(100, 880, 75):
            cv2.line(image, (x, round(y - 0.1 * (x - 100))), (x + 60, round(y - 0.1 * (x - 40))),
                     0, 3)  # fmt: skip
    result = detect_skew(image, 150)
    assert result.angle_deg == pytest.approx(math.degrees(math.atan(80 / 800)), abs=0.02)
    assert result.confidence > 0.9


def test_a_page_lying_sideways_gives_its_skew_from_the_nearest_axis() -> None:
    name, image, dpi = next(p for p in load_corpus() if p[0] == "lept__feyn.tif")
    base = detect_skew(image, dpi).angle_deg
    sideways = np.ascontiguousarray(np.rot90(image))
    assert detect_skew(sideways, dpi).angle_deg == pytest.approx(base, abs=0.1)
    assert detect_skew(rotate(sideways, 4.0), dpi).angle_deg == pytest.approx(base + 4.0, abs=0.1)


def test_gray_and_colour_copies_of_a_page_agree() -> None:
    name, image, dpi = next(p for p in load_corpus() if p[0] == "ocrmypdf__congress.jpg")
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    bgra = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
    angles = [detect_skew(x, dpi).angle_deg for x in (image, gray, bgra, gray[:, :, None])]
    assert max(angles) - min(angles) < 0.05


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((0, 0), np.uint8),
        np.zeros((1, 1), np.uint8),
        np.zeros((1, 1, 3), np.uint8),
        np.full((5, 7), 255, np.uint8),
        np.zeros((3, 4000), np.uint8),
        np.full((2000, 1500), 255, np.uint8),
        np.zeros((2000, 1500, 3), np.uint8),
        np.full((2000, 1500), 128, np.uint8),
    ],
    ids=["empty", "1x1", "1x1-bgr", "tiny", "one-line", "white", "black", "flat-gray"],
)
def test_empty_and_featureless_images_are_level_with_no_confidence(image: np.ndarray) -> None:
    result = detect_skew(image, 300)
    assert result.angle_deg == 0.0
    assert result.confidence == 0.0


def test_small_images_and_odd_dpi_values_do_not_break() -> None:
    rng = np.random.default_rng(3)
    for shape in ((20, 30), (9, 9, 3), (64, 48)):
        image = rng.integers(0, 256, shape).astype(np.uint8)
        for dpi in (0, -5, 72, 1200):
            result = detect_skew(image, dpi)
            assert -15.0 <= result.angle_deg <= 15.0
            assert 0.0 <= result.confidence <= 1.0


def test_grain_photos_and_blank_sheets_get_low_confidence() -> None:
    rng = np.random.default_rng(0)
    grain = np.clip(rng.normal(200, 10, (1754, 1240)), 0, 255).astype(np.uint8)
    field = cv2.GaussianBlur(rng.normal(size=(1754, 1240)).astype(np.float32), (0, 0), 12)
    photo = cv2.normalize(field, None, 20, 235, cv2.NORM_MINMAX).astype(np.uint8)
    sheet = np.full((1754, 1240), 245, np.uint8)
    for x, y in rng.integers(50, 1200, (12, 2)):
        cv2.circle(sheet, (int(x), int(y)), 2, 90, -1)  # dust
    cv2.rectangle(sheet, (0, 0), (1239, 1753), 140, 1)  # the sheet's edge shadow
    rabi = cv2.imread(str(CORPUS / "lept__rabi.png"), cv2.IMREAD_GRAYSCALE)
    halftone = rabi[300:1500, 300:1400]  # inside the halftone photo of this page
    for image, dpi in ((grain, 150), (photo, 150), (sheet, 150), (halftone, 300)):
        assert detect_skew(image, dpi).confidence < 0.3


def test_text_pages_get_high_confidence() -> None:
    confident = [detect_skew(image, dpi).confidence >= 0.6 for _, image, dpi in load_corpus()]
    assert sum(confident) >= len(confident) - 1  # the sheet of tickets at several angles


def test_deskew_levels_a_rotated_page_and_keeps_all_of_it() -> None:
    name, image, dpi = next(p for p in load_corpus() if p[0] == "deskew__deskew-6.png")
    base = detect_skew(image, dpi).angle_deg
    tilted = rotate(image, 7.0)
    found = detect_skew(tilted, dpi)
    level = deskew(tilted, found.angle_deg - base)
    assert detect_skew(level, dpi).angle_deg == pytest.approx(base, abs=0.05)
    height, width = image.shape[:2]
    rad = math.radians(7.0)
    assert tilted.shape[1] >= width * math.cos(rad) + height * math.sin(rad) - 1
    assert tilted.shape[0] >= width * math.sin(rad) + height * math.cos(rad) - 1


def test_deskew_keeps_every_mark_and_fills_corners_with_the_paper() -> None:
    page = np.full((400, 300, 3), (205, 225, 240), np.uint8)
    cv2.rectangle(page, (1, 1), (298, 398), (0, 0, 0), 1)  # a frame line at the very edge
    turned = deskew(page, 12.0)

    def ink(image: np.ndarray) -> float:  # darkness below the paper, which rotation conserves
        return float(np.clip(205.0 - image[:, :, 0], 0, None).sum())

    assert ink(turned) == pytest.approx(ink(page), rel=0.02)
    assert tuple(turned[0, 0]) == (205, 225, 240)
    assert turned.dtype == np.uint8 and turned.shape[2] == 3
    assert tuple(deskew(page, 5.0, fill=(1, 2, 3))[0, 0]) == (1, 2, 3)
    assert deskew(page[:, :, 0], -5.0, fill=0)[0, 0] == 0


def test_deskew_by_zero_returns_the_input_itself() -> None:
    page = np.full((50, 40), 200, np.uint8)
    assert deskew(page, 0.0) is page
    assert deskew(page, 0) is page


def test_border_colour_is_the_paper_around_the_content() -> None:
    page = np.full((500, 400), 230, np.uint8)
    page[100:400, 80:320] = 20
    assert border_colour(page) == (230,)


@pytest.mark.parametrize(("content", "grid"), [(1.5, 1.2), (-2.0, -3.0), (0.7, 6.0)])
def test_a_map_grid_askew_to_its_text_does_not_decide_the_skew(content: float, grid: float) -> None:
    sheet = draw_sheet(75, Sheet(content_deg=content, grid_deg=grid))
    found = detect_skew(sheet, 75)
    assert abs(found.angle_deg - content) < 0.2
    assert found.confidence > 0.5


@pytest.mark.parametrize(("content", "grid"), [(1.5, 6.0), (-2.0, -8.0)])
def test_a_map_without_text_is_levelled_by_its_frame(content: float, grid: float) -> None:
    sheet = draw_sheet(75, Sheet(content_deg=content, grid_deg=grid, text=False, frame=True))
    found = detect_skew(sheet, 75)
    assert abs(found.angle_deg - content) < 0.2
    assert found.confidence >= Profile("x").skew_confidence


def test_a_slanted_grid_with_neither_text_nor_frame_leaves_the_page_alone() -> None:
    sheet = draw_sheet(75, Sheet(content_deg=1.5, grid_deg=6.0, text=False, frame=False))
    assert detect_skew(sheet, 75).confidence < Profile("x").skew_confidence


def _text_ink_by_labels(ink: np.ndarray, dpi: float) -> int:
    """text_ink's count the plain way: every mark labelled and measured."""
    _, _, stats, _ = components_with_stats(ink, connectivity=8)
    longest = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    text = (longest >= 2) & (longest <= 30.0 * dpi / 25.4)
    return int(stats[1:, cv2.CC_STAT_AREA][text].sum())


def test_the_text_ink_found_on_a_pooled_copy_is_every_marks_count() -> None:
    rng = np.random.default_rng(5)
    specks = np.where(rng.random((333, 517)) < 0.05, 255, 0).astype(np.uint8)
    lines = np.zeros((401, 399), np.uint8)
    cv2.line(lines, (3, 7), (390, 380), 255, 2)  # one long mark across, beside short ones
    cv2.putText(lines, "Viet Nam", (20, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 255, 3)
    lines = cv2.threshold(lines, 0, 255, cv2.THRESH_BINARY)[1]  # 0/255, as ink maps are
    inks = [(specks, 150.0), (lines, 150.0), (lines, 40.0), (np.zeros((9, 7), np.uint8), 150.0)]
    for _, image, dpi in load_corpus()[::3]:
        found = page_ink(rotate(image, 7.0), dpi)
        inks.append((found.ink, found.page.dpi))
    for ink, dpi in inks:
        assert text_ink(ink, dpi) == _text_ink_by_labels(ink, dpi)
