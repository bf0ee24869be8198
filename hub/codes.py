"""Dossier codes as the hub keeps them: one spelling per code, no invisible characters.

Codes come from each province's system and are printed, scanned and typed, so lookalikes
(a full-width "０", an en dash for the hyphen) are folded to the plain character before a
code is stored or looked up; characters that change how text is shown (bidi overrides) or
that cannot be seen are refused.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CODE = 200
# Hyphen lookalikes: U+2010..U+2015, minus sign, small and full-width hyphen-minus.
_HYPHENS = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
# Cc controls, Cf format characters (bidi overrides, zero-width), separators, surrogates,
# private use and unassigned code points.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
# A cell starting with one of these is a formula in a spreadsheet (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A unit's agency code at the start of a dossier code: V1V2V3.Z1Z2.Y1Y2.MX1X2 (TT 01/2018).
_UNIT_PREFIX = re.compile(r"^([0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})-")


def _folded(char: str) -> str:
    if char in _HYPHENS:
        return "-"
    if "\uff01" <= char <= "\uff5e":  # full-width forms of printable ASCII
        return chr(ord(char) - 0xFEE0)
    if char == "\u3000":  # ideographic space
        return " "
    return char


def normalised_code(code: str) -> str:
    """NFC, with hyphen lookalikes and full-width ASCII folded to plain ASCII."""
    return unicodedata.normalize("NFC", "".join(_folded(c) for c in code))


def is_visible_text(text: str) -> bool:
    return not any(unicodedata.category(c) in _REFUSED_CATEGORIES for c in text)


def is_acceptable_code(code: str) -> bool:
    """A normalised code: not empty, bounded, visible, trimmed, and never a formula."""
    return (
        0 < len(code) <= MAX_CODE
        and is_visible_text(code)
        and code == code.strip()
        and not code.startswith(FORMULA_STARTS)
    )


def unit_of_code(code: str) -> str | None:
    """The receiving unit's agency code a dossier code starts with, if it carries one."""
    found = _UNIT_PREFIX.match(code)
    return found.group(1) if found else None
