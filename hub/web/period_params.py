"""The period a page shows, from its `since` and `until` query parameters."""

from __future__ import annotations

from datetime import datetime

from hub import clock
from hub.stats import QueryError, parse_query
from station.stats.periods import Period, zone


def period_of(since: str | None, until: str | None, now: datetime | None = None) -> Period:
    """As `sohoa-hub stats` reads them; with neither, the month so far. Raises QueryError."""
    if not since and not until:
        today = (now or clock.now()).astimezone(zone()).date()
        since, until = today.replace(day=1).isoformat(), today.isoformat()
    return parse_query(since, until, None, None, now).period


__all__ = ["QueryError", "period_of"]
