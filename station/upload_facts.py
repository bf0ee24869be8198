"""Upload facts as plain records: what the figures count beyond page and dossier events.

A station reads them from its store (station/store/activity.py); the hub rebuilds them from the
events stations send it (hub/facts.py). Both count them with the same functions (station/stats).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ConfirmedUpload:
    """A dossier the hub confirmed whole (its manifest job is done)."""

    dossier_code: str
    station_id: str
    clerk_id: str
    confirmed_at: datetime
    first_page_at: datetime | None


@dataclass(frozen=True)
class UploadFailure:
    """One failed upload attempt: an upload_failed event, or for a job without events, the
    outbox's record of its last failure (the outbox keeps only the last)."""

    job_id: int | None  # None for an event, which does not name its job
    dossier_code: str
    station_id: str
    clerk_id: str
    failed_at: datetime
    error_code: str  # '' for a job's old failure once the job went through after all
    parked: bool  # the failure put the job on hold for a person


@dataclass(frozen=True)
class QueueBacklog:
    """Finished dossiers not yet confirmed by the hub, as of now."""

    dossiers_waiting: int
    oldest_dossier_code: str | None
    oldest_finished_at: datetime | None
    dossiers_not_queued: int  # finished, but never handed to the outbox (no sync set up)
    jobs_queued: int
    jobs_uploading: int
    jobs_failed: int
    oldest_job_at: datetime | None


# An upload_failed event's reason is the error code; a failure that parked the job (it now
# waits for a person) says so with this prefix, as the event table has no column for it.
PARKED = "parked:"


def failure_reason(error_code: str, parked: bool) -> str:
    return f"{PARKED}{error_code}" if parked else error_code


def parse_failure_reason(reason: str) -> tuple[str, bool]:
    """(error code, parked) of an upload_failed event."""
    if reason.startswith(PARKED):
        return reason[len(PARKED) :], True
    return reason, False
