"""Keeps the background sender alive: whatever ends its loop other than a stop request, it
starts again after a pause that doubles with each failure in a row (a sender that ran a while
before failing starts counting afresh)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Restarts:
    first: float = 1.0  # seconds before the first restart
    cap: float = 300.0
    healthy: float = 600.0  # a run this long resets the count

    def delay(self, failures: int) -> float:
        return min(self.cap, self.first * 2 ** max(0, failures - 1))


Crashed = Callable[[BaseException, float], None]  # the error, seconds until the restart


def _never(_error: BaseException) -> bool:
    return False


def supervise(
    run: Callable[[], None],
    stop: threading.Event,
    crashed: Crashed,
    restarts: Restarts,
    clock: Callable[[], float] = time.monotonic,
    fatal: Callable[[BaseException], bool] = _never,
) -> None:
    """Call `run` until it returns with `stop` set. An error `fatal` picks is raised, not
    restarted (a foreground sender that finds another one running says so and ends)."""
    failures = 0
    while not stop.is_set():
        started = clock()
        try:
            run()
        except Exception as exc:  # anything at all: the next run starts from the database
            if fatal(exc):
                raise
            if clock() - started >= restarts.healthy:
                failures = 0
            failures += 1
            delay = restarts.delay(failures)
            log.exception("sync sender stopped; starting again in %.0f s", delay)
            crashed(exc, delay)
            stop.wait(delay)
        else:
            if not stop.is_set():  # returned by itself (it never should): not a busy loop
                stop.wait(restarts.first)
