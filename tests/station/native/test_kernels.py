"""The native kernels (station.native) give the same bits as the OpenCV passes they stand for,
on forms with text, seals and signatures, on noise, and at the page's edges; and the callers
give the same results with them as without."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.imaging import crop_sampling
from station.imaging import lightness as lightness_module
from station.imaging.lightness import lightness
from station.native import kernels, percent
from station.pdf import fidelity, mrc, rows, segment
from station.pdf.segment import paper_model
from tests.station.pipeline.pages import virtual_page

DPI = 300
LEVELS = (None, 8, 40)  # no faded test, and two faint levels
MARKS = (percent(fidelity.MARK_RATIO), fidelity.MIN_LOSS - 1)  # the check's, as it passes them


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    image = virtual_page(("seed", "5"), ("skew", "0"), paper="A6", dpi=DPI)
    return np.ascontiguousarray(image[:1001, :1199])


@pytest.fixture(scope="module")
def check_inputs(page: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The scan's lightness, a rendering that lost strokes, added a blotch, faded faint marks
    and sits a row lower in places, and the paper level."""
    light = _opencv_lightness(page)
    paper = cv2.resize(paper_model(light, DPI).paper, light.shape[::-1])
    render = np.vstack([light[:1], light[:-1]])
    render[200:260, 100:400] = paper[200:260, 100:400]  # strokes gone
    render[500:520, 600:640] = 20  # a blotch
    render[700:] = cv2.addWeighted(render[700:], 0.5, paper[700:], 0.5, 0)  # everything faded
    return light, render, paper


def _opencv_lightness(pixels: np.ndarray) -> np.ndarray:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lightness_module, "kernels", None)
        return lightness(pixels)


def test_the_kernels_are_built() -> None:
    # scripts/setup.sh installs a C compiler, so installing the package builds them
    assert kernels is not None


def test_the_darkest_channel_is_opencvs(page: np.ndarray) -> None:
    noise = np.random.default_rng(1).integers(0, 256, (37, 101, 3), dtype=np.uint8)
    for pixels in (page, page[3::2], noise, noise[:1, :1], noise[:, :1]):
        assert np.array_equal(lightness(pixels), _opencv_lightness(pixels))
        assert np.array_equal(lightness(pixels), pixels.min(axis=2))


def test_pixels_the_kernel_cannot_read_are_refused_and_read_by_opencv(page: np.ndarray) -> None:
    assert kernels is not None
    out = np.empty(page.shape[:2], np.uint8)
    with pytest.raises(ValueError):
        kernels.darkest(cv2.cvtColor(page, cv2.COLOR_BGR2BGRA), out)
    with pytest.raises(ValueError):
        kernels.darkest(page, out[:-1])
    with pytest.raises(ValueError):
        kernels.darkest(page.astype(np.uint16), out)
    every_other = page[:, ::2]  # the samples of a row not packed: lightness takes OpenCV's way
    assert np.array_equal(lightness(every_other), every_other.min(axis=2))


@pytest.mark.parametrize("level", LEVELS)
def test_the_check_maps_are_opencvs(
    check_inputs: tuple[np.ndarray, np.ndarray, np.ndarray], level: int | None
) -> None:
    light, render, paper = check_inputs
    rng = np.random.default_rng(2)
    noise = tuple(rng.integers(low, 256, (29, 43), dtype=np.uint8) for low in (0, 0, 90))
    cases = [(light, render, paper), noise, _every_level()]
    cases += [tuple(a[:rows, :cols] for a in noise) for rows, cols in ((1, 7), (7, 1), (2, 2))]
    for original, rendered, level_of_paper in cases:
        expected = fidelity._differ(original, rendered, level_of_paper, level)
        differ, faded = np.empty_like(original), np.empty_like(original)
        faint = fidelity.NO_FAINT_LEVEL if level is None else level
        assert kernels is not None
        kernels.check_pixels(
            original, rendered, level_of_paper, *MARKS, faint, 0, False, differ, faded
        )
        for made, opencv in zip((differ, faded), expected, strict=True):
            assert np.array_equal(made, np.zeros_like(made) if opencv is None else opencv)


