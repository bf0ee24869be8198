"""This station's figures as both frontends show them (`sohoa stats`, the supervisor screen):
what its store recorded, judged against the catalog, with the upload queue's backlog as of now
(read by sync, which owns the queue)."""

from __future__ import annotations

from station.catalog import Catalog
from station.stats import Grouping, Period, StatsReport
from station.stats.source import station_report
from station.store import Store
from sync.backlog import queue_backlog


def local_report(
    store: Store, catalog: Catalog, period: Period, by: Grouping | None = None
) -> StatsReport:
    return station_report(store, catalog, period, by, queue_backlog(store.database))
