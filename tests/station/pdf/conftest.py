"""Pages shared by the PDF tests: made and encoded once, since MRC costs a few hundred ms."""

from __future__ import annotations

import numpy as np
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodedPage, EncodeOptions, encode_page
from tests.station.pipeline.pages import virtual_page

DPI = 200


@pytest.fixture(scope="session")
def form_page() -> np.ndarray:
    """A5 at 200 dpi, colour: Vietnamese form text, blue signatures and a red seal (BGR)."""
    return virtual_page(("seed", "1"), ("skew", "0"), paper="A5", dpi=DPI)


@pytest.fixture(scope="session")
def form_mrc(form_page: np.ndarray) -> EncodedPage:
    return encode_page(form_page, DPI, ColourClass.COLOR, EncodeOptions())
