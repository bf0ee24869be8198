"""The native composite gives the pixels of OpenCV's passes (the cell grid spread by a linear
resize, the scan copied over it where kept and not under the mask, the whole shrunk by a linear
resize): on noise of every size, gray and colour, on strided bands, on a real page; and the
background composite is the same with it as without."""

from __future__ import annotations

import sys
from typing import cast

import cv2
import numpy as np
import pytest

import station.pdf.mrc as mrc
from station.native import kernels, resizes_as_opencv
from station.pdf.options import EncodeOptions
from tests.station.native.guard import before_a_guard_page
from tests.station.pipeline.pages import virtual_page

pytestmark = pytest.mark.skipif(
    kernels is None, reason="no native kernels in this build (no C compiler); test_kernels.py fails"
)
NO_SHRINK = "this CPU has no AVX-512 VBMI: the kernel declines to shrink"


Maps = tuple[np.ndarray, np.ndarray, np.ndarray, tuple[int, int], np.ndarray | None]


def _opencv(
    image: np.ndarray,
    kept: np.ndarray,
    grid: np.ndarray,
    size: tuple[int, int],
    cut: np.ndarray | None,
) -> np.ndarray:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mrc, "kernels", None)
        return mrc._composite(image, kept, grid, size, cut)


def _native(
    image: np.ndarray,
    kept: np.ndarray,
    grid: np.ndarray,
    size: tuple[int, int],
    cut: np.ndarray | None,
) -> np.ndarray | None:
    out = np.full((size[1], size[0], *image.shape[2:]), 7, np.uint8)
    done = kernels.composite(image, kept, cut, grid, out)
    return out if done else None


def _shrinks() -> bool:
    if kernels is None:
        return False
    image = np.zeros((4, 4), np.uint8)
    return bool(kernels.composite(image, image, None, image[:1, :1], np.empty((3, 3), np.uint8)))


