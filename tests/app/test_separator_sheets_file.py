"""The separator sheets' PDF written for printing: one page per component in catalog order (a
patch T sheet last when asked), whole or not at all."""

from __future__ import annotations

import pikepdf
import pytest

from app.separators import write_separator_sheets
from station.errors import ErrorCode, StationError

PROCEDURE = "1.001193"


def test_one_page_per_component_and_the_patch_t_last(catalog, tmp_path) -> None:
    procedure = catalog.get(PROCEDURE)
    written = write_separator_sheets(procedure, tmp_path / "sheets.pdf", patch_t=True)
    assert written.sheets == (*(c.code for c in procedure.components), "patch-t")
    with pikepdf.open(written.path) as pdf:
        assert len(pdf.pages) == len(written.sheets)
    assert [p.name for p in tmp_path.iterdir()] == ["sheets.pdf"]  # no temporary file left


def test_a_file_that_cannot_be_written_is_a_station_error(catalog, tmp_path) -> None:
    out = tmp_path / "missing" / "sheets.pdf"
    with pytest.raises(StationError) as raised:
        write_separator_sheets(catalog.get(PROCEDURE), out)
    assert raised.value.code is ErrorCode.STORAGE_IO and raised.value.params["path"] == str(out)
    assert list(tmp_path.iterdir()) == []
