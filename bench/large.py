"""Large sheets: time and peak memory, beside merely decoding the same files.

    .venv/bin/python bench/large.py [--dpi 300] [--paper A2] [--grid 3x3] [--detectors]
    .venv/bin/python bench/large.py --no-stitch --sheet 300 --sheet 600 [--repeat 5]
    .venv/bin/python bench/large.py --no-sheets     # the stitch cases only

With no --sheet, both A0 sheets (300 and 600 dpi) follow the stitch, so one run prints every
memory target beside Pillow decoding the same files.

A drawn land map of the paper's size is cut into A4 parts at `--dpi` (askew, shuffled, one part
upside down, uneven exposure, noise) and saved as PNG. Each case then runs in a fresh process so
its peak RSS is its own: `decode` opens the parts with Pillow; `stitch` reads them the same way
and assembles the page (the library call alone); `sohoa import --stitch` is the clerk's path:
the parts stored, read back, stitched and the page stored, as one page of the store. Its target
(3x3 A4 into A2 at 300 dpi) is under 30 s and 1500 MB. `--detectors` adds a table of each
detector (SIFT, ORB): time and the worst part-corner error against the truth (mm).

Peak RSS is read from the OS for the whole process tree (tests/station/tree_memory.py): the
sum of each process's own peak (VmHWM), since `sohoa process` runs the page in a pool worker
while the CLI process stays resident, and beside it ("together") the largest sum of the tree's
resident sets sampled at one moment. Targets are judged on the sum of peaks.

`--sheet DPI` (default: 300 and 600) draws one A0 plan at that resolution (text blocks, a red
seal, a map grid slanted 1.2 deg against the text, the content turned 1.5 deg;
tests/station/pipeline/large_sheet.py),
saves it as JPEG, PNG, LZW TIFF and, thresholded, a 1-bit G4 TIFF (tests/station/sheet_files.py),
and runs `sohoa process` on each in a fresh process: seconds, peak RSS of the process tree, and
the skew it reported; beside it, Pillow decoding the same file. The JPEG also runs with the
lossless profile. `--repeat N` runs each sheet case N times in as many fresh processes: the row
shows the worst run (time and memory of that run) and the spread of the peaks, min-max.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from station.paper import parse_paper  # noqa: E402
from station.stitch import Detector, Part, StitchOptions, stitch_parts  # noqa: E402
from tests.station.sheet_files import save_sheets  # noqa: E402
from tests.station.stitch.sheet import Scanned, cut_parts, draw_map  # noqa: E402
from tests.station.tree_memory import TreeMemory  # noqa: E402


def _decode(paths: list[Path]) -> list[np.ndarray]:
    return [np.asarray(Image.open(path).convert("RGB")) for path in paths]


def _child(case: str, paper: str, dpi: int, paths: list[Path]) -> None:
    """Runs in its own process: one case, then prints its figures as JSON."""
    with TreeMemory() as tree:
        start = time.perf_counter()
        if case == "import":
            _import_stitch(paper, paths)
        else:
            pixels = _decode(paths)
            if case == "stitch":
                parts = [Part(cv2.cvtColor(p, cv2.COLOR_RGB2BGR), dpi) for p in pixels]
                del pixels
                stitch_parts(parts, parse_paper(paper))
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, **tree.figures()}))


def _import_stitch(paper: str, paths: list[Path]) -> None:
    """`sohoa import PART... --stitch PAPER` into a fresh store: one stitched page."""
    from ui.cli.main import main as sohoa

    with tempfile.TemporaryDirectory() as home:
        argv = ["--home", home, "import", *map(str, paths), "--stitch", paper, "--json"]
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            if sohoa(argv) != 0:
                raise SystemExit(f"sohoa import --stitch failed: {printed.getvalue()}")
        events = [json.loads(line)["event"] for line in printed.getvalue().splitlines() if line]
        if "stitched" not in events:
            raise SystemExit(f"sohoa import --stitch stored no stitched page: {events}")


def _sheet_child(case: str, path: Path) -> None:
    """One sheet case in its own process: Pillow decoding the file, or `sohoa process` on it
    (case "process" or "lossless": the profile)."""
    skew = None
    with TreeMemory() as tree:
        start = time.perf_counter()
        if case == "decode":
            Image.MAX_IMAGE_PIXELS = None
            with Image.open(path) as image:
                image.load()
        else:
            skew = _process(path, "lossless" if case == "lossless" else "standard")
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, **tree.figures(), "skew": skew}))


def _process(path: Path, profile: str) -> float:
    """`sohoa process` on the file, with one pool worker; the skew it reported."""
    from ui.cli.main import main as sohoa

    with tempfile.TemporaryDirectory() as home:
        out = Path(home) / "sheet.pdf"
        argv = ["--home", home, "process", str(path), "--out", str(out), "--json"]
        argv += ["--profile", profile, "--workers", "1"]
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            if sohoa(argv) != 0:
                raise SystemExit(f"sohoa process failed: {printed.getvalue()}")
        pages = [json.loads(line) for line in printed.getvalue().splitlines() if line]
        return float(next(p["skew_deg"] for p in pages if p.get("event") == "page"))


# `sohoa process` on one A0 sheet, in a fresh process: (seconds or None, peak RSS MB).
SHEET_TARGETS = {300: (15.0, 1000), 600: (None, 2000)}
# 3x3 A4 parts into an A2 page at 300 dpi, stitched and stored: seconds, peak RSS MB.
STITCH_TARGET = (30.0, 1500)
SHEET_KINDS = ("jpg", "png", "tif", "bw.tif")
_LABELS = {"jpg": "jpeg", "png": "png", "tif": "tiff lzw", "bw.tif": "tiff g4 1-bit"}
_CASES = {"decode": "Pillow decode", "process": "sohoa process", "lossless": "lossless"}
_STITCH_CASES = {
    "decode": "Pillow decode",
    "stitch": "stitch_parts",
    "import": "sohoa import --stitch",
}


def _sheet_case(case: str, path: Path) -> dict:
    command = [sys.executable, __file__, "--child-sheet", case, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict = json.loads(done.stdout.splitlines()[-1])
    return figures


def _sheet_rows(dpi: int, repeat: int = 1) -> None:
    width, height = (round(mm / 25.4 * dpi) for mm in (841.0, 1189.0))
    with tempfile.TemporaryDirectory() as folder:
        paths = save_sheets(dpi, Path(folder), SHEET_KINDS)
        print(f"\nA0 {dpi} dpi, {width} x {height} px ({width * height / 1e6:.0f} Mpx)")
        print(
            f"{'case':<30}{'MB file':>9}{'seconds':>10}{'peak RSS MB':>14}{'together':>10}"
            f"{'skew':>8}{'target':>10}{'spread MB' if repeat > 1 else '':>12}"
        )
        for kind, path in paths.items():
            size = path.stat().st_size / 1e6
            cases = ("decode", "process", "lossless") if kind == "jpg" else ("decode", "process")
            for case in cases:
                runs = [_sheet_case(case, path) for _ in range(repeat)]
                figures = max(runs, key=lambda run: run["peak_mb"])  # judged on the worst
                skew = "" if figures["skew"] is None else f"{figures['skew']:.2f}"
                label = f"{_LABELS[kind]} {_CASES[case]}"
                peaks = sorted(run["peak_mb"] for run in runs)
                spread = f"{peaks[0]:.0f}-{peaks[-1]:.0f}" if repeat > 1 else ""
                print(
                    f"{label:<30}{size:>9.1f}{figures['seconds']:>10.2f}"
                    f"{figures['peak_mb']:>14.0f}{figures['together_mb']:>10.0f}{skew:>8}"
                    f"{_verdict(dpi, case, figures):>10}{spread:>12}"
                )
    seconds, peak = SHEET_TARGETS.get(dpi, (None, None))
    if peak is not None:
        within = f"under {seconds:.0f} s and " if seconds else "completes, "
        print(f"target for sohoa process: {within}under {peak} MB peak RSS")


def _verdict(dpi: int, case: str, figures: dict) -> str:
    seconds, peak = SHEET_TARGETS.get(dpi, (None, None))
    if case == "decode" or peak is None:
        return ""
    return _met(figures, seconds, peak)


def _met(figures: dict, seconds: float | None, peak: float) -> str:
    met = figures["peak_mb"] < peak and (seconds is None or figures["seconds"] < seconds)
    return "met" if met else "MISSED"


def _run_case(case: str, paper: str, dpi: int, paths: list[Path]) -> dict:
    command = [sys.executable, __file__, "--child", case, "--paper", paper, "--dpi", str(dpi)]
    done = subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def _sheet_parts(paper: str, dpi: int, grid: tuple[int, int]) -> list[Scanned]:
    size = parse_paper(paper)
    sheet = draw_map(size.width_mm, size.height_mm, dpi, ruler_mm=size.height_mm - 60, seed=1)
    return cut_parts(sheet, grid, seed=2, turned=grid[0] * grid[1] // 2)


def _worst_corner_mm(scanned: list[Scanned], result, dpi: int) -> float:
    mm = 25.4 / dpi
    gaps = []
    for placement, part in zip(result.placements, scanned, strict=True):
        height, width = part.pixels.shape[:2]
        edges = np.array([[-0.5, -0.5], [width - 0.5, -0.5], [width - 0.5, height - 0.5]])
        truth = (part.truth.apply(edges) + 0.5) * mm
        angle = math.radians(placement.rotation_deg)
        turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        placed = (edges + 0.5) * mm @ turn.T + [placement.x_mm, placement.y_mm]
        gaps.append(placed - truth)
    gap = np.vstack(gaps)
    return float(np.linalg.norm(gap - gap.mean(axis=0), axis=1).max())


def _detectors(scanned: list[Scanned], paper: str, dpi: int) -> None:
    print(f"\n{'detector':<10}{'seconds':>10}{'worst corner mm':>18}")
    parts = [Part(s.pixels, dpi) for s in scanned]
    for detector in Detector:
        start = time.perf_counter()
        try:
            result = stitch_parts(parts, parse_paper(paper), StitchOptions(detector=detector))
            worst = f"{_worst_corner_mm(scanned, result, dpi):.3f}"
        except Exception as error:  # a detector that fails is a row, not a crash
            worst = f"failed: {type(error).__name__}"
        print(f"{detector.value:<10}{time.perf_counter() - start:>10.2f}{worst:>18}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--paper", default="A2")
    parser.add_argument("--grid", default="3x3")
    parser.add_argument("--detectors", action="store_true")
    parser.add_argument("--no-stitch", action="store_true")
    parser.add_argument("--sheet", type=int, action="append", metavar="DPI")
    parser.add_argument("--no-sheets", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, metavar="N")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-sheet", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.paper, args.dpi, args.paths)
        return 0
    if args.child_sheet:
        _sheet_child(args.child_sheet, args.paths[0])
        return 0
    if not args.no_stitch:
        _stitch_rows(args)
    for dpi in [] if args.no_sheets else args.sheet or [300, 600]:
        _sheet_rows(dpi, max(1, args.repeat))
    return 0


def _stitch_rows(args: argparse.Namespace) -> None:
    cols, rows = (int(v) for v in args.grid.lower().split("x"))
    scanned = _sheet_parts(args.paper, args.dpi, (cols, rows))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, part in enumerate(scanned, 1):
            path = Path(folder) / f"part{number}.png"
            rgb = cv2.cvtColor(part.pixels, cv2.COLOR_BGR2RGB)
            Image.fromarray(rgb).save(path, dpi=(args.dpi, args.dpi), compress_level=1)
            paths.append(path)
        print(f"{cols}x{rows} A4 parts at {args.dpi} dpi into {args.paper}")
        print(f"{'case':<24}{'seconds':>10}{'peak RSS MB':>14}{'together':>10}{'target':>10}")
        judged = (args.paper, args.dpi, (cols, rows)) == ("A2", 300, (3, 3))
        for case in ("decode", "stitch", "import"):
            figures = _run_case(case, args.paper, args.dpi, paths)
            verdict = _met(figures, *STITCH_TARGET) if judged and case != "decode" else ""
            print(
                f"{_STITCH_CASES[case]:<24}{figures['seconds']:>10.2f}"
                f"{figures['peak_mb']:>14.0f}{figures['together_mb']:>10.0f}{verdict:>10}"
            )
        if judged:
            seconds, peak = STITCH_TARGET
            print(f"target for stitching: under {seconds:.0f} s and under {peak} MB peak RSS")
    if args.detectors:
        _detectors(scanned, args.paper, args.dpi)


if __name__ == "__main__":
    sys.exit(main())
