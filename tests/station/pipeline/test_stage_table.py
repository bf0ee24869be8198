"""bench/pipeline_stages.py accounts for a page's time: every stage it names is a function the
pipeline calls, and together they hold nearly all of the page's CPU time."""

from __future__ import annotations

import cv2

from bench.pipeline import virtual_pages
from bench.pipeline_stages import STAGES, stage_table


def test_the_stages_hold_the_page_time_and_are_put_back() -> None:
    originals = [getattr(module, name) for module, name, _ in STAGES]
    threads = cv2.getNumThreads()
    try:
        rows = dict(stage_table(virtual_pages(3)))
    finally:
        cv2.setNumThreads(threads)
    whole = rows.pop("whole page (mean)")
    rows.pop("whole page (median)")
    rest = rows.pop("the rest (glue, summaries, PDF layers)")
    assert all(ms > 0 for ms in rows.values()), rows  # each stage ran on these pages
    assert rest < 0.15 * whole, (rest, whole)
    assert [getattr(module, name) for module, name, _ in STAGES] == originals
