"""Separator sheets: a QR `SOHOA-SEP:<procedure>:<component>` between a dossier's components."""

from __future__ import annotations

import re

from station.codes.model import Separator

PREFIX = "SOHOA-SEP:"
_PART = re.compile(r"^[^\s:|]+$")


def separator_text(procedure: str, component: str) -> str:
    if not (_PART.match(procedure) and _PART.match(component)):
        raise ValueError(f"not a procedure/component code: {procedure!r}, {component!r}")
    return f"{PREFIX}{procedure}:{component}"


def parse_separator(text: str) -> Separator | None:
    stripped = text.strip("\r\n ")
    if not stripped.startswith(PREFIX):
        return None
    procedure, _, component = stripped[len(PREFIX) :].partition(":")
    if not (_PART.match(procedure) and _PART.match(component)):
        return None
    return Separator(procedure=procedure, component=component)
