"""Results awaiting scan across stations, counted as each station counts its own
(station/workflow/awaiting.py): dossiers finished at reception whose procedure returns a paper
result and that have no result file yet.

As of now, whatever the period, so read afresh for every report (a partial index holds just
those rows), and from each station's current store only: the dossiers of a reinstalled PC's
old database can no longer get their result scanned there. A station that never sent facts, or
sent its dossiers without saying which were finished (an older station), has no figure (None);
a group adds up the stations that have one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Set
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hub import clock
from hub.access import Scope, scope_condition
from hub.db import Database
from station.stats.figures import Grouping, GroupKeys


@dataclass(frozen=True)
class Awaiting:
    count: int
    oldest_received_at: datetime | None

    def __add__(self, other: Awaiting) -> Awaiting:
        times = [t for t in (self.oldest_received_at, other.oldest_received_at) if t]
        return Awaiting(self.count + other.count, min(times) if times else None)


NONE_AWAITING = Awaiting(0, None)

_CURRENT_STORE = (
    " FROM received_dossiers r JOIN station_profiles p"
    " ON p.station_id = r.station_id AND p.store_id = r.store_id"
)


@dataclass(frozen=True)
class AwaitingNow:
    per_clerk: dict[tuple[str, str], Awaiting]  # (station id, clerk id) -> what waits
    known: frozenset[str]  # the stations whose figure is known

    def station(self, station_id: str) -> Awaiting | None:
        return self._sum(lambda station, _: station == station_id, {station_id})

    def total(self) -> Awaiting | None:
        return self._sum(lambda _s, _c: True, self.known)

    def group(self, key: str, by: Grouping | None, keys: GroupKeys) -> Awaiting | None:
        """The figure of one group of a report grouped `by`; None by day (a figure of now)."""
        if by is Grouping.STATION:
            return self.station(key)
        if by is Grouping.UNIT:
            members = {s for s in self.known if keys.units.get(s, "") == key}
            return self._sum(lambda station, _: station in members, members)
        if by is Grouping.CLERK:
            station_id, _, clerk_id = key.partition("/")
            return self._sum(lambda s, c: (s, c) == (station_id, clerk_id), {station_id})
        return None

    def _sum(self, chosen: Callable[[str, str], bool], stations: Set[str]) -> Awaiting | None:
        if not stations & self.known:
            return None
        found = NONE_AWAITING
        for (station_id, clerk_id), awaiting in self.per_clerk.items():
            if chosen(station_id, clerk_id):
                found = found + awaiting
        return found


def read_awaiting(db: Database, scope: Scope) -> AwaitingNow:
    """What waits at the stations in `scope` (None: every station)."""
    within, stations = scope_condition("p.station_id", scope)
    with db.transaction() as session:
        reporting = session.query(
            f"SELECT p.station_id FROM station_profiles p WHERE p.facts_received_at IS NOT NULL"
            f" AND {within}",
            stations,
        )
        unsaid = session.query(
            f"SELECT DISTINCT r.station_id {_CURRENT_STORE} WHERE r.finished IS NULL AND {within}",
            stations,
        )
        rows = session.query(
            f"SELECT r.station_id, r.clerk_id, count(*) AS n, min(r.received_at) AS oldest"
            f" {_CURRENT_STORE} WHERE r.finished = 1 AND r.result_required = 1"
            f" AND r.has_electronic_result = 0 AND {within} GROUP BY r.station_id, r.clerk_id",
            stations,
        )
    known = {row["station_id"] for row in reporting} - {row["station_id"] for row in unsaid}
    per_clerk: dict[tuple[str, str], Awaiting] = defaultdict(lambda: NONE_AWAITING)
    for row in rows:
        key = (row["station_id"], row["clerk_id"])
        per_clerk[key] = per_clerk[key] + Awaiting(int(row["n"]), clock.parse(row["oldest"]))
    return AwaitingNow(dict(per_clerk), frozenset(known))


def awaiting_json(found: Awaiting | None, now: datetime) -> dict[str, Any]:
    """The figure as the stats JSON carries it, beside a report's, a group's or a station's."""
    oldest = None if found is None else found.oldest_received_at
    return {
        "results_awaiting": None if found is None else found.count,
        "results_awaiting_oldest_at": None if oldest is None else clock.to_text(oldest),
        "results_awaiting_oldest_days": None if oldest is None else max(0, (now - oldest).days),
    }
