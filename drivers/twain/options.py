"""Backend options for TWAIN: our own `transfer=native|memory`, and capabilities passed through
by their TWAIN names (`ICAP_CONTRAST=10`, `CAP_INDICATORS=false`, `ICAP_PIXELFLAVOR=TWPF_VANILLA`)
and set as given, typed by what the source reports for them."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from drivers.contract import OptionInfo
from drivers.twain.errors import refuses_setting, scan_error
from drivers.twain.session import Session
from station.errors import ErrorCode, StationError

TRANSFER = "transfer"
TRANSFERS = ("memory", "native")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
# Pass-through capabilities worth listing in capabilities(); any CAP_/ICAP_ name is accepted.
LISTED = (
    "ICAP_BRIGHTNESS",
    "ICAP_CONTRAST",
    "ICAP_THRESHOLD",
    "ICAP_AUTOMATICDESKEW",
    "ICAP_AUTOMATICBORDERDETECTION",
    "ICAP_AUTODISCARDBLANKPAGES",
    "CAP_INDICATORS",
)
_KINDS = {"TWTY_BOOL": "bool", "TWTY_FIX32": "fixed", "TWTY_FRAME": "string"}


@dataclass(frozen=True)
class Passthrough:
    name: str
    cap: int
    text: str


def split_options(
    twain: ModuleType, options: tuple[tuple[str, str], ...], device_id: str
) -> tuple[str | None, list[Passthrough]]:
    """(the transfer asked for, or None; the capabilities to pass through). Unknown names and
    transfer values are INVALID_OPTION before anything touches the scanner."""
    transfer = None
    passthrough = []
    for name, text in options:
        if name == TRANSFER:
            if text.strip().lower() not in TRANSFERS:
                raise StationError(
                    ErrorCode.INVALID_OPTION, option=f"{name}={text}", device=device_id
                )
            transfer = text.strip().lower()
            continue
        cap = getattr(twain, name, None) if name.startswith(("CAP_", "ICAP_")) else None
        if not isinstance(cap, int):
            raise StationError(ErrorCode.INVALID_OPTION, option=name, device=device_id)
        passthrough.append(Passthrough(name, cap, text))
    return transfer, passthrough


def _type_name(twain: ModuleType, type_id: int) -> str:
    return next(
        (n for n in dir(twain) if n.startswith("TWTY_") and getattr(twain, n) == type_id), ""
    )


def convert(twain: ModuleType, type_id: int, text: str) -> Any:
    """Text -> a value of TWAIN type `type_id`; ValueError when it is not one."""
    type_name = _type_name(twain, type_id)
    word = text.strip()
    if type_name == "TWTY_BOOL":
        if word.lower() in _TRUE | _FALSE:
            return word.lower() in _TRUE
        raise ValueError(word)
    if type_name == "TWTY_FIX32":
        return float(word.replace(",", "."))
    if type_name == "TWTY_FRAME":
        parts = [float(part) for part in word.split(",")]
        if len(parts) != 4:
            raise ValueError(word)
        return tuple(parts)
    if type_name.startswith("TWTY_STR"):
        return word
    if word.startswith("TW") and isinstance(getattr(twain, word, None), int):
        return getattr(twain, word)  # a constant name, e.g. TWPF_VANILLA
    return int(word, 0)


def apply(session: Session, option: Passthrough) -> None:
    """Set one pass-through capability as the user wrote it."""
    twain = session.twain
    try:
        answer = session.source.get_capability_current(option.cap)
    except session.errors as exc:
        if not refuses_setting(twain, exc):
            raise scan_error(twain, exc, session.device_id, session.sheet) from exc
        raise StationError(
            ErrorCode.UNSUPPORTED_SETTING,
            device=session.device_id,
            setting=option.name,
            value=option.text,
            detail=type(exc).__name__,
        ) from exc
    type_id = answer[0] if isinstance(answer, tuple) else None
    if type_id is None:
        raise StationError(ErrorCode.INVALID_OPTION, option=option.name, device=session.device_id)
    try:
        value = convert(twain, type_id, option.text)
    except ValueError as exc:
        raise StationError(
            ErrorCode.INVALID_OPTION,
            option=f"{option.name}={option.text}",
            device=session.device_id,
        ) from exc
    session.set(option.cap, type_id, value, setting=option.name, shown=option.text)


def describe(session: Session, transfers: tuple[str, ...], default: str) -> tuple[OptionInfo, ...]:
    """The transfer option and the listed pass-through capabilities this source has."""
    twain = session.twain
    infos = [OptionInfo(TRANSFER, "TWAIN transfer", "string", "", list(transfers), default)]
    for name in LISTED:
        cap = getattr(twain, name, None)
        if not isinstance(cap, int):
            continue
        current_answer = _current_answer(session, cap)
        if current_answer is None:
            continue
        type_id, value = current_answer
        type_name = _type_name(twain, type_id)
        kind = _KINDS.get(type_name, "string" if type_name.startswith("TWTY_STR") else "int")
        offered = session.get(cap, fix=type_name == "TWTY_FIX32")
        constraint = offered.constraint if offered is not None else None
        infos.append(OptionInfo(name, name, kind, "", constraint, value))
    return tuple(infos)


def _current_answer(session: Session, cap: int) -> tuple[int, Any] | None:
    try:
        answer = session.source.get_capability_current(cap)
    except session.errors:
        return None
    return answer if isinstance(answer, tuple) and not isinstance(answer[1], tuple) else None
