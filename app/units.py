"""The catalog of units the station's agency code is chosen from: the province's list in the
data directory when there is one, else the bundled examples."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from station.errors import StationError
from station.model import AdminLevel
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
    data = json.loads(path.read_text(encoding="utf-8"))
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
