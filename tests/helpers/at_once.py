"""Several processes doing one thing at the same moment, released together by a barrier."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

TIMEOUT_S = 90


def run_at_once(job: Callable[[str], None], argument: str, processes: int) -> list[str]:
    """`job(argument)` in `processes` fresh processes at once; each one's "ok" or its error."""
    context = multiprocessing.get_context("spawn")
    barrier, answers = context.Barrier(processes), context.Queue()
    started = [
        context.Process(target=_released, args=(job, argument, barrier, answers))
        for _ in range(processes)
    ]
    for process in started:
        process.start()
    results = [answers.get(timeout=TIMEOUT_S) for _ in started]
    for process in started:
        process.join(timeout=TIMEOUT_S)
    return results


def _released(job: Callable[[str], None], argument: str, barrier, answers) -> None:
    barrier.wait()
    try:
        job(argument)
        answers.put("ok")
    except Exception as exc:  # the test reports what each process met
        answers.put(f"{exc!r} <- {exc.__cause__!r}")
