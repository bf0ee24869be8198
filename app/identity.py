"""The station's identity (name, agency code, level) as the store holds it, taken over once
from the settings file of an earlier version, for the window and the command line alike."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from app.settings import LEGACY_FILE, read_json_object
from station.errors import ErrorCode, StationError
from station.store import Store
from station.store.identity import StationIdentity

log = logging.getLogger(__name__)


def take_over_identity(store: Store, home: Path) -> StationIdentity:
    """The store's identity; the first time, one the settings file of an earlier version holds
    replaces the host name the store started with. Once set by a person it is never taken
    over again."""
    current = store.identity()
    if current.updated_at is not None:
        return current
    name, code = legacy_identity(home)
    if not name.strip() and not code.strip():
        return current
    wanted = StationIdentity(name if name.strip() else current.name, code, current.level)
    try:
        store.set_identity(wanted)
    except StationError as error:
        if error.code is not ErrorCode.AGENCY_CODE_INVALID:
            raise
        log.warning("agency code %r in %s not taken over: not well formed", code, home)
        store.set_identity(replace(wanted, agency_code=""))
    return store.identity()


def legacy_identity(home: Path) -> tuple[str, str]:
    """The station name and agency code earlier versions kept in the settings file."""
    data = read_json_object(home / LEGACY_FILE)
    name, code = data.get("station_name"), data.get("agency_code")
    return (name if isinstance(name, str) else "", code if isinstance(code, str) else "")
