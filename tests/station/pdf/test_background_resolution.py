"""The standard profile's background is 200 ppi, the rules' floor, where that keeps every stroke,
and at the scan's 300 where a 200 ppi layer would fade thin strokes (a receipt's 1-pixel print).
"""

from __future__ import annotations

import numpy as np

from station.imaging.results import ColourClass
from station.pdf import EncodeOptions, encode_page
from tests.station.pdf.support import corpus
from tests.station.pipeline.pages import virtual_page


def _background_ppi(image: np.ndarray, dpi: int) -> float:
    page = encode_page(image, dpi, ColourClass.COLOR, EncodeOptions())
    background = page.layers[0]
    assert page.min_image_ppi >= 199.5
    return background.image.width / (background.box.width / 72.0)


def test_a_300_dpi_form_gets_a_200_ppi_background() -> None:
    form = virtual_page(("seed", "3"), ("skew", "0"), paper="A5", dpi=300)
    assert abs(_background_ppi(form, 300) - 200) < 1


def test_a_receipt_with_hairline_print_keeps_a_300_ppi_background() -> None:
    receipt = corpus("deskew__deskew-7.png")
    assert abs(_background_ppi(receipt, 300) - 300) < 1
