"""The QR on a chip-based CCCD: `ID|oldID|name|ddmmyyyy|sex|address|ddmmyyyy` (DOMAIN.md §4)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from station.codes.model import IdCard

FIELD_COUNT = 7
MAX_FIELD_COUNT = 11  # newer cards are said to add fields; tolerated, kept as `extra`
_ID = re.compile(r"^\d{12}$")
_OLD_ID = re.compile(r"^(\d{9}|\d{12})?$")
_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_id_card(text: str) -> IdCard | None:
    """The card's fields, or None when the text is not shaped like a CCCD QR."""
    parts = unicodedata.normalize("NFC", text).strip("\r\n ").split("|")
    if not FIELD_COUNT <= len(parts) <= MAX_FIELD_COUNT:
        return None
    id_number, old_id, name, born, sex, address, issued = (p.strip() for p in parts[:7])
    birth_date, issued_on = _date(born), _date(issued)
    if not _ID.match(id_number) or not _OLD_ID.match(old_id) or not name:
        return None
    if birth_date is None or issued_on is None:
        return None
    return IdCard(
        id_number=id_number,
        old_id_number=old_id,
        name=name,
        birth_date=birth_date,
        sex=sex,
        address=address,
        issued_on=issued_on,
        extra=tuple(p.strip() for p in parts[7:]),
    )


def _date(digits: str) -> date | None:
    match = _DATE.match(digits)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
