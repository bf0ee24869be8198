"""Counters for the clerk's status bar."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from station.store import Store


def pages_today(store: Store, clerk_id: str | None = None, now: datetime | None = None) -> int:
    """Pages stored since local midnight (deleted ones not counted), of one clerk's dossiers
    when `clerk_id` is given. `now` is for tests; it defaults to the station's clock."""
    local_now = (now or datetime.now().astimezone()).astimezone()
    midnight = datetime.combine(local_now.date(), time(), local_now.tzinfo)
    return store.count_pages(midnight, midnight + timedelta(days=1), clerk_id)
