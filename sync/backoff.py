"""Exponential backoff with full jitter (spreads a room of stations after an outage)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Backoff:
    base: float = 2.0  # seconds
    cap: float = 600.0
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the `failures`-th failure in a row; never sooner than the
        server's Retry-After."""
        ceiling = min(self.cap, self.base * 2 ** max(0, failures - 1))
        jittered = self.random() * ceiling
        if retry_after is None:
            return jittered
        return max(retry_after, jittered)
