"""What happened at the station, as it happened: the facts the figures are computed from.

Events are rows in the store, written in the same transaction as the change they describe,
so a figure never counts a page that was not kept (nor misses one that was).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import NamedTuple


class EventKind(StrEnum):
    PAGE_STORED = "page_stored"
    PAGE_DELETED = "page_deleted"
    PAGE_RESTORED = "page_restored"  # a delete undone
    PAGE_RESCANNED = "page_rescanned"  # the old page, replaced by a new scan
    # A back side the analysis found blank, left out of the dossier by the station (not a
    # clerk's delete); a page_restored brings it back. Its clerk is the one who stored the page.
    BLANK_BACK_SKIPPED = "blank_back_skipped"
    DOSSIER_OPENED = "dossier_opened"
    DOSSIER_FINISHED = "dossier_finished"
    # Written by the upload queue in the transaction of the job's change.
    UPLOAD_CONFIRMED = "upload_confirmed"
    UPLOAD_FAILED = "upload_failed"


@dataclass(frozen=True)
class Event:
    kind: EventKind
    at: datetime  # aware, UTC
    station_id: str
    clerk_id: str
    dossier_code: str = ""
    page_id: str = ""
    paper_size: str = ""  # page_stored
    pages: int = 0  # dossier_finished: its live pages
    # dossier_finished: the override reason; upload_failed: the error code, prefixed
    # "parked:" when the job now waits for a person
    reason: str = ""
    id: int | None = None  # set once stored


class PageEvent(NamedTuple):
    """An event a page edit asks the store to record with it; the store fills in the rest."""

    kind: EventKind
    page_id: str


def stamp(moment: datetime) -> str:
    """An event's time as text, in the store and on the wire to the hub: fixed width and UTC,
    so text order is time order (SQLite compares the text, and uses the index on `at`)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
