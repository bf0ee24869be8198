"""The native bilinear warp gives cv2.warpAffine's pixels: on pages levelled either way, turned
upside down or on their side, read bottom up, at the source's edges and outside it; and the
pipeline's warp is the same with it as without."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from station.native import kernels, warps_as_opencv
from station.pipeline import geometry, linear_warp
from tests.station.pipeline.pages import virtual_page

pytestmark = pytest.mark.skipif(
    kernels is None, reason="no native kernels in this build (no C compiler); test_kernels.py fails"
)


def _native(image, inverse, size, fill, upward=False, widest=2):  # type: ignore[no-untyped-def]
    out = np.full((size[1], size[0], 3), 7, np.uint8)
    matrix = tuple(float(v) for v in inverse.ravel())
    kernels.warp_linear(image, matrix, fill, upward, out, widest)
    return out


def _opencv(image: np.ndarray, inverse: np.ndarray, size: tuple[int, int], fill, upward=False):  # type: ignore[no-untyped-def]
    out = cv2.warpAffine(
        image, inverse, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT, borderValue=fill,
    )  # fmt: skip
    return cv2.flip(out, 0) if upward else out


def _random_case(rng: np.random.Generator) -> tuple:  # type: ignore[type-arg]
    """A source (blurred or noise, rows packed or strided), a turning map about it (a few
    degrees off upright, upside down or on its side, shifted by whole, half or any pixels,
    sometimes scaled), read bottom up or not, an output size and a fill."""
    height, width = (int(v) for v in rng.integers(2, 120, 2))
    image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    if rng.random() < 0.5:
        image = cv2.GaussianBlur(image, (0, 0), 1.0)
    if rng.random() < 0.3:
        wider = np.zeros((height, width + 5, 3), np.uint8)
        wider[:, :width] = image
        image = wider[:, :width]
    angle = float(rng.choice([0, 90, 180, -90]) + rng.normal(0, 3))
    scale = float(rng.uniform(0.9, 1.1)) if rng.random() < 0.3 else 1.0
    turn = cv2.getRotationMatrix2D(
        (width / 2 + rng.normal(), height / 2 + rng.normal()), angle, scale
    )
    turn[:, 2] += rng.choice([0.0, 0.5, 1.0, float(rng.normal() * 5)], 2)
    inverse = cv2.invertAffineTransform(turn)
    size = (int(rng.integers(2, 130)), int(rng.integers(2, 130)))
    upward = bool(rng.random() < 0.3)
    if upward:  # as geometry._bottom_up makes it
        inverse[:, 2] = inverse[:, 2] + inverse[:, 1] * (size[1] - 1)
        inverse[:, 1] = -inverse[:, 1]
    fill = tuple(int(v) for v in rng.integers(0, 256, 3))
    return image, inverse, size, fill, upward


@pytest.mark.parametrize("widest", [2, 1, 0])  # AVX-512, AVX2, one sample at a time
def test_the_warp_is_opencvs_on_random_maps(widest: int) -> None:
    rng = np.random.default_rng(12)
    for _ in range(300):
        image, inverse, size, fill, upward = _random_case(rng)
        expected = _opencv(image, inverse, size, fill, upward)
        assert np.array_equal(_native(image, inverse, size, fill, upward, widest), expected)


def test_quarter_turns_and_maps_along_the_axes_are_left_to_opencv(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # OpenCV weighs their points on the source's last row or column its own way
    calls: list[object] = []
    monkeypatch.setattr(linear_warp, "kernels", _Spy(calls))
    image = cv2.GaussianBlur(
        np.random.default_rng(3).integers(0, 256, (300, 220, 3), dtype=np.uint8), (0, 0), 2
    )
    fill = (250.0, 240.0, 230.0, 0.0)
    for angle in (90.0, 180.0, -90.0, 0.0, 1e-9):
        turn = cv2.getRotationMatrix2D((110, 150), angle, 1.0)
        turn[0, 2] += 3.3  # rows land on whole source rows, columns between them
        inverse = cv2.invertAffineTransform(turn)
        assert np.array_equal(
            linear_warp.warp_affine(image, inverse, (230, 310), fill),
            _opencv(image, inverse, (230, 310), fill),
        )
    assert calls == []


def test_the_kernel_agrees_with_this_opencv() -> None:
    assert warps_as_opencv()


def test_a_levelled_page_is_the_same_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    page = virtual_page(("seed", "3"), ("skew", "0"), paper="A6", dpi=300)
    size = (page.shape[1], page.shape[0])
    steps = [geometry.deskew_step(angle, size) for angle in (1.9, -2.4, 0.3)]
    steps.append(geometry.compose([geometry.quarter_turn_step(180, size), steps[0]]))
    native = [geometry.warp(page, step) for step in steps]
    monkeypatch.setattr(linear_warp, "kernels", None)
    for step, made in zip(steps, native, strict=True):
        assert np.array_equal(geometry.warp(page, step), made)


def test_gray_pages_and_single_rows_are_left_to_opencv(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(linear_warp, "kernels", _Spy(calls))
    page = np.random.default_rng(1).integers(0, 256, (40, 30, 3), dtype=np.uint8)
    turn = cv2.invertAffineTransform(cv2.getRotationMatrix2D((15, 20), 2.0, 1.0))
    fill = (250.0, 240.0, 230.0, 0.0)
    for image in (page[:, :, 0].copy(), page[:1]):
        assert np.array_equal(
            linear_warp.warp_affine(image, turn, (30, 40), fill),
            _opencv(image, turn, (30, 40), fill),
        )
    assert calls == []
    linear_warp.warp_affine(page, turn, (30, 40), fill)
    assert len(calls) == 1


def test_without_the_probes_agreement_opencv_warps(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(linear_warp, "kernels", _Spy(calls))
    monkeypatch.setattr(linear_warp, "warps_as_opencv", lambda: False)
    page = np.random.default_rng(2).integers(0, 256, (40, 30, 3), dtype=np.uint8)
    turn = cv2.invertAffineTransform(cv2.getRotationMatrix2D((15, 20), 2.0, 1.0))
    linear_warp.warp_affine(page, turn, (30, 40), (1.0, 2.0, 3.0, 0.0))
    assert calls == []


def test_what_the_warp_cannot_take_is_refused() -> None:
    page = np.zeros((20, 20, 3), np.uint8)
    out = np.empty((20, 20, 3), np.uint8)
    far = (1.0, 0.1, 5e8, 0.1, 1.0, 0.0)
    with pytest.raises(ValueError, match="too far"):
        kernels.warp_linear(page, far, (0, 0, 0), False, out)
    with pytest.raises(ValueError, match="too far"):
        kernels.warp_linear(page, (1.0, float("nan"), 0, 0, 1.0, 0), (0, 0, 0), False, out)
    with pytest.raises(ValueError, match="2 x 2"):
        kernels.warp_linear(page[:1], (1.0, 0.1, 0, 0.1, 1.0, 0), (0, 0, 0), False, out)
    with pytest.raises(ValueError, match="channels"):
        kernels.warp_linear(
            page[:, :, :2].copy(), (1.0, 0.1, 0, 0.1, 1.0, 0), (0, 0, 0), False, out
        )


def test_a_map_the_kernel_refuses_is_warped_by_opencv() -> None:
    page = np.random.default_rng(4).integers(0, 256, (40, 30, 3), dtype=np.uint8)
    far = np.array([[1e5, 1e-3, 0.0], [1e-3, 1e5, 0.0]])  # corners 2e8 px off the page
    fill = (250.0, 240.0, 230.0, 0.0)
    with pytest.raises(ValueError, match="too far"):
        _native(page, far, (2000, 2000), (250, 240, 230))
    made = linear_warp.warp_affine(page, far, (2000, 2000), fill)
    assert np.array_equal(made, _opencv(page, far, (2000, 2000), fill))


def test_the_fill_is_taken_as_opencv_rounds_it() -> None:
    assert linear_warp._fill((249.5, 250.5, 300.0, 0.0)) == (250, 250, 255)
    assert linear_warp._fill((-3.0, 0.49, 1.5)) == (0, 0, 2)


class _Spy:
    """Forwards to the kernels, noting each warp."""

    def __init__(self, calls: list) -> None:  # type: ignore[type-arg]
        self.calls = calls

    def warp_linear(self, *args) -> None:  # type: ignore[no-untyped-def]
        self.calls.append(args[1])
        kernels.warp_linear(*args)
