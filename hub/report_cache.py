"""Figures reports (and the dashboard charts' points) kept for a few seconds in each hub process.

Five supervisors reloading the province overview ask for the same month of figures; the
first computes it, the others within `seconds` get the same report. A report older than that
but younger than `stale_for` is still answered at once while one background thread makes the
next, so a reload never waits for a month's sums; an older one is made while the caller
waits. Each worker keeps its own: at most one computation per worker and query at a time.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

Report = TypeVar("Report")


class ReportCache:
    def __init__(
        self,
        seconds: float,
        entries: int = 256,
        clock: Callable[[], float] = time.monotonic,
        stale_for: float | None = None,
    ) -> None:
        self.seconds = seconds
        self.stale_for = 10 * seconds if stale_for is None else stale_for
        self.entries = entries
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, make: Callable[[], Report]) -> Report:
        """The kept report, or `make()`'s; two callers asking at once wait for one make."""
        if self.seconds <= 0:
            return make()
        with self._lock:
            kept = self._kept.get(key)
            making = self._making.setdefault(key, threading.Lock())
        if kept is not None:
            age = self._clock() - kept[0]
            if age <= self.seconds:
                return kept[1]
            if age <= self.stale_for:
                if making.acquire(blocking=False):  # one refresh at a time, behind
                    refresh = threading.Thread(
                        target=self._refresh, args=(key, make, making), daemon=True
                    )
                    refresh.start()
                return kept[1]
        with making:
            with self._lock:
                again = self._kept.get(key)
            if again is not None and self._clock() - again[0] <= self.seconds:
                return again[1]
            return self._keep(key, make())

    def _refresh(self, key: Hashable, make: Callable[[], Report], making: threading.Lock) -> None:
        try:
            self._keep(key, make())
        finally:
            making.release()

    def _keep(self, key: Hashable, report: Report) -> Report:
        with self._lock:
            self._kept[key] = (self._clock(), report)
            self._kept.move_to_end(key)
            while len(self._kept) > self.entries:
                dropped, _ = self._kept.popitem(last=False)
                self._making.pop(dropped, None)
        return report
