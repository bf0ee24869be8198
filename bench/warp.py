"""The full-resolution warp of a colour page, by the angle it is levelled by.

    .venv/bin/python bench/warp.py [--repeats 5]

One A4 300 dpi colour virtual-scanner page, rotated about its centre by each angle, on one
OpenCV thread as a pool worker runs. Prints median CPU ms per warp for OpenCV's warpAffine
called as it is (bilinear, constant border) and for station.pipeline.geometry.resample, which
mirrors the output when the output rows would read the source's rows downward and flips it
back; and whether the two give the same pixels (they must).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench.pipeline import virtual_pages  # noqa: E402
from station.pipeline import geometry  # noqa: E402

ANGLES = (-3.0, -2.0, -1.0, -0.5, -0.2, 0.2, 0.5, 1.0, 2.0, 3.0)
PAPER = (255.0, 255.0, 255.0, 0.0)


def cpu_ms(function: Callable[[], object], repeats: int) -> float:
    function()
    times = []
    for _ in range(repeats):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    page = virtual_pages(1)[0]
    height, width = page.shape[:2]
    print(f"A4 300 dpi colour page ({width} x {height}), levelled by each angle; CPU ms (median)")
    print(f"{'angle':>6} {'rows read':>9} {'warpAffine':>11} {'resample':>9} {'ratio':>6}  same")
    for angle in ANGLES:
        rotation = cv2.getRotationMatrix2D(((width - 1) / 2, (height - 1) / 2), -angle, 1.0)
        step = geometry.Step(np.vstack([rotation, [0.0, 0.0, 1.0]]), (width, height))

        def plain(step: geometry.Step = step) -> np.ndarray:
            return cv2.warpAffine(
                page, step.matrix[:2], step.size, flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_CONSTANT, borderValue=PAPER,
            )  # fmt: skip

        def ours(step: geometry.Step = step) -> np.ndarray:
            return geometry.resample(page, step, PAPER)

        same = np.array_equal(plain(), ours())
        before, after = cpu_ms(plain, args.repeats), cpu_ms(ours, args.repeats)
        rows = "downward" if geometry.reads_rows_downward(page, step.matrix) else "upward"
        print(
            f"{angle:>+6.1f} {rows:>9} {before:>11.1f} {after:>9.1f} {after / before:>6.2f}"
            f"  {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
