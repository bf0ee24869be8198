"""Who may run a signature check now: a few worker processes at once in this hub process, and
never more than one check per station, so one station cannot take every worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

RETRY_AFTER_SECONDS = 5


class Busy(Exception):
    """No check now: `error` is "station_busy" (the station's own check is still running) or
    "busy" (every worker stayed taken for the whole wait)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error
        self.retry_after = str(RETRY_AFTER_SECONDS)


class CheckSlots:
    def __init__(self, workers: int) -> None:
        self._workers = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._checking: set[str] = set()

    @contextmanager
    def station_turn(self, station: str) -> Iterator[None]:
        """The station's one turn; raises Busy at once when it is taken. Refused rather than
        queued: a waiting request holds a server thread, and a station could queue many."""
        with self._lock:
            if station in self._checking:
                raise Busy("station_busy")
            self._checking.add(station)
        try:
            yield
        finally:
            with self._lock:
                self._checking.discard(station)

    @contextmanager
    def worker(self, timeout: float) -> Iterator[None]:
        """A worker slot, waited for up to `timeout` seconds; raises Busy after that."""
        if not self._workers.acquire(timeout=timeout):
            raise Busy("busy")
        try:
            yield
        finally:
            self._workers.release()
