"""The sender keeps the province's catalog current: it fetches it when it starts and then every
few hours, verified and applied as `sohoa catalog update` does (sync/catalog_fetch.py). A
failed fetch leaves the station on its version and is tried again after a pause that doubles
up to the regular interval; a refused document is reported once, not at every try."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from station.errors import StationError
from sync.catalog_fetch import CatalogUpdate, update_catalog
from sync.failures import PermanentError, TransientError
from sync.settings import SettingsOwner
from sync.transport import HubHttp

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogSchedule:
    every: float  # seconds between fetches; 0 = only `sohoa catalog update`
    first_retry: float = 300.0  # after a failed fetch; doubles up to `every`

    def retry(self, failures: int) -> float:
        return float(min(max(self.every, self.first_retry), self.first_retry * 2 ** (failures - 1)))


Refused = Callable[[StationError], None]
Updated = Callable[[CatalogUpdate], None]


class CatalogRefresher:
    """Used by the sender's thread only."""

    def __init__(self, directory: Path, updated: Updated, refused: Refused) -> None:
        self.directory = directory
        self._updated = updated
        self._refused = refused
        self._next = 0.0  # due at once: the sender's start
        self._failures = 0
        self._reported: tuple[str, str] | None = None  # the refusal said last

    def due(self, now: float) -> bool:
        return now >= self._next

    def refresh(self, owner: SettingsOwner, http: HubHttp, schedule: CatalogSchedule,
                now: float) -> None:  # fmt: skip
        try:
            update = update_catalog(owner, self.directory, http)
        except TransientError as exc:
            self._failed(schedule, now)
            log.info("catalog not fetched: %s", exc.error.code.value)
            return
        except (PermanentError, StationError) as exc:
            error = exc.error if isinstance(exc, PermanentError) else exc
            self._failed(schedule, now)
            said = (error.code.value, str(sorted(error.params.items())))
            log.warning("catalog refused: %s", error.code.value)
            if said != self._reported:
                self._reported = said
                self._refused(error)
            return
        self._failures = 0
        self._reported = None
        self._next = now + schedule.every
        if update.bundle is not None and update.bundle.version != update.previous:
            log.info("catalog %s now in use (was %s)", update.bundle.version, update.previous)
            self._updated(update)

    def _failed(self, schedule: CatalogSchedule, now: float) -> None:
        self._failures += 1
        self._next = now + schedule.retry(self._failures)
