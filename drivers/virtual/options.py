"""The virtual scanner's own options (`seed=7`, `content=card`, `jam-after=2`), typed, checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drivers.contract import OptionInfo
from drivers.virtual.printed import Insert, parse_inserts
from station.errors import ErrorCode, StationError

CONTENTS = ("document", "card", "blank", "papers")  # papers: drivers/virtual/papers.py
CARD_QRS = ("holder", "random", "not-cccd", "bad-number")  # what the card's QR holds
CARDS = ("cccd", "2024")  # the chip card of 2021, the Căn cước card of 1 July 2024
MAX_SKEW_DEG = 45.0
MAX_SHEETS = 1000
MAX_DELAY_S = 60.0
MAX_PARTS = 64
SHEETS = ("A3", "A2", "A1", "A0")  # large-format sheets that can lie on the glass in parts
TURNS = (0, 90, 180, 270)


@dataclass(frozen=True)
class VirtualOptions:
    seed: int = 1
    content: str = "document"
    skew: float | None = None  # degrees; None = drawn from the seed within +-8
    sheets: int = 5  # sheets waiting in the feeder
    noise: float = 0.25  # 0 = clean pixels, 1 = a poor sensor
    blank_backs: bool = True
    jam_after: int | None = None
    cover_open_after: int | None = None
    disconnect_after: int | None = None
    delay: float = 0.0  # seconds per strip, a slow scanner
    # A large-format sheet scanned in parts (drivers/virtual/large_sheet.py): which sheet lies
    # on the glass, which part of its grid, and a turn the clerk gave it.
    sheet: str | None = None
    part: int = 1
    turn: int = 0
    insert: tuple[Insert, ...] = ()  # sheets printed from files (drivers/virtual/printed.py)
    card_qr: str = "holder"
    card: str = "cccd"


def _int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value

    return parse


def _float(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = float(text.replace(",", "."))
        if not low <= value <= high:  # also refuses nan
            raise ValueError(text)
        return value

    return parse


def _choice(text: str) -> str:
    value = text.strip().lower()
    if value not in CONTENTS:
        raise ValueError(text)
    return value


def _sheet(text: str) -> str:
    value = text.strip().upper()
    if value not in SHEETS:
        raise ValueError(text)
    return value


def _turn(text: str) -> int:
    value = int(text)
    if value not in TURNS:
        raise ValueError(text)
    return value


def _card_qr(text: str) -> str:
    value = text.strip().lower()
    if value not in CARD_QRS:
        raise ValueError(text)
    return value


def _card(text: str) -> str:
    value = text.strip().lower()
    if value not in CARDS:
        raise ValueError(text)
    return value


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


_PARSERS: dict[str, Callable[[str], Any]] = {
    "seed": _int(0, 2**63 - 1),
    "content": _choice,
    "skew": _float(-MAX_SKEW_DEG, MAX_SKEW_DEG),
    "sheets": _int(0, MAX_SHEETS),
    "noise": _float(0.0, 1.0),
    "blank_backs": _flag,
    "jam_after": _int(0, MAX_SHEETS),
    "cover_open_after": _int(0, MAX_SHEETS),
    "disconnect_after": _int(0, MAX_SHEETS),
    "delay": _float(0.0, MAX_DELAY_S),
    "sheet": _sheet,
    "part": _int(1, MAX_PARTS),
    "turn": _turn,
    "insert": parse_inserts,
    "card_qr": _card_qr,
    "card": _card,
}


def parse_virtual_options(pairs: tuple[tuple[str, str], ...]) -> VirtualOptions:
    """Names may be spelled `jam-after` or `jam_after`; an unknown name or bad value is refused."""
    values: dict[str, Any] = {}
    for raw_name, raw_value in pairs:
        name = raw_name.strip().lstrip("-").lower().replace("-", "_")
        parser = _PARSERS.get(name)
        if parser is None:
            raise StationError(ErrorCode.INVALID_OPTION, option=raw_name)
        try:
            values[name] = parser(raw_value.strip())
        except ValueError:
            raise StationError(ErrorCode.INVALID_OPTION, option=raw_name, value=raw_value) from None
    return VirtualOptions(**values)


def option_infos() -> tuple[OptionInfo, ...]:
    """What `capabilities()` advertises, with the defaults of VirtualOptions."""
    defaults = VirtualOptions()
    fault = (0, MAX_SHEETS, 1)
    return (
        OptionInfo("seed", "Random seed for the page content", "int", "", (0, 2**63 - 1, 1), 1),
        OptionInfo("content", "What lies on the glass", "string", "", list(CONTENTS), "document"),
        OptionInfo("skew", "Skew of the sheet (empty = random)", "fixed", "deg",
                   (-MAX_SKEW_DEG, MAX_SKEW_DEG, 0.1), None),
        OptionInfo("sheets", "Sheets in the feeder", "int", "", (0, MAX_SHEETS, 1),
                   defaults.sheets),
        OptionInfo("noise", "Sensor noise", "fixed", "", (0.0, 1.0, 0.05), defaults.noise),
        OptionInfo("blank-backs", "Backs of duplex sheets are blank", "bool", "", None, True),
        OptionInfo("jam-after", "Jam when this many sheets have been fed", "int", "", fault),
        OptionInfo("cover-open-after", "Open the cover after this many sheets", "int", "", fault),
        OptionInfo("disconnect-after", "Unplug after this many sheets", "int", "", fault),
        OptionInfo("delay", "Seconds per strip (a slow scanner)", "fixed", "s",
                   (0.0, MAX_DELAY_S, 0.01), 0.0),
        OptionInfo("sheet", "Large sheet scanned in parts", "string", "", list(SHEETS), None),
        OptionInfo("part", "Which part of the sheet lies on the glass", "int", "",
                   (1, MAX_PARTS, 1), 1),
        OptionInfo("turn", "The part's turn on the glass", "int", "deg", list(TURNS), 0),
        OptionInfo("insert", "Sheets printed from files: N:PATH[#PAGE]+...", "string", "", None,
                   ""),
        OptionInfo("card-qr", "What the ID card's QR holds", "string", "", list(CARD_QRS),
                   "holder"),
        OptionInfo("card", "Which ID card lies on the glass", "string", "", list(CARDS), "cccd"),
    )  # fmt: skip
