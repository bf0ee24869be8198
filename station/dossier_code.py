"""Dossier codes: taken as the provincial system gives them, checked only to warn (DOMAIN.md §3)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

from station.errors import ErrorCode, StationError

# V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX (Thông tư 01/2018/TT-VPCP, Điều 19)
_STANDARD = re.compile(
    r"^(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<date>\d{6})-(?P<seq>\d{4})$"
)


class CodeWarning(StrEnum):
    NONSTANDARD_SHAPE = "nonstandard_shape"
    INVALID_DATE = "invalid_date"


def normalize_dossier_code(raw: str) -> str:
    """Strip what barcode readers and pasting add (spaces, CR/LF); refuse an empty code."""
    code = unicodedata.normalize("NFC", raw or "").strip()
    if not code:
        raise StationError(ErrorCode.EMPTY_DOSSIER_CODE)
    return code


def check_dossier_code(code: str) -> list[CodeWarning]:
    """Warnings only: real systems deviate from the standard shape and must still be accepted."""
    match = _STANDARD.match(code)
    if match is None:
        return [CodeWarning.NONSTANDARD_SHAPE]
    digits = match["date"]
    try:
        date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return [CodeWarning.INVALID_DATE]
    return []
