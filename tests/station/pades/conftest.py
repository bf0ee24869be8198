from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodeOptions, Encoding, encode_page
from tests.station.pades.support import CaBundle
from tests.station.pdf.support import pdf_of


@pytest.fixture(scope="session")
def ca(signing_ca: CaBundle) -> CaBundle:
    return signing_ca


def component_pdf(pages: int = 3, pdfa: bool = False) -> bytes:
    image = np.full((1654, 1169, 3), 250, np.uint8)  # A5 at 200 dpi, nearly white
    image[400:420, 200:900] = (30, 30, 30)
    page = encode_page(image, 200, ColourClass.COLOR, EncodeOptions(encoding=Encoding.JPEG))
    return pdf_of([page] * pages, pdfa=pdfa)


@pytest.fixture
def unsigned(tmp_path: Path) -> Path:
    path = tmp_path / "000.00.14.H05-251122-0001.1.pdf"
    path.write_bytes(component_pdf())
    return path


__all__ = ["component_pdf", "io"]
