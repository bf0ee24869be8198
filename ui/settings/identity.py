"""The station's identity in the window's settings, which mirror the store's (no Qt)."""

from __future__ import annotations

from station.model import AdminLevel
from station.store.identity import StationIdentity
from ui.settings.values import StationSettings


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
