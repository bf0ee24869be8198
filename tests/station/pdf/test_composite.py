"""The background's pixels: the scan where marks are kept, the paper colour elsewhere, and the
ink under the mask drawn as paper when the layer is at the scan's resolution."""

from __future__ import annotations

import numpy as np

from station.pdf.mrc import _composite

PAPER = (200, 210, 220)


def _page() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    image = rng.integers(0, 120, (40, 60, 3), dtype=np.uint8)  # dark: nothing looks like paper
    kept = np.zeros((40, 60), np.uint8)
    kept[:, 20:] = 255
    colour = np.array([[PAPER]], np.uint8)
    return image, kept, colour


def test_the_scan_shows_where_kept_and_the_paper_elsewhere() -> None:
    image, kept, colour = _page()
    composite = _composite(image, kept, colour, (60, 40), None)
    assert np.array_equal(composite[:, 20:], image[:, 20:])
    assert (composite[:, :20] == PAPER).all()


def test_every_pixel_the_mask_covers_is_paper_whatever_its_value() -> None:
    # The mask is read as zero and nonzero: where another ink's cells fade in, its cores hold
    # values under 255, and the viewer paints the stencil there all the same.
    image, kept, colour = _page()
    mask = np.zeros_like(kept)
    mask[5:10, 30:50] = 255
    mask[20:25, 30:50] = 16
    mask[30:35, 10:40] = 143  # over kept and plain paper alike
    composite = _composite(image, kept, colour, (60, 40), mask)
    covered = mask > 0
    assert (composite[covered] == PAPER).all()
    shown = (kept > 0) & ~covered
    assert np.array_equal(composite[shown], image[shown])
    assert (composite[(kept == 0) & ~covered] == PAPER).all()


def test_a_smaller_layer_is_composed_first_then_shrunk() -> None:
    image, kept, colour = _page()
    composite = _composite(image, kept, colour, (30, 20), None)
    assert composite.shape == (20, 30, 3)
    assert (composite[:, :9] == PAPER).all()  # columns 0-17 of the scan: paper only
