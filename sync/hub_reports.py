"""The province's figures as the hub computes them (`GET /api/v1/stats`), for the supervisor
screen's "all stations" view: read with a supervisor's hub login (the hub shows a station's
own credentials its own figures only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from station.errors import ErrorCode, StationError
from station.stats import Grouping, Period, StatsReport, report_from_json, zone_name
from station.store import Store
from sync.answers import json_object
from sync.credentials import load_secret
from sync.failures import PermanentError, TransientError, raise_for_answer
from sync.settings import SyncSettings, load_settings
from sync.transport import HubHttp, PersonLogin


@dataclass(frozen=True)
class HubStation:
    station_id: str
    name: str
    online: bool
    last_seen_at: str | None


@dataclass(frozen=True)
class HubReport:
    report: StatsReport
    stations: list[HubStation] = field(default_factory=list)

    def names(self, by: Grouping) -> dict[str, str]:
        """Group keys to names: stations by their registered name; clerks are keyed
        "station/clerk" on the hub, shown as "clerk (station name)"."""
        stations = {s.station_id: s.name or s.station_id for s in self.stations}
        if by is Grouping.STATION:
            return stations
        if by is Grouping.CLERK:
            return {key: _clerk_name(key, stations) for key in self.report.groups}
        return {}


def _clerk_name(key: str, stations: dict[str, str]) -> str:
    station, _, clerk = key.partition("/")
    return f"{clerk or '?'} ({stations.get(station, station)})"


class HubReports:
    """Reads the hub's figures; one HTTP session, closed with the object."""

    def __init__(
        self,
        settings: SyncSettings,
        secret: Callable[[], str] | None = None,
        login: PersonLogin | None = None,
    ) -> None:
        if settings.target != "hub" or not settings.configured:
            raise StationError(ErrorCode.SYNC_NOT_CONFIGURED)
        self.http = HubHttp(settings, secret or (lambda: load_secret(settings)), login=login)

    @classmethod
    def for_station(cls, store: Store) -> HubReports:
        """This station's own figures as the hub holds them."""
        return cls(load_settings(store))

    @classmethod
    def for_supervisor(cls, store: Store, login: PersonLogin) -> HubReports:
        """What the supervisor's account may see: their unit, or the whole province."""
        return cls(load_settings(store), lambda: "", login)

    def fetch(self, period: Period, by: Grouping | None) -> HubReport:
        """Raises StationError: offline, refused, or an answer that is not a report."""
        params = {
            "since": period.first_day.isoformat(),
            "until": period.last_day.isoformat(),
            "tz": zone_name(period.tz),
        }
        if by is not None:
            params["by"] = by.value
        try:
            response = self.http.request("GET", "/api/v1/stats", params=params)
            raise_for_answer(response, "stats")
            payload = json_object(response, "stats")
        except (TransientError, PermanentError) as exc:
            raise exc.error from None
        return parse_hub_report(payload)

    def close(self) -> None:
        self.http.close()


def parse_hub_report(payload: dict[str, Any]) -> HubReport:
    try:
        report = report_from_json(payload)
        stations = [
            HubStation(s["station_id"], s.get("name") or "", bool(s["online"]), s["last_seen_at"])
            for s in payload.get("stations", [])
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise StationError(
            ErrorCode.SYNC_REJECTED, what="stats", status=200, detail=f"{type(exc).__name__}"
        ) from None
    return HubReport(report, stations)
