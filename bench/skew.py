"""Skew detection accuracy and speed on the real-scan corpus, ours against PyPI `deskew`.

    .venv/bin/python bench/skew.py [--angles -12.3,-7,...] [--no-baseline] [--runs 5]

Every page of tests/corpus is turned counter-clockwise by each angle on a larger white canvas;
the error is |detect(turned) - detect(original) - angle|. Pages over 3000 px are halved first
(as the test does). Prints per detector: median / p90 / max error, misses over 0.5 and 2 deg
(and which pages), ms per page (median over the corpus); then ms for an A4 300 dpi colour page
(virtual scanner) for detect_skew, detect_orientation and the baseline. One core.
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

from station.imaging.orientation import detect_orientation  # noqa: E402
from station.imaging.skew import deskew, detect_skew  # noqa: E402
from tests.station.imaging.test_skew import load_corpus  # noqa: E402

ANGLES = (-12.3, -7.0, -3.3, -0.8, 0.6, 2.1, 5.5, 9.9, 14.2)
MAX_ANGLE = 30.0  # base skew (up to ~15 deg) plus the applied angle

Detector = Callable[[np.ndarray, int], float]


def ours(image: np.ndarray, dpi: int) -> float:
    return detect_skew(image, dpi, MAX_ANGLE).angle_deg


def baseline(image: np.ndarray, dpi: int) -> float:
    """PyPI deskew (Hough on edges); it reports the correction, clockwise-positive."""
    from deskew import determine_skew

    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    angle = determine_skew(gray)
    return 0.0 if angle is None else -float(angle)


def timed(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def accuracy(detect: Detector, angles: tuple[float, ...], runs: int) -> dict:
    errors: dict[str, list[float]] = {}
    page_ms = []
    for name, image, dpi in load_corpus():
        page_ms.append(timed(lambda image=image, dpi=dpi: detect(image, dpi), runs))
        base = detect(image, dpi)
        for angle in angles:
            turned = deskew(image, -angle, fill=255)
            errors.setdefault(name, []).append(abs(detect(turned, dpi) - base - angle))
    return {"errors": errors, "ms": statistics.median(page_ms)}


def report(title: str, result: dict) -> None:
    errors = result["errors"]
    every = np.concatenate([np.array(v) for v in errors.values()])
    over_half = {n: sum(e > 0.5 for e in v) for n, v in errors.items() if max(v) > 0.5}
    over_two = {n: sum(e > 2.0 for e in v) for n, v in errors.items() if max(v) > 2.0}
    print(
        f"{title:24s} {np.median(every):8.3f} {np.percentile(every, 90):8.3f} {every.max():8.3f}"
        f" {int((every > 0.5).sum()):6d} {int((every > 2.0).sum()):6d} {result['ms']:9.1f}"
    )
    for label, pages in (("> 0.5", over_half), ("> 2", over_two)):
        if pages:
            listed = ", ".join(f"{n} x{c}" for n, c in sorted(pages.items()))
            print(f"{'':24s} misses {label}: {listed}")


def a4_page() -> np.ndarray:
    from drivers.contract import CancelToken, ColorMode, ScanSettings, Source
    from drivers.virtual.driver import VirtualDriver
    from station.paper import parse_paper

    settings = ScanSettings(
        paper=parse_paper("A4"), dpi=300, mode=ColorMode.COLOR, source=Source.FLATBED, count=1,
        options=(("seed", "11"), ("skew", "2.5")),
    )  # fmt: skip
    [page] = list(VirtualDriver().scan("virtual", settings, CancelToken()))
    return cv2.cvtColor(np.asarray(page.pixels), cv2.COLOR_RGB2BGR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--angles", default=",".join(str(a) for a in ANGLES))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    angles = tuple(float(a) for a in args.angles.split(","))
    pages = len(load_corpus())
    print(f"corpus: {pages} pages x {len(angles)} angles {angles}, errors in degrees")
    print(f"{'detector':24s} {'median':>8s} {'p90':>8s} {'max':>8s} {'>0.5':>6s} {'>2':>6s}"
          f" {'ms/page':>9s}")  # fmt: skip
    report("station detect_skew", accuracy(ours, angles, args.runs))
    if not args.no_baseline:
        report("PyPI deskew (baseline)", accuracy(baseline, angles, 1))

    page = a4_page()
    print(f"\nA4 300 dpi colour page {page.shape[1]}x{page.shape[0]}, ms (median of 7), one core")
    print(f"  detect_skew          {timed(lambda: detect_skew(page, 300), 7):7.1f}")
    print(f"  detect_orientation   {timed(lambda: detect_orientation(page, 300), 7):7.1f}")
    print(f"  deskew (rotate)      {timed(lambda: deskew(page, 2.5), 7):7.1f}")
    if not args.no_baseline:
        print(f"  PyPI determine_skew  {timed(lambda: baseline(page, 300), 3):7.1f}")


if __name__ == "__main__":
    main()
