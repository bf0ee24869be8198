"""The station's identity between the store and the window's settings (no Qt)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from station.errors import ErrorCode, StationError
from station.model import AdminLevel
from station.store import Store
from station.store.identity import StationIdentity
from ui.settings.values import StationSettings, legacy_identity

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


def with_identity(settings: StationSettings, identity: StationIdentity) -> StationSettings:
    return settings.changed(
        station_name=identity.name,
        agency_code=identity.agency_code,
        station_level=identity.level.value,
    )


def identity_of(settings: StationSettings) -> StationIdentity:
    return StationIdentity(
        settings.station_name, settings.agency_code, AdminLevel(settings.station_level)
    )
