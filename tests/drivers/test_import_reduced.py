"""A large JPEG's analysis copy comes from the file decoded at a reduced scale (DCT scaling),
never from the decoded sheet, and the analysis finds on it what it finds on the shrunk sheet."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.importer import import_file
from drivers.importer.reduced import reduced_copy
from station.pipeline.process import analysis_factor, plan_page, working_image
from station.pipeline.profile import get_profile
from tests.station.pipeline.large_sheet import draw_sheet, save_sheet

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
BED = (52, 50, 48)  # BGR: the scanner's lid seen round the sheet


def _page_and_factor(path: Path):
    [page] = import_file(path)
    return page, analysis_factor(page.pixels.shape, page.dpi)


def test_a_jpeg_gives_its_copy_at_the_analysis_scale_from_its_own_data() -> None:
    page, _ = _page_and_factor(CORPUS / "lept__colorpage.030.jpg")
    for factor in (2, 3, 6):
        small = reduced_copy(page, factor)
        assert small is not None
        height, width = page.pixels.shape[:2]
        assert small.shape == (height // factor, width // factor, 3)
        shrunk = cv2.resize(
            cv2.cvtColor(page.pixels, cv2.COLOR_RGB2BGR),
            (width // factor, height // factor),
            interpolation=cv2.INTER_AREA,
        )
        # BGR as the analysis reads it, and the same picture within the scaled decoding's
        # error on a detailed page (its colours swapped differ by 20 levels on average)
        assert np.abs(small.astype(int) - shrunk).mean() < 8
        assert np.abs(small[..., ::-1].astype(int) - shrunk).mean() > 15


def test_a_file_that_is_not_a_kept_jpeg_gives_no_copy() -> None:
    png, _ = _page_and_factor(CORPUS / "lept__patent.png")
    assert reduced_copy(png, 4) is None
    jpeg, _ = _page_and_factor(CORPUS / "lept__colorpage.030.jpg")
    assert reduced_copy(jpeg, 1) is None  # nothing to reduce


@pytest.mark.slow
def test_an_a0_sheet_analysed_on_its_decoded_copy_matches_the_shrunk_sheet(
    tmp_path: Path,
) -> None:
    """An A0 plan at 250 dpi (97 M px, analysed 6 times smaller: decoded at 1/4, averaged the
    rest) lying turned on the bed: the skew within 0.05 deg and the sheet's corners within 2 px
    of the analysis copy of what the shrunk decoded sheet gives."""
    dpi, margin = 250, 160
    sheet = draw_sheet(dpi)
    height, width = sheet.shape[:2]
    bed = np.empty((height + 2 * margin, width + 2 * margin, 3), np.uint8)
    bed[:] = BED
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), 0.8, 1.0)
    turn[:, 2] += margin
    cv2.warpAffine(sheet, turn, bed.shape[1::-1], dst=bed, borderMode=cv2.BORDER_TRANSPARENT)
    del sheet
    path = tmp_path / "a0.jpg"
    save_sheet(bed, path, dpi)
    del bed
    page, factor = _page_and_factor(path)
    assert factor == 6
    small = reduced_copy(page, factor)
    assert small is not None
    image = working_image(page.pixels, rgb=True, reuse=True)
    profile = get_profile("standard")
    shrunk = plan_page(image, page.dpi, profile).analysis
    decoded = plan_page(image, page.dpi, profile, (), small).analysis
    assert shrunk.skew is not None and decoded.skew is not None
    assert abs(decoded.skew.angle_deg - shrunk.skew.angle_deg) < 0.05
    assert shrunk.crop is not None and decoded.crop is not None
    assert decoded.crop.kind == shrunk.crop.kind
    gap = np.abs(np.array(decoded.crop.corners) - np.array(shrunk.crop.corners)) / factor
    assert gap.max() <= 2, gap
    assert decoded.colour == shrunk.colour