@pytest.mark.parametrize("ink_level", [30.0, 30.5, 37.25, 0.0, 255.0])
def test_the_check_and_its_thinning_tally_are_the_same_without_the_kernels(
    check_inputs: tuple[np.ndarray, np.ndarray, np.ndarray],
    ink_level: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    light, render, paper = check_inputs
    native = fidelity.Thinning(np.array([ink_level], np.float32))
    assert native.cut_offset() is not None  # tallied in the kernel's pass
    counts = fidelity.compare(light, render, paper, DPI, native)
    monkeypatch.setattr(fidelity, "kernels", None)
    banded = fidelity.Thinning(np.array([ink_level], np.float32))
    assert np.array_equal(fidelity.compare(light, render, paper, DPI, banded), counts)
    assert (native.total, native.lost) == (banded.total, banded.lost)
    assert counts.max() > 0  # the rendering fails somewhere: the maps were read


def test_a_thinning_cut_the_kernel_cannot_make_is_tallied_band_by_band(
    check_inputs: tuple[np.ndarray, np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    light, render, paper = check_inputs
    odd = fidelity.Thinning(np.array([31.0], np.float32))
    monkeypatch.setattr(fidelity.Thinning, "cut_offset", lambda self: None)
    fidelity.compare(light, render, paper, DPI, odd)
    monkeypatch.setattr(fidelity, "kernels", None)
    banded = fidelity.Thinning(np.array([31.0], np.float32))
    fidelity.compare(light, render, paper, DPI, banded)
    assert (odd.total, odd.lost) == (banded.total, banded.lost) and banded.total > 0


def _every_level() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(original, rendered, paper): each row a paper level, against every level of the scan
    and every level of the rendering, so each level's cut counts."""
    levels = np.arange(256, dtype=np.uint8)
    original = np.tile(levels, (256, 1))
    rendered = np.ascontiguousarray(original[:, ::-1])
    paper = np.ascontiguousarray(np.tile(levels, (256, 1)).T)
    return original, rendered, paper


def test_the_kernels_thinning_tally_is_opencvs_at_every_ink_level() -> None:
    original, rendered, paper = _every_level()
    differ, faded = np.empty_like(original), np.empty_like(original)
    for ink_level in np.concatenate([np.arange(0, 256, 0.25), [12.3456, 99.999, 200.0001]]):
        tally = fidelity.Thinning(np.array([ink_level], np.float32))
        found = tally.cut_offset()
        assert found is not None and kernels is not None, ink_level
        made = kernels.check_pixels(original, rendered, paper, *MARKS, 256, *found, differ, faded)
        tally(original, rendered, paper, slice(0, 256))  # OpenCV's passes, the page as one band
        assert made == (tally.total, tally.lost), ink_level


@pytest.mark.parametrize("edge", [1, 2, 3, 4])  # the element at 150 to 600 dpi
def test_the_marks_kept_are_opencvs(
    check_inputs: tuple[np.ndarray, np.ndarray, np.ndarray],
    edge: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    light, _, paper = check_inputs
    near = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * edge + 1, 2 * edge + 1))
    noise = np.random.default_rng(3).integers(0, 256, (31, 47), dtype=np.uint8)
    grid, _, levels = _every_level()
    cases = [(light, paper), (noise, noise[::-1].copy()), (grid, levels)]
    cases += [(noise[:rows, :cols], noise[:rows, :cols]) for rows, cols in ((1, 9), (9, 1))]
    made = [mrc._marks_kept(a, b, near) for a, b in cases]
    monkeypatch.setattr(mrc, "kernels", None)
    for (kept, count), (a, b) in zip(made, cases, strict=True):
        opencv_kept, opencv_count = mrc._marks_kept(a, b, near)
        assert np.array_equal(kept, opencv_kept) and count == opencv_count
    assert made[0][1] > 0  # the form has marks


def test_an_element_the_kernel_cannot_take_is_dilated_by_opencv() -> None:
    assert mrc._reaches(np.array([[1, 0, 1], [1, 1, 1], [0, 1, 0]], np.uint8)) is None
    assert mrc._reaches(np.array([[0, 1, 1], [1, 1, 1], [0, 1, 0]], np.uint8)) is None
    assert mrc._reaches(np.ones((3, 5), np.uint8)) == bytes([2, 2, 2])


@pytest.mark.parametrize("factor", [3, 5, 6, 12])
def test_cell_means_are_opencvs(
    page: np.ndarray, factor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    noise = np.random.default_rng(4).integers(0, 256, (41, 67, 3), dtype=np.uint8)
    images = [page, page[:, :, 1], noise, noise[:, :, 0], noise[::2], noise[:7, :5]]
    images.append(_every_level()[0])  # every level, so each sum's rounding counts
    grays = [np.ascontiguousarray(a[..., 0] if a.ndim == 3 else a) for a in images]
    made = [(rows.downsample(a, factor), fidelity._cell_means(g, factor))
            for a, g in zip(images, grays, strict=True)]  # fmt: skip
    monkeypatch.setattr(rows, "kernels", None)
    monkeypatch.setattr(fidelity, "kernels", None)
    for (replicated, zeros), image, gray in zip(made, images, grays, strict=True):
        assert np.array_equal(replicated, rows.downsample(image, factor))
        assert np.array_equal(zeros, fidelity._cell_means(gray, factor))


@pytest.mark.parametrize("factor", [3, 4, 6, 8])
def test_an_analysis_copy_is_opencvs(
    page: np.ndarray, factor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    images = [page, page[:, :, 0].copy(), cv2.cvtColor(page, cv2.COLOR_BGR2BGRA), page[::3]]
    made = [crop_sampling.reduce(crop_sampling.whole_cells(a, factor), factor) for a in images]
    monkeypatch.setattr(crop_sampling, "kernels", None)
    for reduced, image in zip(made, images, strict=True):
        opencv = crop_sampling.reduce(crop_sampling.whole_cells(image, factor), factor)
        assert np.array_equal(reduced, opencv)


@pytest.mark.parametrize("dpi", [150, 300, 600])  # cells 3, 6 and 12 pixels wide
def test_the_paper_models_shares_are_opencvs(
    check_inputs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dpi: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    light, _, _ = check_inputs
    grid, _, levels = _every_level()  # every level against every paper level
    pages = [light, grid, cv2.merge([light, light[::-1], light])[:-5, :-7]]
    made = [segment.paper_model(page, dpi) for page in pages]
    shares = segment._cell_shares(grid, 3, levels[::3, ::3].copy())
    monkeypatch.setattr(segment, "kernels", None)
    for model, page in zip(made, pages, strict=True):
        opencv = segment.paper_model(page, dpi)
        assert np.array_equal(model.paper, opencv.paper)
        assert np.array_equal(model.photo, opencv.photo)
    opencv_shares = segment._cell_shares(grid, 3, levels[::3, ::3].copy())
    for made_share, opencv_share in zip(shares, opencv_shares, strict=True):
        assert np.array_equal(made_share, opencv_share)


def test_a_ratio_the_kernels_cannot_scale_by_is_left_to_opencv(
    check_inputs: tuple[np.ndarray, np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (percent(0.85), percent(0.62), percent(0.92)) == (85, 62, 92)
    assert percent(0.855) is None and percent(0.333) is None  # not whole hundredths
    light, render, paper = check_inputs
    native = fidelity.compare(light, render, paper, DPI)
    monkeypatch.setattr(fidelity, "percent", lambda ratio: None)
    monkeypatch.setattr(fidelity, "_banded_shares", _counting(fidelity._banded_shares))
    assert np.array_equal(fidelity.compare(light, render, paper, DPI), native)
    assert fidelity._banded_shares.calls == 1  # type: ignore[attr-defined]


def _counting(function):  # type: ignore[no-untyped-def]
    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        counted.calls += 1  # type: ignore[attr-defined]
        return function(*args, **kwargs)

    counted.calls = 0  # type: ignore[attr-defined]
    return counted


@pytest.mark.skipif(kernels is None, reason="no native kernels: test_the_kernels_are_built fails")
def test_the_stencil_painted_over_the_rendering_is_opencvs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(9)
    background = rng.integers(0, 256, (67, 45, 3), dtype=np.uint8)
    mask = np.where(rng.random((101, 68)) < 0.3, rng.integers(1, 256, (101, 68)), 0)
    mask = mask.astype(np.uint8)  # read as zero and nonzero
    ink = np.array([31.6, 80.0, 12.4], np.float32)
    made = mrc._rendered_lightness(background, mask, ink, (68, 101))
    assert (made[mask > 0] == 12).all()
    monkeypatch.setattr(mrc, "kernels", None)
    assert np.array_equal(made, mrc._rendered_lightness(background, mask, ink, (68, 101)))
