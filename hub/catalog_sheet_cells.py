"""One spreadsheet cell to the value the catalog's JSON holds, or the problem with it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from hub.catalog_sheet_layout import (
    COMPONENT_KINDS,
    LEVELS,
    NO_WORDS,
    YES_WORDS,
    Column,
    Value,
)
from hub.catalog_sheet_read import SheetProblemKind
from station.model import SourceKind
from station.stats.periods import parse_day

_SEPARATORS = re.compile(r"[;\r\n]+")
_DEFAULTS = {
    Value.DATE: None,
    Value.COMPONENT_KIND: "submitted",
    Value.SOURCE_KIND: SourceKind.CODE.value,
}


class CellError(Exception):
    def __init__(self, kind: SheetProblemKind, detail: str = "") -> None:
        super().__init__(kind.value)
        self.kind = kind
        self.detail = detail


def default(column: Column) -> Any:
    """What an empty cell, or a column the sheet leaves out, means."""
    if column.value is Value.YES_NO:
        return column.default
    if column.value in (Value.LIST, Value.LEVELS):
        return []
    return _DEFAULTS.get(column.value, "")


def cell_value(column: Column, raw: Any) -> Any:
    """The JSON value of a cell; raises CellError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.required:
            raise CellError(SheetProblemKind.EMPTY_CELL)
        return default(column)
    if column.value is Value.CODE and isinstance(raw, int | float) and not isinstance(raw, bool):
        raise CellError(SheetProblemKind.NUMBER_FOR_CODE, str(raw))
    if column.value is Value.YES_NO:
        return _yes_no(raw)
    if column.value is Value.DATE:
        return _day(raw)
    text = _text(raw)
    if column.value is Value.LIST:
        return _items(text)
    if column.value is Value.LEVELS:
        return [_choice(LEVELS, item) for item in _items(text)]
    if column.value is Value.COMPONENT_KIND:
        return _choice(COMPONENT_KINDS, text)
    if column.value is Value.SOURCE_KIND:
        return _choice({k.value: k.value for k in SourceKind}, text)
    return text


def _text(raw: Any) -> str:
    return unicodedata.normalize("NFC", str(raw)).strip()


def _items(text: str) -> list[str]:
    return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]


def _choice(choices: dict[str, str], text: str) -> str:
    try:
        return choices[text.lower()]
    except KeyError:
        raise CellError(SheetProblemKind.UNKNOWN_VALUE, text) from None


def _yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _text(raw).lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(SheetProblemKind.NOT_YES_NO, _text(raw))


def _day(raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    try:
        return parse_day(str(raw)).isoformat()
    except ValueError:
        raise CellError(SheetProblemKind.NOT_A_DATE, _text(raw)) from None
