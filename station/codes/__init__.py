"""Codes on pages: QR, Data Matrix, PDF417, Code 128, Code 39 and others, read at any angle and
told apart (dossier code, CCCD, separator sheet). No Qt; plain dataclasses."""

from station.codes.classify import classify, parse_dossier_code
from station.codes.id_card import parse_id_card
from station.codes.model import (
    CodeKind,
    DossierCode,
    FoundCode,
    IdCard,
    PatchCode,
    Point,
    Separator,
)
from station.codes.reader import (
    DEFAULT_FORMATS,
    PATCH_T,
    ReadingCopy,
    read_codes,
    read_copy,
    reading_copy,
    to_gray,
)
from station.codes.separator import PREFIX, parse_separator, separator_text

__all__ = [
    "DEFAULT_FORMATS",
    "PATCH_T",
    "PREFIX",
    "CodeKind",
    "DossierCode",
    "FoundCode",
    "IdCard",
    "PatchCode",
    "Point",
    "ReadingCopy",
    "Separator",
    "classify",
    "parse_dossier_code",
    "parse_id_card",
    "parse_separator",
    "read_codes",
    "read_copy",
    "reading_copy",
    "separator_text",
    "to_gray",
]
