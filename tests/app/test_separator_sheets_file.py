"""The separator sheets' PDF written for printing: one A4 page per component in catalog order
(a patch T sheet last when asked), each naming its component and saying it is not scanned into
the dossier, whole or not at all."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from app.separators import write_separator_sheets
from station.codes.sheets import NOTICE, PATCH_T_TITLE
from station.errors import ErrorCode, StationError

PROCEDURE = "1.001193"
A4_PT = (595.28, 841.89)  # 210 × 297 mm


def _words(text: str) -> str:
    """NFC, with the line breaks a long name or the notice wraps at made plain spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _page_text(path: Path, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"]
    return _words(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def test_one_page_per_component_and_the_patch_t_last(catalog, tmp_path) -> None:
    procedure = catalog.get(PROCEDURE)
    written = write_separator_sheets(procedure, tmp_path / "sheets.pdf", patch_t=True)
    assert written.sheets == (*(c.code for c in procedure.components), "patch-t")
    with pikepdf.open(written.path) as pdf:
        assert len(pdf.pages) == len(written.sheets)
    assert [p.name for p in tmp_path.iterdir()] == ["sheets.pdf"]  # no temporary file left


def test_each_sheet_names_its_component_and_says_it_is_not_scanned(catalog, tmp_path) -> None:
    procedure = catalog.get(PROCEDURE)
    written = write_separator_sheets(procedure, tmp_path / "sheets.pdf", patch_t=True)
    components = procedure.components
    for number, component in enumerate(components, start=1):
        text = _page_text(written.path, number)
        assert _words(component.name) in text, (component.code, text)
        assert component.code in text.split()
        assert _words(NOTICE) in text
        assert procedure.code in text
        others = [
            c for c in components if c.code != component.code and c.name not in component.name
        ]
        assert not any(_words(c.name) in text for c in others)  # one component a sheet
    patch_t = _page_text(written.path, len(components) + 1)
    assert _words(PATCH_T_TITLE) in patch_t and _words(NOTICE) in patch_t


def test_every_sheet_is_an_a4_page(catalog, tmp_path) -> None:
    written = write_separator_sheets(catalog.get(PROCEDURE), tmp_path / "sheets.pdf", patch_t=True)
    with pikepdf.open(written.path) as pdf:
        for page in pdf.pages:
            left, bottom, right, top = (float(v) for v in page.mediabox)
            assert (left, bottom) == (0.0, 0.0)
            assert right == pytest.approx(A4_PT[0], abs=0.5)
            assert top == pytest.approx(A4_PT[1], abs=0.5)
            assert "/Rotate" not in page.obj or int(page.obj.Rotate) == 0  # portrait as printed


def test_a_file_that_cannot_be_written_is_a_station_error(catalog, tmp_path) -> None:
    out = tmp_path / "missing" / "sheets.pdf"
    with pytest.raises(StationError) as raised:
        write_separator_sheets(catalog.get(PROCEDURE), out)
    assert raised.value.code is ErrorCode.STORAGE_IO and raised.value.params["path"] == str(out)
    assert list(tmp_path.iterdir()) == []