def _random_case(rng: np.random.Generator) -> Maps:
    """Noise (rows packed or strided), marks kept, a mask (values 0 to 255) or none, a grid
    of any size down to one cell, and a layer the page's size or down to just over half."""
    height, width = (int(v) for v in rng.integers(1, 160, 2))
    channels = int(rng.choice([1, 3]))
    shape = (height, width) if channels == 1 else (height, width, 3)
    image = rng.integers(0, 256, shape, dtype=np.uint8)
    if rng.random() < 0.3:
        wider = np.zeros((height, width + 9, *shape[2:]), np.uint8)
        wider[:, :width] = image
        image = wider[:, :width]
    kept = np.where(rng.random((height, width)) < rng.random(), 255, 0).astype(np.uint8)
    cut = None
    if rng.random() < 0.6:
        cut = np.where(rng.random((height, width)) < 0.3, rng.integers(0, 256), 0)
        cut = cut.astype(np.uint8)
    cells = (int(rng.integers(1, 30)), int(rng.integers(1, 30)))
    grid = rng.integers(0, 256, (*cells, *shape[2:]), dtype=np.uint8)
    rows = height if rng.random() < 0.3 else int(rng.integers(height // 2 + 1, height + 1))
    cols = width if rng.random() < 0.3 else int(rng.integers(width // 2 + 1, width + 1))
    return image, kept, grid, (cols, rows), cut


def test_the_kernel_is_checked_against_this_installs_opencv() -> None:
    assert resizes_as_opencv()


@pytest.mark.skipif(not _shrinks(), reason=NO_SHRINK)
def test_the_composite_is_opencvs_on_noise_of_every_size() -> None:
    rng = np.random.default_rng(11)
    for _ in range(400):
        image, kept, grid, size, cut = _random_case(rng)
        made = _native(image, kept, grid, size, cut)
        assert made is not None
        assert np.array_equal(made, _opencv(image, kept, grid, size, cut))


def _colour_maps(seed: int, shape: tuple[int, int], cells: tuple[int, int]) -> tuple:  # type: ignore[type-arg]
    """A colour noise page of `shape`, half its pixels kept, and a grid of `cells`."""
    rng = np.random.default_rng(seed)
    image = rng.integers(0, 256, (*shape, 3), dtype=np.uint8)
    kept = np.where(rng.random(shape) < 0.5, 255, 0).astype(np.uint8)
    return image, kept, rng.integers(0, 256, (*cells, 3), dtype=np.uint8)


def test_a_layer_the_pages_size_is_made_without_shrinking() -> None:
    image, kept, grid = _colour_maps(12, (83, 67), (4, 3))
    made = _native(image, kept, grid, (67, 83), None)
    assert made is not None
    assert np.array_equal(made, _opencv(image, kept, grid, (67, 83), None))


@pytest.mark.skipif(not _shrinks(), reason=NO_SHRINK)
def test_a_virtual_pages_background_is_opencvs() -> None:
    page = virtual_page(("seed", "4"), ("skew", "0"), paper="A6", dpi=300)
    captured: dict[str, object] = {}
    real = mrc._composite

    def capture(image, kept, colour, size, cut):  # type: ignore[no-untyped-def]
        captured.update(image=image.copy(), kept=kept.copy(), colour=colour.copy(), size=size)
        captured.update(cut=None if cut is None else cut.copy())
        return real(image, kept, colour, size, cut)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mrc, "_composite", capture)
        mrc.encode_mrc(page, 300, False, EncodeOptions())
    image, kept, colour = (cast(np.ndarray, captured[k]) for k in ("image", "kept", "colour"))
    size = cast(tuple[int, int], captured["size"])
    cut = cast(np.ndarray | None, captured["cut"])
    assert size != image.shape[1::-1]  # a 200 ppi layer of a 300 dpi page
    made = _native(image, kept, colour, size, cut)
    assert made is not None
    assert np.array_equal(made, _opencv(image, kept, colour, size, cut))


def test_a_layer_under_half_the_page_is_left_to_opencv() -> None:
    image, kept, grid = _colour_maps(13, (90, 60), (3, 2))
    assert _native(image, kept, grid, (30, 45), None) is None  # exactly half: halved by area
    whole = _opencv(image, kept, grid, (60, 90), None)
    expected = cv2.resize(whole, (30, 45), interpolation=cv2.INTER_AREA)
    assert np.array_equal(mrc._composite(image, kept, grid, (30, 45), None), expected)


@pytest.mark.skipif(not _shrinks(), reason=NO_SHRINK)
def test_the_background_composite_takes_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = kernels.composite

    def spy(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(mrc, "kernels", type("Spy", (), {"composite": staticmethod(spy)}))
    image, kept, grid = _colour_maps(14, (90, 60), (3, 2))
    made = mrc._composite(image, kept, grid, (40, 60), None)
    assert len(calls) == 1
    assert np.array_equal(made, _opencv(image, kept, grid, (40, 60), None))


@pytest.mark.skipif(sys.platform != "linux", reason="mprotect through libc on Linux")
def test_the_composite_reads_nothing_past_its_maps() -> None:
    rng = np.random.default_rng(15)
    for width in (5, 64, 200, 431):
        image = before_a_guard_page((7, width, 3))
        kept = before_a_guard_page((7, width))
        cut = before_a_guard_page((7, width))
        grid = before_a_guard_page((2, 3, 3))
        for array in (image, kept, cut, grid):
            array[...] = rng.integers(0, 256, array.shape, dtype=np.uint8)
        for size in ((width, 7), (width * 2 // 3 + 1, 5)):
            made = _native(image, kept, grid, size, cut)
            if made is not None:
                assert np.array_equal(made, _opencv(image, kept, grid, size, cut))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("kept", "differ in size"),
        ("cut", "differ in size"),
        ("larger", "no larger than the image"),
        ("channels", "H x W x 3"),
        ("grid", "3 dimensions"),
    ],
)
def test_arrays_that_do_not_fit_are_refused(change: str, message: str) -> None:
    image = np.zeros((20, 30, 3), np.uint8)
    kept = np.zeros((20, 30), np.uint8)
    cut = None
    grid = np.zeros((2, 2, 3), np.uint8)
    out = np.zeros((20, 30, 3), np.uint8)
    if change == "kept":
        kept = np.zeros((20, 31), np.uint8)
    elif change == "cut":
        cut = np.zeros((19, 30), np.uint8)
    elif change == "larger":
        out = np.zeros((21, 30, 3), np.uint8)
    elif change == "channels":
        image = np.zeros((20, 30, 4), np.uint8)
    else:
        grid = np.zeros((2, 2), np.uint8)
    with pytest.raises(ValueError, match=message):
        kernels.composite(image, kept, cut, grid, out)
