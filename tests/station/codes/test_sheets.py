"""Separator sheets read back: each page's QR names its procedure and component."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

from station.codes import CodeKind, Separator, read_codes
from station.codes.sheets import separator_sheets


def rendered_pages(pdf: bytes, dpi: int) -> list[np.ndarray]:
    document = pdfium.PdfDocument(pdf)
    return [np.array(page.render(scale=dpi / 72).to_pil().convert("L")) for page in document]


def test_every_sheet_is_read_back_as_its_component(catalog) -> None:
    procedure = catalog.get("1.001193")
    pages = rendered_pages(separator_sheets(procedure), 150)
    assert len(pages) == len(procedure.components)
    for page, component in zip(pages, procedure.components, strict=True):
        (code,) = read_codes(page)
        assert code.kind is CodeKind.SEPARATOR
        assert code.fields == Separator(procedure.code, component.code)
