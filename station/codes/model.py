"""What a read finds: one code on a page, where it is, and what its text means."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class CodeKind(StrEnum):
    DOSSIER_CODE = "dossier_code"  # a one-stop dossier code (DOMAIN.md §3)
    ID_CARD = "id_card"  # the QR on a chip-based CCCD (DOMAIN.md §4)
    SEPARATOR = "separator"  # a sheet between components, printed by this station
    OTHER = "other"


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class IdCard:
    id_number: str  # 12 digits
    old_id_number: str  # the 9-digit CMND, or ""
    name: str  # NFC
    birth_date: date
    sex: str  # as printed: "Nam" or "Nữ"
    address: str
    issued_on: date
    extra: tuple[str, ...] = ()  # fields after the seventh (newer cards; meaning unconfirmed)


@dataclass(frozen=True)
class Separator:
    procedure: str
    component: str


@dataclass(frozen=True)
class DossierCode:
    code: str  # normalized
    warnings: tuple[str, ...] = ()  # station.dossier_code.CodeWarning values


@dataclass(frozen=True)
class PatchCode:
    """A patch code sheet (Kodak's bars, no text); the station prints and reads patch T."""

    patch: str = "T"
    # what the batch does at it: the pages after it go to the next component in checklist order
    action: str = "next_component"


Fields = IdCard | Separator | DossierCode | PatchCode | None


@dataclass(frozen=True)
class StoredCode:
    """A code as kept with its page: no text where the text is personal data."""

    format: str
    kind: CodeKind
    position: tuple[Point, Point, Point, Point]
    text: str = ""


@dataclass(frozen=True)
class FoundCode:
    format: str  # zxing-cpp's format name: "QRCode", "DataMatrix", "Code128", ...
    text: str
    # corners in page pixels, clockwise from the symbol's own top-left
    position: tuple[Point, Point, Point, Point]
    kind: CodeKind = CodeKind.OTHER
    fields: Fields = field(default=None)

    @property
    def center(self) -> Point:
        return Point(sum(p.x for p in self.position) / 4, sum(p.y for p in self.position) / 4)


KINDS_WITH_TEXT = frozenset({CodeKind.DOSSIER_CODE, CodeKind.SEPARATOR})


def to_stored(code: FoundCode) -> StoredCode:
    """What the station keeps of a code found on a page (the minimum: no personal text)."""
    text = code.text if code.kind in KINDS_WITH_TEXT else ""
    return StoredCode(code.format, code.kind, code.position, text)
