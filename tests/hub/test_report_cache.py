"""Figures reports reused for a few seconds: one computation for callers asking at once, a
new one once the report is older than allowed, none kept when the time is 0."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from hub.report_cache import ReportCache


def test_a_report_is_reused_until_it_is_older_than_allowed() -> None:
    now = [100.0]
    cache = ReportCache(15, clock=lambda: now[0], stale_for=15)
    made = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"n": len(made)}

    assert cache.get("month", make) == {"n": 1}
    now[0] += 14
    assert cache.get("month", make) == {"n": 1}
    assert cache.get("day", make) == {"n": 2}
    now[0] += 2
    assert cache.get("month", make) == {"n": 3}


def test_callers_asking_at_once_wait_for_one_computation() -> None:
    cache = ReportCache(15)
    calls = []
    gate = threading.Event()

    def make() -> dict[str, int]:
        calls.append(1)
        gate.wait(5)
        return {"n": len(calls)}

    with ThreadPoolExecutor(5) as pool:
        answers = [pool.submit(cache.get, "month", make) for _ in range(5)]
        time.sleep(0.2)
        gate.set()
        assert [a.result() for a in answers] == [{"n": 1}] * 5
    assert len(calls) == 1


def test_no_reuse_when_the_time_is_zero() -> None:
    cache = ReportCache(0)
    made = []
    for _ in range(3):
        cache.get("month", lambda: made.append(1) or {})
    assert len(made) == 3


def test_a_stale_report_is_answered_at_once_while_the_next_is_made() -> None:
    now = [100.0]
    cache = ReportCache(15, clock=lambda: now[0], stale_for=60)
    made, gate = [], threading.Event()

    def make() -> dict[str, int]:
        made.append(1)
        if len(made) > 1:
            gate.wait(5)
        return {"n": len(made)}

    assert cache.get("month", make) == {"n": 1}
    now[0] += 20  # stale, not too old: answered at once, refreshed behind
    assert cache.get("month", make) == {"n": 1}
    assert cache.get("month", make) == {"n": 1}  # one refresh at a time
    gate.set()
    deadline = time.monotonic() + 5
    while cache.get("month", make) != {"n": 2} and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("month", make) == {"n": 2}
    assert len(made) == 2
    now[0] += 100  # too old to show: made while the caller waits
    assert cache.get("month", make) == {"n": 3}
