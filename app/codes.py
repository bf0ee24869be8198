"""Codes read off files and stored pages, and what the counter takes from them: the applicant
from a CCCD's QR (the name and ID number only; the QR's text is never stored or logged).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

from drivers.importer import import_file
from station.codes import CodeKind, FoundCode, IdCard, read_codes
from station.errors import ErrorCode, StationError
from station.id_number import check_id_number, normalize_id_number
from station.model import Dossier, Page
from station.store import Store


class CardProblem(StrEnum):
    UNREADABLE = "unreadable"  # a QR shaped like a card's (fields split by `|`) that does not parse
    BAD_NUMBER = "bad_number"  # parsed, but the ID number fails station.id_number's check


def codes_in_file(path: Path, pdf_dpi: int = 300) -> list[tuple[int, FoundCode]]:
    """(page number, code) for every code in the file; top-level and picklable, for a process
    pool. Raises StationError(IMPORT_*) when the file cannot be read."""
    found = []
    for page in import_file(Path(path), pdf_dpi=pdf_dpi):
        found += [(page.index, code) for code in read_codes(page.pixels)]
    return found


def page_codes(store: Store, page: Page) -> list[FoundCode]:
    """The codes on a stored page's original."""
    data = store.read_image(page.original)
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if pixels is None:
        raise StationError(ErrorCode.IMAGE_UNREADABLE, path=page.original.path, detail="decode")
    return read_codes(pixels)


def card_on_page(codes: list[FoundCode]) -> IdCard | CardProblem | None:
    """The citizen ID card among the codes, what is wrong with it, or None for no card."""
    for code in codes:
        if code.kind is CodeKind.ID_CARD and isinstance(code.fields, IdCard):
            return (
                code.fields if check_id_number(code.fields.id_number).ok else CardProblem.BAD_NUMBER
            )
    if any(code.format == "QRCode" and code.text.count("|") >= 3 for code in codes):
        return CardProblem.UNREADABLE
    return None


def keep_applicant(store: Store, dossier_code: str, name: str, id_number: str) -> Dossier:
    """What the dossier needs of the card, once the clerk has confirmed it: the name (NFC,
    spaces folded) and the ID number; nothing else of the card is kept."""
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    return store.set_applicant(dossier_code, clean, normalize_id_number(id_number))
