"""OpenCV's warp on a page: levelling a colour page by each angle, and scaling maps up.

    .venv/bin/python bench/warp.py [--repeats 5]

One A4 300 dpi colour virtual-scanner page, on one OpenCV thread as a pool worker runs; median
CPU ms of each call.
1. The page rotated about its centre by each angle and moved as a sheet's crop moves it (by a
   fraction of a pixel off whole ones): OpenCV's warpAffine called as it is (bilinear, constant
   border) against station.pipeline.geometry.resample, which makes a map whose output rows
   read the source's rows the way the rows advance (see geometry._slow_way_round) bottom up
   and flips the result back; how far the two differ (levels, and how many pixels). OpenCV's
   warp takes up to twice as long one way round as the other; bottom up, each output pixel
   reads the same source coordinates (a mirrored map would not: its float coordinates round
   otherwise, and on congress.jpg 638 of 1.44 M pixels a level off moved Tesseract's readings
   in bench/fidelity.py past the word-agreement target).
   Then the same resample through the native kernel (station.pipeline.linear_warp: runs of
   contiguous source pixels where OpenCV gathers each sample alone) and whether it gives
   OpenCV's bits.
2. Scalings of the kinds the encoder makes, each by cv2.resize (INTER_LINEAR) against
   station.imaging.stretch.stretch_to (the same bilinear map through warpAffine), with the
   largest difference in levels between the two. The encoder stretches only the rendering its
   check reads; the rows marked (resize) it leaves to resize: the maps its layers are cut by,
   where a level off changed Tesseract's readings (see station.imaging.stretch), and a colour
   page scaled down, where the warp is slower.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import station.pipeline.linear_warp as linear_warp  # noqa: E402
from bench.native import median_ms  # noqa: E402
from bench.pipeline import virtual_pages  # noqa: E402
from station.imaging.stretch import stretch_to  # noqa: E402
from station.pipeline import geometry  # noqa: E402

ANGLES = (-3.0, -2.0, -1.0, -0.5, -0.2, 0.2, 0.5, 1.0, 2.0, 3.0)
PAPER = (255.0, 255.0, 255.0, 0.0)
CROP_SHIFT = (-22.4768439, -12.8835863)  # a sheet's crop, as congress.jpg's


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    page = virtual_pages(1)[0]
    levelled(page, args.repeats)
    print()
    scaled(page, args.repeats)


def levelled(page: np.ndarray, repeats: int) -> None:
    height, width = page.shape[:2]
    print(f"A4 300 dpi colour page ({width} x {height}), levelled by each angle; CPU ms (median)")
    print(
        f"{'angle':>6} {'rows read':>9} {'warpAffine':>11} {'resample':>9} {'ratio':>6}"
        f"  levels  pixels {'native':>7} {'ratio':>6}  same bits"
    )
    for angle in ANGLES:
        rotation = cv2.getRotationMatrix2D(((width - 1) / 2, (height - 1) / 2), -angle, 1.0)
        rotation[:, 2] += CROP_SHIFT
        step = geometry.Step(np.vstack([rotation, [0.0, 0.0, 1.0]]), (width, height))

        def plain(step: geometry.Step = step) -> np.ndarray:
            return cv2.warpAffine(
                page, step.matrix[:2], step.size, flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_CONSTANT, borderValue=PAPER,
            )  # fmt: skip

        def ours(step: geometry.Step = step) -> np.ndarray:
            return geometry.resample(page, step, PAPER)

        native_ms, native = median_ms(ours, repeats), ours()
        kernels, linear_warp.kernels = linear_warp.kernels, None
        try:
            differ = np.abs(plain().astype(np.int16) - ours()).max(axis=2)
            before, after = median_ms(plain, repeats), median_ms(ours, repeats)
            same = bool(np.array_equal(native, ours()))
        finally:
            linear_warp.kernels = kernels
        slow = geometry._slow_way_round(cv2.invertAffineTransform(step.matrix[:2]))
        rows = "downward" if slow else "upward"
        print(
            f"{angle:>+6.1f} {rows:>9} {before:>11.1f} {after:>9.1f} {after / before:>6.2f}"
            f"  {differ.max():>5} {np.count_nonzero(differ):>7} {native_ms:>7.1f}"
            f" {native_ms / before:>6.2f}  {same}"
        )


def scaled(page: np.ndarray, repeats: int) -> None:
    height, width = page.shape[:2]
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    back = (-(-width * 2 // 3), -(-height * 2 // 3))
    cases = (
        ("rendering 200 -> 300 ppi, gray", cv2.resize(gray, back), (width, height)),
        ("paper level 50 dpi -> 300 (resize)", cv2.resize(gray, (width // 6, height // 6)),
         (width, height)),
        ("paper colour 2 mm -> 300 dpi (resize)", cv2.resize(page, (width // 24, height // 24)),
         (width, height)),
        ("page 300 -> 200 dpi, gray (resize)", gray, back),
        ("page 300 -> 100 dpi, colour (resize)", page, (-(-width // 3), -(-height // 3))),
    )  # fmt: skip
    print("bilinear scaling; CPU ms (median)")
    print(f"{'':<38} {'resize':>7} {'stretch_to':>10} {'ratio':>6}  max difference")
    for name, source, size in cases:

        def plain(source: np.ndarray = source, size: tuple[int, int] = size) -> np.ndarray:
            return cv2.resize(source, size, interpolation=cv2.INTER_LINEAR)

        def ours(source: np.ndarray = source, size: tuple[int, int] = size) -> np.ndarray:
            return stretch_to(source, size)

        differs = int(np.abs(plain().astype(np.int16) - ours()).max())
        before, after = median_ms(plain, repeats), median_ms(ours, repeats)
        print(f"{name:<38} {before:>7.2f} {after:>10.2f} {after / before:>6.2f}  {differs}")


if __name__ == "__main__":
    main()
