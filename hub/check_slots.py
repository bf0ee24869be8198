"""Who may run a signature check now: a few worker processes at once in this hub process, and
never more than one check per station, so one station cannot take every worker. A station whose
check ran past its time cap rests before its next one: its costly files hold a worker for a
bounded share of the time, however often it sends them."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

RETRY_AFTER_SECONDS = 5
_MAX_RESTING = 10_000  # stations remembered as resting; expired ones are forgotten past this


class Busy(Exception):
    """No check now: `error` is "station_busy" (the station's own check is still running, or
    it is resting after one that overran) or "busy" (every worker stayed taken for the whole
    wait)."""

    def __init__(self, error: str, retry_after: float = RETRY_AFTER_SECONDS) -> None:
        super().__init__(error)
        self.error = error
        self.retry_after = str(max(1, math.ceil(retry_after)))


class CheckSlots:
    def __init__(self, workers: int) -> None:
        self._workers = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._checking: set[str] = set()
        self._resting: dict[str, float] = {}  # station: monotonic time its rest ends

    @contextmanager
    def station_turn(self, station: str) -> Iterator[None]:
        """The station's one turn; raises Busy at once when it is taken or the station rests.
        Refused rather than queued: a waiting request holds a server thread, and a station
        could queue many."""
        with self._lock:
            if station in self._checking:
                raise Busy("station_busy")
            rest = self._resting.get(station, 0.0) - time.monotonic()
            if rest > 0:
                raise Busy("station_busy", rest)
            self._checking.add(station)
        try:
            yield
        finally:
            with self._lock:
                self._checking.discard(station)

    def rest(self, station: str, seconds: float) -> None:
        """No check for `station` in this process for `seconds` (its last one overran)."""
        now = time.monotonic()
        with self._lock:
            if len(self._resting) >= _MAX_RESTING:
                self._resting = {s: end for s, end in self._resting.items() if end > now}
            self._resting[station] = now + seconds

    @contextmanager
    def worker(self, wait: float) -> Iterator[None]:
        """A worker slot, waited for up to `wait` seconds (a server thread waits with it);
        raises Busy after that."""
        if not self._workers.acquire(timeout=wait):
            raise Busy("busy")
        try:
            yield
        finally:
            self._workers.release()
