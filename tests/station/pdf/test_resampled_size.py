"""A page scanned below 200 dpi is resampled up to it (every image >= 200 ppi), but its file does
not grow with the interpolated pixels: they carry no detail, so the background spends few bits on
them. Before, a 45 dpi page came out seven times the size of the file it came from."""

from __future__ import annotations

import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodeOptions, encode_page
from tests.station.pdf.support import CORPUS, corpus

GROWTH = 3.0  # at most this many times the bytes of the delivered file and of the page at its dpi


@pytest.mark.parametrize(
    ("name", "dpi"), [("lept__binding-example.45.jpg", 45), ("lept__colorpage.030.jpg", 75)]
)
def test_a_low_dpi_page_is_not_several_times_its_delivered_file(name: str, dpi: int) -> None:
    image = corpus(name)
    colour = ColourClass.COLOR if image.ndim == 3 else ColourClass.GRAY
    resampled = encode_page(image, dpi, colour, EncodeOptions())
    as_scanned = encode_page(image, dpi, colour, EncodeOptions(min_dpi=1))
    assert resampled.upsampled_from == dpi and resampled.min_image_ppi >= 199.5
    assert as_scanned.upsampled_from is None and as_scanned.min_image_ppi < 199.5
    assert resampled.bytes <= GROWTH * (CORPUS / name).stat().st_size
    assert resampled.bytes <= GROWTH * as_scanned.bytes
