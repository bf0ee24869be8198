from __future__ import annotations

import pytest

from station.dossier_code import CodeWarning, check_dossier_code, normalize_dossier_code
from station.errors import ErrorCode, StationError


@pytest.mark.parametrize("code", ["000.00.14.H05-251122-0001", "000.01.31.H05-240229-9999"])
def test_standard_codes_raise_no_warning(code: str) -> None:
    assert check_dossier_code(code) == []


@pytest.mark.parametrize(
    "code", ["G09.20-20260609-0092637", "H38.1-2024-1", "000.00.14.H05-251122-001"]
)
def test_nonstandard_codes_only_warn(code: str) -> None:
    assert check_dossier_code(code) == [CodeWarning.NONSTANDARD_SHAPE]


def test_impossible_date_in_a_standard_code_warns() -> None:
    assert check_dossier_code("000.00.14.H05-251332-0001") == [CodeWarning.INVALID_DATE]


def test_barcode_reader_line_endings_are_stripped_but_the_code_is_kept_as_given() -> None:
    assert normalize_dossier_code("  G09.20-20260609-0092637\r\n") == "G09.20-20260609-0092637"
    assert normalize_dossier_code("abc-1") == "abc-1"  # no case folding: the system's code rules


@pytest.mark.parametrize("raw", ["", "   ", "\r\n"])
def test_empty_code_is_refused(raw: str) -> None:
    with pytest.raises(StationError) as caught:
        normalize_dossier_code(raw)
    assert caught.value.code is ErrorCode.EMPTY_DOSSIER_CODE
