"""What a code's text is: a separator sheet, a CCCD, a dossier code, or something else."""

from __future__ import annotations

from station.codes.id_card import parse_id_card
from station.codes.model import CodeKind, DossierCode, Fields
from station.codes.separator import parse_separator
from station.dossier_code import CodeWarning, check_dossier_code, normalize_dossier_code
from station.errors import StationError


def classify(text: str) -> tuple[CodeKind, Fields]:
    separator = parse_separator(text)
    if separator is not None:
        return CodeKind.SEPARATOR, separator
    card = parse_id_card(text)
    if card is not None:
        return CodeKind.ID_CARD, card
    dossier = parse_dossier_code(text)
    if dossier is not None:
        return CodeKind.DOSSIER_CODE, dossier
    return CodeKind.OTHER, None


def parse_dossier_code(text: str) -> DossierCode | None:
    """A code of the standard shape; one with an impossible date still counts (with its
    warning), since real systems are taken as they are (DOMAIN.md §3)."""
    try:
        code = normalize_dossier_code(text)
    except StationError:
        return None
    warnings = check_dossier_code(code)
    if CodeWarning.NONSTANDARD_SHAPE in warnings:
        return None
    return DossierCode(code=code, warnings=tuple(w.value for w in warnings))
