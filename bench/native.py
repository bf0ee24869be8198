"""The native kernels (station.native) against the OpenCV passes they stand for.

    .venv/bin/python bench/native.py [--pages 6] [--rounds 3]

A4 300 dpi virtual-scanner forms through the `standard` profile, one OpenCV thread as a page
worker runs. For each step the kernels serve, on each page's own inputs (taken from its
encoding): median CPU ms with the kernels and with the callers' OpenCV passes (the module's
`kernels` set to None), their ratio, and whether the two give the same bits:
  - the darkest channel of the page (station.imaging.lightness);
  - the fidelity check with its thinning tally (station.pdf.fidelity.compare);
  - the marks the background keeps (station.pdf.mrc._marks_kept);
  - the paper model: its 6 x 6 cell means and its shares of non-paper and mid-tone pixels
    (station.pdf.segment.paper_model);
  - the skew: the coarse sweep's sheared profiles and the fine profiles' strips
    (station.imaging.skew_profile), read off the page's ~150 dpi ink map;
  - the other inks' cells: the 100 dpi copy, its opponent colours and the main ink's hue
    (station.pdf.mrc._other_ink);
  - the background composite at 200 ppi (station.pdf.mrc._composite);
  - the G4 coding of the text mask (station.pdf.fax: the native coder against libtiff).
Then the whole page (station.pipeline.jobs.run_page) with and without the kernels, the pages
alternated in one process, and the CPU ms a page saves.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import station.imaging.crop_sampling as crop_sampling  # noqa: E402
import station.imaging.lightness as lightness_module  # noqa: E402
import station.imaging.shrink as shrink  # noqa: E402
import station.imaging.skew_profile as skew_profile  # noqa: E402
import station.pdf.fax as fax  # noqa: E402
import station.pdf.fidelity as fidelity  # noqa: E402
import station.pdf.mrc as mrc  # noqa: E402
import station.pdf.rows as rows  # noqa: E402
import station.pdf.segment as segment  # noqa: E402
import station.pipeline.linear_warp as linear_warp  # noqa: E402
from bench.pipeline import virtual_pages  # noqa: E402
from station.imaging.skew import detect_skew  # noqa: E402
from station.imaging.skew_ink import page_ink  # noqa: E402
from station.native import kernels  # noqa: E402
from station.pipeline.jobs import prepare_worker, run_page  # noqa: E402

# each holds `kernels`
CALLERS = (
    shrink,
    lightness_module,
    fidelity,
    mrc,
    rows,
    segment,
    crop_sampling,
    skew_profile,
    linear_warp,
)
REPEATS = 9


@contextmanager
def without_kernels() -> Iterator[None]:
    """The callers take their OpenCV passes while inside."""
    coder = fax.native
    for module in CALLERS:
        module.kernels = None  # type: ignore[attr-defined]
    fax.native = None
    try:
        yield
    finally:
        for module in CALLERS:
            module.kernels = kernels  # type: ignore[attr-defined]
        fax.native = coder


def page_inputs(image: np.ndarray) -> dict[str, Any]:
    """The lightness, paper level, rendering, stencil ink, background composite and text
    mask of the page's own encoding."""
    seen: dict[str, Any] = {}
    check = mrc._failed_regions
    colour = mrc._ink_colour
    composite = mrc._composite
    g4 = mrc.g4
    other_ink = mrc._other_ink

    def capture_check(light, render, paper, dpi, scanned_dpi, thinning=None):  # type: ignore[no-untyped-def]
        seen.setdefault("check", (light.copy(), render.copy(), paper.copy()))
        return check(light, render, paper, dpi, scanned_dpi, thinning)

    def capture_ink(pixels, mask):  # type: ignore[no-untyped-def]
        ink = colour(pixels, mask)
        seen.setdefault("ink", ink.copy())
        return ink

    def capture_composite(pixels, kept, paper_colour, size, cut):  # type: ignore[no-untyped-def]
        copies = (pixels.copy(), kept.copy(), paper_colour.copy(), size)
        seen.setdefault("composite", (*copies, None if cut is None else cut.copy()))
        return composite(pixels, kept, paper_colour, size, cut)

    def capture_other_ink(pixels, light, paper, core, dpi):  # type: ignore[no-untyped-def]
        seen.setdefault("other", (pixels.copy(), light.copy(), paper.copy(), core, dpi))
        return other_ink(pixels, light, paper, core, dpi)

    def capture_g4(packed, width):  # type: ignore[no-untyped-def]
        seen.setdefault("g4", (packed.copy(), width))
        return g4(packed, width)

    mrc._failed_regions = capture_check
    mrc._ink_colour = capture_ink
    mrc._composite = capture_composite
    mrc.g4 = capture_g4
    mrc._other_ink = capture_other_ink
    try:
        run_page(image, 300, "standard")
    finally:
        mrc._failed_regions = check
        mrc._ink_colour = colour
        mrc._composite = composite
        mrc.g4 = g4
        mrc._other_ink = other_ink
    return seen


