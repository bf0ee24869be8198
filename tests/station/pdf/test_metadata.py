"""Who, what and when: the same values in the info dictionary and in XMP, diacritics intact."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import numpy as np
import pikepdf
import pytest

from station.imaging.results import ColourClass
from station.pdf import EncodeOptions, Encoding, PdfMetadata, encode_page
from tests.station.pdf.support import METADATA, pdf_of

SOHOA = "{urn:sohoa-station:ns:dossier:1.0/}"


def _written(metadata: PdfMetadata, pdfa: bool = False) -> pikepdf.Pdf:
    image = np.full((40, 30), 255, np.uint8)
    page = encode_page(image, 200, ColourClass.GRAY, EncodeOptions(encoding=Encoding.JPEG))
    return pikepdf.open(io.BytesIO(pdf_of([page], pdfa=pdfa, metadata=metadata)))


@pytest.fixture(scope="module")
def written() -> pikepdf.Pdf:
    return _written(METADATA, pdfa=True)


def test_info_dictionary_names_dossier_procedure_component_station_and_clerk(written) -> None:
    info = {str(key): str(value) for key, value in written.docinfo.items()}
    assert info["/SoHoaDossierCode"] == "000.00.14.H05-250701-0042"
    assert info["/SoHoaProcedure"] == "1.011442.000.00.00.H38"
    assert info["/SoHoaComponent"] == "Tờ khai đăng ký khai sinh"
    assert info["/SoHoaStation"] == "Trạm Một cửa xã Thạch Hà"
    assert info["/SoHoaClerk"] == info["/Author"] == "Nguyễn Thị Ánh"
    assert info["/Title"] == "000.00.14.H05-250701-0042 - Tờ khai đăng ký khai sinh"
    assert "1.011442.000.00.00.H38" in info["/Subject"]


def test_scan_time_is_the_creation_date(written) -> None:
    assert str(written.docinfo["/CreationDate"]) == "D:20250701093015+07'00'"
    assert str(written.docinfo["/ModDate"]) == "D:20250701093015+07'00'"


def test_xmp_carries_the_same_values(written) -> None:
    with written.open_metadata() as xmp:
        assert xmp["dc:title"] == str(written.docinfo["/Title"])
        assert xmp["dc:creator"] == ["Nguyễn Thị Ánh"]
        assert xmp["dc:description"] == str(written.docinfo["/Subject"])
        assert xmp["pdf:Keywords"] == str(written.docinfo["/Keywords"])
        assert xmp["xmp:CreateDate"] == "2025-07-01T09:30:15+07:00"
        assert xmp["dc:identifier"] == "000.00.14.H05-250701-0042"
        assert xmp["dc:subject"] == {
            "000.00.14.H05-250701-0042",
            "1.011442.000.00.00.H38",
            "Tờ khai đăng ký khai sinh",
        }
        assert not any(key.startswith(SOHOA) for key in xmp)  # PDF/A: predefined only


def test_outside_pdfa_xmp_also_carries_the_custom_properties() -> None:
    with _written(METADATA).open_metadata() as xmp:
        assert xmp[SOHOA + "DossierCode"] == "000.00.14.H05-250701-0042"
        assert xmp[SOHOA + "Procedure"] == "1.011442.000.00.00.H38"
        assert xmp[SOHOA + "Component"] == "Tờ khai đăng ký khai sinh"
        assert xmp[SOHOA + "Station"] == "Trạm Một cửa xã Thạch Hà"
        assert xmp[SOHOA + "Clerk"] == "Nguyễn Thị Ánh"


def test_vietnamese_in_either_unicode_form_comes_back_unchanged() -> None:
    decomposed = unicodedata.normalize("NFD", "Đặng Thị Hường")
    pdf = _written(replace(METADATA, clerk=decomposed, component="Giấy chứng nhận & <bản sao>"))
    assert str(pdf.docinfo["/Author"]) == decomposed
    with pdf.open_metadata() as xmp:
        assert xmp["dc:creator"] == [decomposed]
        assert xmp[SOHOA + "Component"] == "Giấy chứng nhận & <bản sao>"


def test_control_characters_are_dropped_from_info_and_xmp_alike() -> None:
    pdf = _written(replace(METADATA, station="Trạm\x00 số\x07 1\ud800"), pdfa=True)
    assert str(pdf.docinfo["/SoHoaStation"]) == "Trạm số 1"
    with pdf.open_metadata() as xmp:
        assert xmp["pdf:Keywords"].endswith("; Trạm số 1")


def test_negative_utc_offsets_are_written_with_a_minus() -> None:
    when = datetime(2025, 12, 31, 23, 59, 59, tzinfo=timezone(-timedelta(hours=5, minutes=30)))
    pdf = _written(replace(METADATA, scan_time=when))
    assert str(pdf.docinfo["/CreationDate"]) == "D:20251231235959-05'30'"


def test_a_naive_scan_time_is_taken_as_local_time() -> None:
    pdf = _written(replace(METADATA, scan_time=datetime(2025, 7, 1, 9, 30)))
    date = str(pdf.docinfo["/CreationDate"])
    assert date.startswith("D:20250701093000") and date[16] in "+-Z"


def test_title_defaults_to_code_and_component_but_can_be_set() -> None:
    pdf = _written(replace(METADATA, title="Bản sao y"))
    assert str(pdf.docinfo["/Title"]) == "Bản sao y"
