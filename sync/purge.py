"""Remove local copies the receiver confirmed (same sha256) once the retention period is over.

Citizen scans are personal data (Decree 13/2023): keep them no longer than needed, but never
drop a file the receiver has not confirmed.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta

from station.model import utc_now
from sync.jobs import JobState
from sync.outbox import Outbox

log = logging.getLogger(__name__)


def purge_confirmed(outbox: Outbox, retention_days: int, now: datetime | None = None) -> list[str]:
    """Delete confirmed files older than the retention; returns their relative paths."""
    cutoff = (now or utc_now()) - timedelta(days=max(0, retention_days))
    pending = {j.path for j in outbox.jobs() if j.path and j.state is not JobState.DONE}
    removed: list[str] = []
    for job in outbox.purgeable(cutoff):
        if job.path in pending:
            continue  # the same file is still owed to someone: keep it
        path = outbox.layout.absolute(job.path)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not purge %s: %s", job.path, exc.strerror)
            continue
        outbox.mark_purged(job.id)
        removed.append(job.path)
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # only once the dossier's folder is empty
    return removed