def steps(image: np.ndarray, inputs: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """Each step the kernels serve, as a call returning what it makes."""
    light, render, paper = inputs["check"]
    ink = inputs["ink"]
    near = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    found = page_ink(image, 300)

    def check() -> tuple[np.ndarray, int, int]:
        tally = fidelity.Thinning(ink)
        counts = fidelity.compare(light, render, paper, 300, tally)
        return counts, tally.total, tally.lost

    return {
        "darkest channel of the page": lambda: lightness_module.lightness(image),
        "fidelity check and thinning tally": check,
        "marks the background keeps": lambda: mrc._marks_kept(light, paper, near),
        "paper model (cell means, shares)": lambda: _model(segment.paper_model(light, 300)),
        "skew (sweep and fine profiles)": lambda: detect_skew(image, 300, shared=found),
        "other inks (100 dpi copy, hues)": lambda: mrc._other_ink(*inputs["other"]),
        "background composite at 200 ppi": lambda: mrc._composite(*inputs["composite"]),
        "G4 coding of the text mask": lambda: fax.group4(*inputs["g4"]),
    }


def _model(model: segment.PaperModel) -> tuple[np.ndarray, np.ndarray]:
    return model.paper, model.photo


def median_ms(function: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def same(made: Any, expected: Any) -> bool:
    if isinstance(made, tuple):
        return all(same(a, b) for a, b in zip(made, expected, strict=True))
    if isinstance(made, np.ndarray):
        return bool(np.array_equal(made, expected))
    return bool(made == expected)


def step_rows(images: list[np.ndarray]) -> list[tuple[str, float, float, bool]]:
    """(step, native ms, OpenCV ms, the same bits on every page), medians over the pages."""
    timed: dict[str, list[tuple[float, float, bool]]] = {}
    for image in images:
        for name, call in steps(image, page_inputs(image)).items():
            made = call()
            native = median_ms(call)
            with without_kernels():
                expected = call()
                opencv = median_ms(call)
            timed.setdefault(name, []).append((native, opencv, same(made, expected)))
    return [
        (
            name,
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            all(r[2] for r in runs),
        )
        for name, runs in timed.items()
    ]


def whole_pages(images: list[np.ndarray], rounds: int) -> tuple[float, float]:
    """Median CPU ms of run_page with and without the kernels, pages alternated."""
    native: list[float] = []
    opencv: list[float] = []
    for turn in range(rounds):
        for image in images:
            order = (True, False) if turn % 2 == 0 else (False, True)
            for with_kernels in order:
                started = time.process_time()
                if with_kernels:
                    run_page(image, 300, "standard")
                else:
                    with without_kernels():
                        run_page(image, 300, "standard")
                (native if with_kernels else opencv).append(time.process_time() - started)
    return statistics.median(native) * 1000, statistics.median(opencv) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if kernels is None:
        print("the native kernels are not built (pip install -e . with a C compiler at hand)")
        return
    prepare_worker()
    images = virtual_pages(args.pages)
    run_page(images[0], 300, "standard")  # warm caches and imports
    print(f"A4 300 dpi virtual forms: {len(images)} pages, median CPU ms, one thread")
    print(f"  {'':36} {'native':>7} {'OpenCV':>7} {'ratio':>6}  same bits")
    for name, native, opencv, equal in step_rows(images):
        print(f"  {name:36} {native:7.1f} {opencv:7.1f} {native / opencv:6.2f}  {equal}")
    native, opencv = whole_pages(images, args.rounds)
    print(
        f"  {'whole page (run_page, alternated)':36} {native:7.1f} {opencv:7.1f} "
        f"{native / opencv:6.2f}  saves {opencv - native:.1f} ms a page"
    )


if __name__ == "__main__":
    main()
