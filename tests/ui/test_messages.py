from __future__ import annotations

import string

import pytest

from station.errors import ErrorCode, StationError
from ui.messages import ERRORS, error_text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda c: c.value)
def test_every_error_code_has_matching_vietnamese_and_english_text(code: ErrorCode) -> None:
    vi, en = ERRORS[code]
    assert vi and en and vi != en
    assert _fields(vi) == _fields(en)


def test_placeholders_are_filled_from_the_error() -> None:
    vi, en = error_text(StationError(ErrorCode.SCANNER_JAMMED, device="virtual", sheet=3))
    assert "tờ 3" in vi and "sheet 3" in en


def test_a_parameter_left_out_does_not_leave_the_others_unfilled() -> None:
    error = StationError(ErrorCode.UNSUPPORTED_SETTING, setting="dpi", value="50")
    vi, en = error_text(error)
    assert "{" not in vi + en
    assert "dpi = 50" in vi and "dpi = 50" in en
