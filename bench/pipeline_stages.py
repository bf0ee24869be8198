"""Where an A4 page's CPU time goes in the `standard` profile, stage by stage.

    .venv/bin/python bench/pipeline_stages.py [--pages 12]

Each stage is a function of the pipeline timed in place (CPU time of this process around each
call, one OpenCV thread, as a pool worker runs), so the table adds up to the page's time with
no profiler's overhead: the rest is glue and the stages not listed. bench/pipeline.py prints it
under its one-core figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

import station.pdf.mrc as mrc  # noqa: E402
import station.pipeline.process as process  # noqa: E402
from station.pipeline.jobs import prepare_worker, run_page  # noqa: E402

# (module, function, stage): the functions each page calls once or a few times, none inside
# another listed one.
STAGES = (
    (process, "_analysis_copy", "analysis: the ~150 dpi copy"),
    (process, "detect_document", "analysis: the sheet on the bed"),
    (process, "working_gray", "analysis: gray copy and ink map"),
    (process, "_cut", "analysis: copies cut to the sheet"),
    (process, "ink_map", "analysis: gray copy and ink map"),
    (process, "detect_skew", "analysis: skew"),
    (process, "orientation_of_ink", "analysis: orientation"),
    (process, "lightness_map", "analysis: blank check"),
    (process, "detect_blank", "analysis: blank check"),
    (process.tf, "apply_transforms", "the full-resolution warp"),
    (mrc, "lightness", "encode: darkest channel"),
    (mrc, "paper_model", "encode: paper model and photos"),
    (mrc, "ink_mask", "encode: ink mask (and other inks)"),
    (mrc, "_background", "encode: marks kept, paper colour"),
    (mrc, "_ink_colour", "encode: ink colour"),
    (mrc, "_composite", "encode: background composite"),
    (mrc, "_background_layer", "encode: background JPEG and its rendering"),
    (mrc, "_failed_regions", "encode: fidelity check"),
    (mrc, "g4", "encode: G4 mask"),
)


@contextmanager
def timed_stages() -> Iterator[dict[str, float]]:
    """CPU seconds per stage while inside; the functions are put back on leaving."""
    spent: dict[str, float] = defaultdict(float)
    saved = []
    for module, name, stage in STAGES:
        original = getattr(module, name)
        saved.append((module, name, original))
        setattr(module, name, _timer(original, stage, spent))
    try:
        yield spent
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _timer(function: Callable[..., Any], stage: str, spent: dict[str, float]) -> Callable:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - started

    return timed


def stage_table(images: list[np.ndarray]) -> list[tuple[str, float]]:
    """(stage, CPU ms per page) in pipeline order, then the rest and the whole page."""
    prepare_worker()
    run_page(images[0], 300, "standard")  # warm caches, fonts, imports
    totals = []
    with timed_stages() as spent:
        for image in images:
            started = time.process_time()
            run_page(image, 300, "standard")
            totals.append(time.process_time() - started)
    count = len(images)
    rows = [(stage, spent[stage] / count * 1000) for stage in dict.fromkeys(s for *_, s in STAGES)]
    whole = sum(totals) / count * 1000
    rows.append(("the rest (glue, summaries, PDF layers)", whole - sum(ms for _, ms in rows)))
    rows.append(("whole page (mean)", whole))
    rows.append(("whole page (median)", statistics.median(totals) * 1000))
    return rows


def print_table(rows: list[tuple[str, float]]) -> None:
    print("where a page's CPU time goes (ms per page, one core, timed in place):")
    for stage, ms in rows:
        print(f"  {stage:<44} {ms:>6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=12)
    args = parser.parse_args()
    from bench.pipeline import virtual_pages

    print_table(stage_table(virtual_pages(args.pages)))


if __name__ == "__main__":
    main()
