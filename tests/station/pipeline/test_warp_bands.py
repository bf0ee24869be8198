from __future__ import annotations

import numpy as np
import pytest

from station.pipeline import geometry
from station.pipeline.warp_bands import warped_bands
from tests.station.pipeline.pages import virtual_page


def _steps(width: int, height: int) -> dict[str, geometry.Step]:
    size = (width, height)
    corners = [
        (50.3, 40.1),
        (width - 60.2, 55.0),
        (width - 40.0, height - 30.0),
        (30.0, height - 50.0),
    ]
    return {
        "deskew": geometry.deskew_step(2.3, size),
        "crop+deskew": geometry.compose(
            [geometry.crop_step(corners, size), geometry.deskew_step(-1.1, size)]
        ),
        "deskew+turn": geometry.compose(
            [geometry.deskew_step(1.7, size), geometry.quarter_turn_step(90, size)]
        ),
        "turn": geometry.quarter_turn_step(270, size),
        "box": geometry.box_step((10, 20, 300, 400), size),
    }


@pytest.mark.parametrize("name", ["deskew", "crop+deskew", "deskew+turn", "turn", "box"])
def test_a_page_warped_in_bands_matches_the_page_warped_whole(name: str) -> None:
    image = virtual_page(("skew", "3"), dpi=100)
    step = _steps(image.shape[1], image.shape[0])[name]
    whole = geometry.warp(image, step)
    page = warped_bands(image, step)
    joined = np.vstack([band for _, band in page.bands(97)])
    assert joined.shape == whole.shape
    difference = np.abs(joined.astype(int) - whole)
    assert difference.max() <= 1  # the shifted matrix may round a sample the other way
    assert np.count_nonzero(difference) < 1e-3 * difference.size


@pytest.mark.parametrize("profile", ["standard", "jpeg"])
def test_a_page_run_in_bands_gets_the_same_steps_size_and_encoding(
    monkeypatch: pytest.MonkeyPatch, profile: str
) -> None:
    from station.pdf import mrc
    from station.pipeline import jobs

    image = virtual_page(("skew", "2.5"), ("seed", "4"), paper="auto", dpi=200)
    whole = jobs.run_page(image, 200, profile)
    monkeypatch.setattr(jobs, "BANDED_PIXELS", 0)
    monkeypatch.setattr(mrc, "STRIP_PIXELS", image.shape[0] * image.shape[1] // 3)
    banded = jobs.run_page(image, 200, profile)
    assert banded.transforms == whole.transforms
    for key in ("width_px", "height_px", "colour", "skew_deg", "crop"):
        assert banded.summary[key] == whole.summary[key], key
    assert banded.encoded is not None and whole.encoded is not None
    assert banded.encoded.encoding is whole.encoded.encoding
    assert 0.7 < banded.encoded.bytes / whole.encoded.bytes < 1.5
