"""Counting attempts per key in a sliding window, in this process's memory.

Each hub worker process counts on its own; behind several workers the real limit is the
configured one times the number of workers, which still bounds a guessing attack.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class Throttle:
    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def take(self, key: str) -> float:
        """Counts one attempt; returns 0 when allowed, else the seconds until one would be."""
        now = self._clock()
        with self._lock:
            if len(self._seen) > 10_000:
                self._forget_idle(now)
            times = self._seen.setdefault(key, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return max(1.0, math.ceil(times[0] + self.window - now))
            times.append(now)
            return 0.0

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, t in self._seen.items() if not t or t[-1] <= now - self.window]:
            del self._seen[key]


class KnownAddresses:
    """The addresses each client id or username got a token from lately (a day by default).

    The limit per client id counts a stranger's guesses together, so four machines guessing a
    station's secret would spend its share too and keep the station out; a request from an
    address that succeeded for that name before is counted on its own instead. Only a right
    secret adds an entry, and at most `most` are kept (the oldest go first)."""

    def __init__(
        self,
        keep: float = 86_400,
        most: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.keep = keep
        self.most = most
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], float] = {}  # oldest first

    def key(self, who: str, address: str) -> str:
        """The throttle key a request for `who` from `address` is counted under."""
        with self._lock:
            at = self._seen.get((who, address))
        known = at is not None and at > self._clock() - self.keep
        return f"{who}@{address}" if known else who

    def remember(self, who: str, address: str) -> bool:
        """Notes a success; True when the address was not known for `who` until now."""
        now = self._clock()
        with self._lock:
            before = self._seen.pop((who, address), None)
            self._seen[(who, address)] = now
            while len(self._seen) > self.most:
                del self._seen[next(iter(self._seen))]
        return before is None or before <= now - self.keep
