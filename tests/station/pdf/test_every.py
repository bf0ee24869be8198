"""rows.every: a strided sample of a page, as numpy's slicing takes it."""

from __future__ import annotations

import numpy as np
import pytest

from station.pdf.rows import every


@pytest.mark.parametrize("step,offset", [(1, 0), (2, 1), (3, 0), (3, 1), (4, 0), (6, 3), (8, 0)])
@pytest.mark.parametrize(
    "shape", [(3508, 2480, 3), (1003, 1217, 3), (1003, 1217), (5, 7), (2, 3, 3), (24, 24, 3)]
)
def test_every_is_the_strided_slice(shape: tuple[int, ...], step: int, offset: int) -> None:
    rng = np.random.default_rng(step * 31 + offset)
    image = rng.integers(0, 256, shape, np.uint8)
    found = every(image, step, offset)
    expected = image[offset::step, offset::step]
    assert found.flags.c_contiguous
    assert found.shape == expected.shape
    assert np.array_equal(found, expected)


def test_every_reads_a_view_of_a_page() -> None:
    page = np.random.default_rng(5).integers(0, 256, (300, 400, 3), np.uint8)
    view = page[17:290, 33:391]
    assert np.array_equal(every(view, 3), view[::3, ::3])
