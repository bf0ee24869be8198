"""The catalog of units the station's agency code is chosen from: the province's list in the
data directory when there is one, else the bundled examples (which say so: a station set up
from them would carry a made-up code in every PDF, manifest and figure)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from station.errors import ErrorCode, StationError
from station.model import AdminLevel
from station.store.files import write_atomic
from station.store.identity import StationIdentity

log = logging.getLogger(__name__)

UNITS_FILE = "units.json"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: AdminLevel


def bundled_units_file() -> Path:
    return Path(str(resources.files("resources") / "units" / UNITS_FILE))


def has_province_units(home: Path) -> bool:
    """Whether the data directory holds the province's own list (else: the examples)."""
    own = Path(home) / UNITS_FILE
    try:
        return own.is_file() and bool(_read(own))
    except (OSError, ValueError):
        return False


def import_units(home: Path, source: Path) -> list[Unit]:
    """Take the province's list from a file (the format of resources/units/README.md) as this
    station's: checked first, then written owner-only over any earlier one. Raises StationError
    when the file cannot be read or holds no unit with a well-formed code."""
    try:
        data = Path(source).read_bytes()
        units = _units(json.loads(data.decode("utf-8")))
    except (OSError, ValueError, AttributeError) as exc:
        raise StationError(ErrorCode.UNITS_FILE_INVALID, path=str(source)) from exc
    if not units:
        raise StationError(ErrorCode.UNITS_FILE_INVALID, path=str(source))
    write_atomic(Path(home) / UNITS_FILE, data, "units")
    return units


def load_units(home: Path) -> list[Unit]:
    """The province's list ($SOHOA_HOME/units.json) if present and readable, else the bundled
    one; entries with a malformed code or an unknown level are left out."""
    own = Path(home) / UNITS_FILE
    for path in (own, bundled_units_file()):
        if path.is_file():
            try:
                return _read(path)
            except (OSError, ValueError) as exc:
                log.warning("unit list %s not read: %s", path, exc)
    return []


def _read(path: Path) -> list[Unit]:
    return _units(json.loads(path.read_text(encoding="utf-8")))


def _units(data: dict[str, list[dict[str, str]]]) -> list[Unit]:
    units = []
    for entry in data.get("units", []):
        unit = _unit(entry)
        if unit is not None:
            units.append(unit)
    return units


def _unit(entry: dict[str, str]) -> Unit | None:
    try:
        level = AdminLevel(entry.get("level", AdminLevel.COMMUNE.value))
        checked = StationIdentity(entry["name"], entry["code"], level).checked()
    except (KeyError, ValueError, StationError):
        return None
    return Unit(checked.agency_code, checked.name, checked.level)
