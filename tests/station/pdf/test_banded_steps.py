"""The MRC encoder's full-page steps run band by band (so each step's result is still in the
cache for the next); every one must give exactly what the same arithmetic gives on the whole
page at once, written out here as it ran before it was banded: across band edges (the one- and
two-pixel reaches of the dilations), with a partial last cell, gray and colour."""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np
import pytest

from station.imaging.lightness import lightness
from station.pdf import fidelity, mrc
from station.pdf.rows import downsample
from station.pdf.segment import paper_model
from tests.station.pipeline.pages import virtual_page

DPI = 300


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """A colour form (black text, blue signature, red seal) cut to sides that are no multiple
    of a band, a cell or a hue cell."""
    image = virtual_page(("seed", "3"), ("skew", "0"), paper="A6", dpi=DPI)
    return np.ascontiguousarray(image[:1003, :1217])


@pytest.fixture(scope="module")
def maps(page: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    light = lightness(page)
    model = paper_model(light, DPI)
    paper = cv2.resize(model.paper, light.shape[::-1], interpolation=cv2.INTER_LINEAR)
    return light, paper, model.photo


@pytest.fixture(autouse=True)
def small_bands(monkeypatch: pytest.MonkeyPatch) -> None:
    # bands of 12 to 16 rows: a one-row slip at their edges shows on every stroke
    monkeypatch.setattr(mrc, "CACHE_BAND_PIXELS", 20_000)
    monkeypatch.setattr(fidelity, "CACHE_BAND_PIXELS", 20_000)


def _scalar(value: float) -> cv2.typing.MatLike:
    return cast("cv2.typing.MatLike", value)


def test_lightness_is_the_darkest_channel(page: np.ndarray) -> None:
    assert np.array_equal(lightness(page), page.min(axis=2))
    gray = page[:, :, 1].copy()
    assert lightness(gray) is gray


def test_the_fidelity_counts_are_those_of_the_whole_page(
    maps: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    light, paper, _ = maps
    # a rendering a row lower (within the check's reach), that lost strokes here and added a
    # blotch there, so both counts are tested
    rendered = np.vstack([light[:1], light[:-1]])
    rendered[100:400:7] = paper[100:400:7]
    cv2.circle(rendered, (600, 500), 40, 20, -1)

    near = np.ones((3, 3), np.uint8)
    cut = cv2.convertScaleAbs(paper, alpha=fidelity.MARK_RATIO)
    scan, shown = cv2.subtract(paper, light), cv2.subtract(paper, rendered)
    lost = (
        (light < cut)
        & (shown < fidelity.KEPT * scan)
        & (cv2.subtract(scan, shown) >= fidelity.MIN_LOSS)
    )
    scan_near = cv2.dilate(scan, near)
    added = (
        (rendered < cut)
        & (scan_near < fidelity.KEPT * shown)
        & (cv2.subtract(shown, scan_near) >= fidelity.MIN_LOSS)
    )
    differ = (lost | added).astype(np.uint8) * 255
    size = fidelity.cell_px(DPI)
    height, width = differ.shape
    cells = (-(-width // size), -(-height // size))
    padded = cv2.copyMakeBorder(
        differ, 0, cells[1] * size - height, 0, cells[0] * size - width, cv2.BORDER_CONSTANT
    )
    share = cv2.resize(padded, cells, interpolation=cv2.INTER_AREA)
    expected = share.astype(np.float32) * (size * size / 255.0)

    counts = fidelity.compare(light, rendered, paper, DPI)
    assert np.array_equal(counts, expected)
    assert fidelity.failed_cells(counts, DPI).any()


def test_faded_faint_print_is_found_as_on_the_whole_page(
    maps: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    light, paper, _ = maps
    # The print faded to a fifth of its contrast, and a rendering that drew most of it as paper.
    faint = cv2.subtract(paper, cv2.convertScaleAbs(cv2.subtract(paper, light), alpha=0.2))
    rendered = faint.copy()
    rendered[200:700] = paper[200:700]

    scan = cv2.subtract(paper, faint)
    shown = cv2.subtract(paper, rendered)
    cut = cv2.convertScaleAbs(paper, alpha=fidelity.MARK_RATIO)
    sample = scan[::4, ::4][faint[::4, ::4] < cv2.convertScaleAbs(paper[::4, ::4], alpha=0.92)]
    level = round(max(fidelity.FADED_MIN, fidelity.FADED_SHARE * np.percentile(sample, 90)))
    assert level < (1 - fidelity.MARK_RATIO) * float(paper.max())  # the page is printed faint
    scan_mean, shown_mean = cv2.blur(scan, (3, 3)), cv2.blur(shown, (3, 3))
    faded = (
        (faint >= cut) & (scan_mean >= level) & (shown_mean < fidelity.KEPT * scan_mean)
    ).astype(np.uint8) * 255
    size = fidelity.cell_px(DPI)
    height, width = faded.shape
    cells = (-(-width // size), -(-height // size))
    padded = cv2.copyMakeBorder(
        faded, 0, cells[1] * size - height, 0, cells[0] * size - width, cv2.BORDER_CONSTANT
    )
    whole = cv2.resize(padded, cells, interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    expected = whole > fidelity.FADED_CELL

    counts = fidelity.compare(faint, rendered, paper, DPI)
    assert expected.any() and not expected.all()
    assert np.array_equal(counts == size * size, expected)  # lost or added never fill a cell


@pytest.mark.parametrize("faded", [False, True])
def test_thinned_strokes_are_counted_over_the_whole_page(
    maps: tuple[np.ndarray, np.ndarray, np.ndarray], faded: bool
) -> None:
    light, paper, _ = maps
    render = np.vstack([light[:1], light[:-1]])  # a row lower: still within reach
    if faded:
        render[::2] = cv2.max(render[::2], paper[::2])  # every other row of every stroke gone
    ink = np.array([30.0, 40.0, 50.0], np.float32)
    cut = cv2.convertScaleAbs(paper, alpha=0.5, beta=float(ink.min()) / 2)
    dark = cv2.compare(light, cut, cv2.CMP_LT)
    kept = cv2.dilate(cv2.compare(render, cut, cv2.CMP_LT), np.ones((3, 3), np.uint8))
    lost = cv2.countNonZero(cv2.bitwise_and(dark, cv2.bitwise_not(kept)))
    expected = lost > fidelity.THINNED_SHARE * cv2.countNonZero(dark)
    assert expected is faded
    assert mrc.thins_strokes(light, render, paper, ink) is expected
    # tallied along the fidelity check's own bands (whole cells), the same counts
    tally = fidelity.Thinning(ink)
    alone = fidelity.compare(light, render, paper, DPI)
    assert np.array_equal(fidelity.compare(light, render, paper, DPI, tally), alone)
    assert (tally.total, tally.lost) == (cv2.countNonZero(dark), lost)
    assert tally.thins is expected


@pytest.mark.parametrize("colour", [True, False])
def test_the_ink_mask_is_that_of_the_whole_page(
    page: np.ndarray, maps: tuple[np.ndarray, np.ndarray, np.ndarray], colour: bool
) -> None:
    light, paper, photo = maps
    image = page if colour else light
    strong = cv2.compare(light, cv2.convertScaleAbs(paper, alpha=mrc.INK_RATIO), cv2.CMP_LT)
    core = float(np.percentile(light[::4, ::4][strong[::4, ::4] > 0], mrc.CORE_PERCENTILE))
    band = cv2.convertScaleAbs(paper, alpha=mrc.CORE_BAND, beta=(1 - mrc.CORE_BAND) * core)
    expected = cv2.bitwise_and(strong, cv2.compare(light, band, cv2.CMP_LT))
    if colour:
        factor = round(DPI / mrc.HUE_DPI)
        height, width = light.shape
        small = cv2.resize(
            page, (-(-width // factor), -(-height // factor)), interpolation=cv2.INTER_LINEAR
        )
        blue, green, red = (c.astype(np.int16) for c in cv2.split(small))
        red_green = cv2.blur(red - green, (3, 3))
        yellow_blue = cv2.blur((red + green) // 2 - blue, (3, 3))
        sample = np.zeros(small.shape[:2], bool)
        picked = expected[factor // 2 :: factor, factor // 2 :: factor] > 0
        sample[: picked.shape[0], : picked.shape[1]] = picked[: sample.shape[0], : sample.shape[1]]
        off = cv2.absdiff(red_green, _scalar(float(np.median(red_green[sample]))))
        off = off + cv2.absdiff(yellow_blue, _scalar(float(np.median(yellow_blue[sample]))))
        other = cv2.dilate((off > mrc.OTHER_INK_HUE).astype(np.uint8) * 255, np.ones((3, 3)))
        assert other.any()  # the seal and the signature are off the main ink
        other = cv2.resize(
            other,
            (other.shape[1] * factor, other.shape[0] * factor),
            interpolation=cv2.INTER_LINEAR,
        )[:height, :width]
        expected = cv2.bitwise_and(expected, cv2.bitwise_not(other))
    assert np.array_equal(mrc.ink_mask(image, light, paper, photo, DPI), expected)


def test_the_background_cells_are_those_of_the_whole_page(
    page: np.ndarray, maps: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> None:
    light, paper, _ = maps
    marks = cv2.compare(light, cv2.convertScaleAbs(paper, alpha=mrc.FLAT_RATIO), cv2.CMP_LT)
    near = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    kept = cv2.dilate(marks, near)
    plain = cv2.bitwise_not(kept)
    cell = round(mrc.FILL_CELL_MM / 25.4 * DPI)
    step = 3  # 8 x 8 of the 24 x 24 pixels of a cell at 300 dpi: every third row and column
    assert cell == 24 and mrc.FILL_SAMPLES == 8
    plain, sampled = plain[::step, ::step], np.ascontiguousarray(page[::step, ::step])
    sums = downsample(cv2.bitwise_and(sampled, sampled, mask=plain), cell // step)
    share = downsample(plain, cell // step).astype(np.float32) / 255.0
    sums = sums.astype(np.float32)
    expected = mrc.weighted_mean(sums, share, 0.05)

    found, colour, count = mrc._background(page, light, paper, DPI)
    assert np.array_equal(found, kept)
    assert count == cv2.countNonZero(marks)
    assert expected is not None and np.array_equal(colour, expected)


@pytest.mark.parametrize("core", [None, 20.0, 45.0, 60.0, 90.0])
@pytest.mark.parametrize("lowest", [0, 100, 128, 200])
def test_the_cores_threshold_is_the_table_s_at_every_paper_level_given(
    core: float | None, lowest: int
) -> None:
    """Scaled by one line where that line is the lower over the paper's levels, looked up in the
    table elsewhere: the same threshold for every level from `lowest` up."""
    paper = np.arange(lowest, 256, dtype=np.uint8).reshape(1, -1)
    threshold = mrc._core_threshold(core, lowest)
    expected = cv2.LUT(paper, mrc._core_table(core))
    assert np.array_equal(threshold(paper), expected)


def test_the_cores_threshold_takes_the_table_where_the_two_lines_cross() -> None:
    """A core of 90: the band line is the lower from a paper level of about 217 only, so a page
    whose paper reaches 150 needs the table, and a scaling by either line alone would differ."""
    paper = np.arange(150, 256, dtype=np.uint8).reshape(1, -1)
    expected = cv2.LUT(paper, mrc._core_table(90.0))
    for alpha, beta in mrc._lines(90.0):
        assert not np.array_equal(cv2.convertScaleAbs(paper, alpha=alpha, beta=beta), expected)
    assert np.array_equal(mrc._core_threshold(90.0, 150)(paper), expected)
