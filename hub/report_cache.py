"""Figures reports kept for a few seconds in each hub process.

Five supervisors reloading the province overview ask for the same month of figures; the
first computes it, the others within `seconds` get the same report (its `generated_at` says
when it was made). Each worker keeps its own: at most one computation per worker and period.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ReportCache:
    def __init__(
        self, seconds: float, entries: int = 256, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.entries = entries
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[float, dict[str, Any]]] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The kept report, or `make()`'s; two callers asking at once wait for one make."""
        if self.seconds <= 0:
            return make()
        found = self._fresh(key)
        if found is not None:
            return found
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            found = self._fresh(key)
            if found is None:
                found = make()
                with self._lock:
                    self._kept[key] = (self._clock(), found)
                    self._kept.move_to_end(key)
                    while len(self._kept) > self.entries:
                        self._kept.popitem(last=False)
        with self._lock:
            self._making.pop(key, None)
        return found

    def _fresh(self, key: Hashable) -> dict[str, Any] | None:
        with self._lock:
            kept = self._kept.get(key)
        if kept is None or self._clock() - kept[0] > self.seconds:
            return None
        return kept[1]
