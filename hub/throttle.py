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
