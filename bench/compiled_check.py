"""Would a compiled, fused pass make the page check faster than OpenCV's chain of passes?

    .venv/bin/python -m pip install numba   # not a dependency: this bench only
    .venv/bin/python bench/compiled_check.py [--pages 6]

The pages are A4 300 dpi virtual-scanner forms run through the `standard` profile; the check's
inputs (the scan's lightness, the rendered page and the paper level) are taken from each page's
own encoding. On each, one OpenCV thread:
  1. the check as the encoder runs it (station.pdf.fidelity.compare, a dozen OpenCV passes in
     cache-sized bands), against the same lost-or-added test written as one Numba function
     that reads each pixel once and counts per cell; the per-cell counts are compared, so both
     do the same work;
  2. the darkest channel (station.imaging.lightness), against one Numba loop.
Prints median CPU ms of each and their ratio. Only pages whose print is dark enough that the
check has no faint-mark test are timed (the fused function leaves that test out).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import station.pdf.mrc as mrc  # noqa: E402
from bench.pipeline import virtual_pages  # noqa: E402
from station.imaging.lightness import lightness  # noqa: E402
from station.pdf import fidelity  # noqa: E402
from station.pipeline.jobs import prepare_worker, run_page  # noqa: E402

REPEATS = 9


def check_inputs(image: np.ndarray) -> dict[str, Any]:
    """The lightness, rendering and paper the encoder's check reads on this page."""
    seen: dict[str, Any] = {}
    original = mrc._failed_regions

    def capture(light, render, paper, dpi, scanned_dpi, also=None):  # type: ignore[no-untyped-def]
        seen.setdefault("inputs", (light.copy(), render.copy(), paper.copy()))
        return original(light, render, paper, dpi, scanned_dpi, also)

    mrc._failed_regions = capture
    try:
        run_page(image, 300, "standard")
    finally:
        mrc._failed_regions = original
    return seen


def compiled_kernels() -> tuple[Callable[..., None], Callable[..., None]]:
    import numba

    most_kept = fidelity.MIN_LOSS - 1  # a loss of more than this and of more than what shows

    @numba.njit(nogil=True, boundscheck=False, cache=False)
    def lost_or_added(light, render, paper, cut, size, counts):  # type: ignore[no-untyped-def]
        height, width = light.shape
        scan = np.empty((height, width), np.int32)
        for y in range(height):
            for x in range(width):
                scan[y, x] = max(0, np.int32(paper[y, x]) - np.int32(light[y, x]))
        for y in range(height):
            above, below = max(0, y - 1), min(height - 1, y + 1)
            for x in range(width):
                level = cut[paper[y, x]]
                ink = np.int32(light[y, x]) < level
                shown_ink = np.int32(render[y, x]) < level
                if not (ink or shown_ink):
                    continue
                shown = max(0, np.int32(paper[y, x]) - np.int32(render[y, x]))
                loss = scan[y, x] - shown
                bad = ink and loss > max(shown, most_kept)
                if not bad and shown_ink:
                    near = 0
                    for row in range(above, below + 1):
                        for column in range(max(0, x - 1), min(width - 1, x + 1) + 1):
                            near = max(near, scan[row, column])
                    bad = shown - near > max(near, most_kept)
                if bad:
                    counts[y // size, x // size] += 1

    @numba.njit(nogil=True, boundscheck=False, cache=False)
    def darkest(pixels, out):  # type: ignore[no-untyped-def]
        height, width = out.shape
        for y in range(height):
            for x in range(width):
                out[y, x] = min(pixels[y, x, 0], pixels[y, x, 1], pixels[y, x, 2])

    return lost_or_added, darkest


def median_ms(function: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median CPU ms of `repeats` calls (user + system time of this process)."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def page_row(image: np.ndarray, kernels: tuple[Callable[..., None], ...]) -> tuple[float, ...]:
    """(OpenCV check, Numba check, OpenCV darkest channel, Numba darkest channel) in CPU ms;
    empty when the page's check has the faint-mark test."""
    lost_or_added, darkest = kernels
    light, render, paper = check_inputs(image)["inputs"]
    if fidelity._faint_level(light, paper) is not None:
        return ()
    levels = np.arange(256, dtype=np.uint8).reshape(1, 256)
    cut = cv2.convertScaleAbs(levels, alpha=fidelity.MARK_RATIO).ravel().astype(np.int32)
    size = fidelity.cell_px(300)
    counts = np.zeros((-(-light.shape[0] // size), -(-light.shape[1] // size)), np.int32)
    lost_or_added(light, render, paper, cut, size, counts)  # compiles on the first page
    expected = fidelity.compare(light, render, paper, 300)
    # OpenCV's per-cell share is rounded to 1/255 of the cell
    assert np.abs(counts - expected).max() <= size * size / 255.0, "the two checks differ"
    out = np.empty(image.shape[:2], np.uint8)
    darkest(image, out)
    assert np.array_equal(out, lightness(image)), "the two darkest channels differ"
    return (
        median_ms(lambda: fidelity.compare(light, render, paper, 300)),
        median_ms(lambda: lost_or_added(light, render, paper, cut, size, counts)),
        median_ms(lambda: lightness(image)),
        median_ms(lambda: darkest(image, out)),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=6)
    pages = parser.parse_args().pages
    try:
        kernels = compiled_kernels()
    except ImportError:
        print("Numba is not installed (.venv/bin/python -m pip install numba): nothing measured")
        return
    prepare_worker()  # one OpenCV thread, as a page worker runs
    rows = [row for row in (page_row(image, kernels) for image in virtual_pages(pages)) if row]
    if not rows:
        print("no page without the faint-mark test: nothing measured")
        return
    columns = [statistics.median(column) for column in zip(*rows, strict=True)]
    check_cv, check_nb, dark_cv, dark_nb = columns
    print(f"A4 300 dpi virtual forms: {len(rows)} pages, median CPU ms, one thread")
    print(f"  {'':36} {'OpenCV':>8} {'Numba':>8} {'ratio':>7}")
    print(f"  {'page check (lost or added)':36} {check_cv:8.1f} {check_nb:8.1f} "
          f"{check_nb / check_cv:7.2f}")  # fmt: skip
    print(f"  {'darkest channel':36} {dark_cv:8.1f} {dark_nb:8.1f} {dark_nb / dark_cv:7.2f}")


if __name__ == "__main__":
    main()
