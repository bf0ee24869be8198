"""Where the supervisor screen reads its figures: a `ReportSource` (period, grouping → report).

The local source reads this station's store; a hub-backed source can take its place, as long as
it also names the stations and clerks its groups are keyed by. Nothing here touches Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from app.reports import local_report
from station.accounts import Accounts
from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.stats import Grouping, Period, StatsReport
from station.stats.export import Overview, TableKind, overview
from station.store import Store
from sync.hub_reports import HubReport, HubReports
from sync.settings import SyncSettings
from sync.transport import PersonLogin


class ReportSource(Protocol):
    def __call__(self, period: Period, by: Grouping | None) -> StatsReport: ...

    def names(self, by: Grouping) -> Mapping[str, str]:
        """Group keys (station ids, clerk ids) to the names people know them by."""
        ...


@dataclass
class LocalReportSource:
    """This station's own store. Call it on the store's thread (the task runner's `db`)."""

    store: Store
    catalog: Catalog
    station_name: Callable[[], str] = field(default=lambda: "")

    def __call__(self, period: Period, by: Grouping | None) -> StatsReport:
        return local_report(self.store, self.catalog, period, by)

    def names(self, by: Grouping) -> Mapping[str, str]:
        if by is Grouping.STATION:
            station = self.store.station()
            return {station.id: self.station_name() or station.name}
        if by is Grouping.CLERK:
            known = Accounts(self.store.database).names()
            return {user: f"{name} ({user})" for user, name in known.items()}
        return {}


class HubReportSource:
    """The province hub's figures across the stations a supervisor's hub account may see
    (`log_in` first). `remote`: the controller reads it on a worker thread, not the store's."""

    remote = True

    def __init__(self, settings: SyncSettings) -> None:
        self.settings = settings
        self.reports: HubReports | None = None
        self._last: dict[Grouping | None, HubReport] = {}

    @property
    def needs_login(self) -> bool:
        return self.reports is None

    def log_in(self, login: PersonLogin) -> None:
        self.close()
        self.reports = HubReports(self.settings, lambda: "", login)

    def __call__(self, period: Period, by: Grouping | None) -> StatsReport:
        if self.reports is None:
            raise StationError(ErrorCode.SYNC_AUTH_REJECTED, url=self.settings.url, detail="-")
        self._last[by] = self.reports.fetch(period, by)
        return self._last[by].report

    def names(self, by: Grouping) -> Mapping[str, str]:
        found = self._last.get(by)
        return found.names(by) if found is not None else {}

    def close(self) -> None:
        if self.reports is not None:
            self.reports.close()
            self.reports = None


def hub_source_for(settings: SyncSettings) -> HubReportSource | None:
    """None when this station does not send to a hub (no sync, or a shared-folder target)."""
    if settings.target != "hub" or not settings.configured:
        return None
    return HubReportSource(settings)


def load_overview(
    source: ReportSource, period: Period, unknown: Mapping[str, str] | None = None
) -> Overview:
    """The three reports the screen shows, with names; `unknown` names the empty key ("")."""
    unknown = unknown or {}
    stations = source(period, Grouping.STATION)
    clerks = source(period, Grouping.CLERK)
    days = source(period, Grouping.DAY)
    names = {
        TableKind.STATIONS: {**unknown, **source.names(Grouping.STATION)},
        TableKind.CLERKS: {**unknown, **source.names(Grouping.CLERK)},
        TableKind.PAPER: dict(unknown),
    }
    return overview(stations, clerks, days, names)
