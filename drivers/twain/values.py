"""What pytwain's get_capability answers, turned into plain values.

pytwain hands containers over nearly raw: a TW_ONEVALUE as (type, value) with FIX32 already a
float; a TW_ENUMERATION as (type, (current index, default index, [items])) whose FIX32 items are
TW_FIX32 structures and whose BOOL items are 0/1; a TW_ARRAY as (type, [items]); a TW_RANGE as a
dict of the five TW_UINT32 slots, untyped, where a FIX32 bound is the structure's bytes read as
an unsigned int (Whole in the low half, Frac in the high half).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def fix32(value: Any) -> float:
    """A TW_FIX32 structure, or an already converted number, as a float."""
    if hasattr(value, "Whole") and hasattr(value, "Frac"):
        return value.Whole + value.Frac / 65536
    return float(value)


def fix32_from_slot(slot: int) -> float:
    """A FIX32 stored in a TW_RANGE slot (TW_UINT32) as a float."""
    whole = slot & 0xFFFF
    if whole >= 0x8000:
        whole -= 0x10000
    return whole + (slot >> 16) / 65536


def _plain(value: Any) -> Any:
    if hasattr(value, "Whole"):
        return fix32(value)
    if hasattr(value, "Left"):
        return tuple(fix32(getattr(value, side)) for side in ("Left", "Top", "Right", "Bottom"))
    return value


def _same(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-3
    except (TypeError, ValueError):
        return a == b


@dataclass(frozen=True)
class Allowed:
    """The values a capability may take: a list, a (min, max, step) range, or just its current."""

    type: int | None
    current: Any
    choices: tuple[Any, ...] | None = None
    range: tuple[float, float, float] | None = None
    single: bool = False  # a TW_ONEVALUE: only the current value is known

    @property
    def constraint(self) -> tuple[float, float, float] | list[Any] | None:
        """As OptionInfo.constraint wants it: a range, a list of values, or None."""
        if self.single:
            return None
        return self.range or list(self.choices or ())

    def allows(self, value: Any) -> bool:
        if self.choices is not None:
            return any(_same(choice, value) for choice in self.choices)
        if self.range is not None:
            low, high, step = self.range
            number = float(value)
            if not low - 1e-3 <= number <= high + 1e-3:
                return False
            return not step or abs((number - low) / step - round((number - low) / step)) < 1e-3
        return _same(self.current, value)


def allowed(answer: Any, fix: bool = False) -> Allowed:
    """Decode a get_capability answer; `fix` says the capability is FIX32 (ranges lose types)."""
    if isinstance(answer, dict):
        decode = fix32_from_slot if fix else int
        bounds = tuple(decode(answer[k]) for k in ("MinValue", "MaxValue", "StepSize"))
        return Allowed(None, decode(answer["CurrentValue"]), range=bounds)  # type: ignore[arg-type]
    item_type, value = answer
    if isinstance(value, tuple) and len(value) == 3 and isinstance(value[2], list):
        current_index, _default_index, items = value
        choices = tuple(_plain(item) for item in items)
        current = choices[current_index] if 0 <= current_index < len(choices) else None
        return Allowed(item_type, current, choices=choices)
    if isinstance(value, list):
        choices = tuple(_plain(item) for item in value)
        return Allowed(item_type, choices[0] if choices else None, choices=choices)
    return Allowed(item_type, value, choices=(value,), single=True)


def current(answer: Any, fix: bool = False) -> Any:
    """The current value out of a get_capability_current answer, whatever container it came in."""
    return allowed(answer, fix).current
