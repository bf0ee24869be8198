"""Scan throughput and A0 memory, virtual scanner -> store.

    .venv/bin/python bench/scan.py [--runs 5] [--sheets 5]

Prints pages per minute (median of runs) for A4, 300 dpi, colour, ADF duplex:
  driver only (pixels rendered, nothing stored) - the baseline
  in-process bridge + store (PNG originals, fsynced)
  worker bridge + store (the default path)
and the peak resident memory of scanning one A0 page at 300 dpi into the store, measured in fresh
processes (parent and driver worker separately) against an idle process of the same imports.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.capture import CaptureRequest, PageCaptured, capture, fixed_target  # noqa: E402
from drivers.bridge import InProcessBridge, WorkerBridge  # noqa: E402
from drivers.contract import CancelToken, ColorMode, ScanSettings, Source  # noqa: E402
from drivers.registry import load_driver  # noqa: E402
from station.paper import parse_paper  # noqa: E402
from station.store import Store  # noqa: E402

VIRTUAL = "drivers.virtual.driver:VirtualDriver"


def a4_duplex(sheets: int) -> ScanSettings:
    return ScanSettings(
        paper=parse_paper("A4"),
        dpi=300,
        mode=ColorMode.COLOR,
        source=Source.DUPLEX,
        count=sheets,
        options=(("sheets", str(sheets)),),
    )


def driver_only(sheets: int) -> tuple[int, float]:
    driver = load_driver(VIRTUAL)
    started = time.perf_counter()
    pages = sum(1 for _ in driver.scan("virtual", a4_duplex(sheets), CancelToken()))
    return pages, time.perf_counter() - started


def into_store(bridge, sheets: int) -> tuple[int, float]:
    with (
        tempfile.TemporaryDirectory(prefix="sohoa-bench-") as home,
        Store.open(Path(home)) as store,
    ):
        request = CaptureRequest("virtual", a4_duplex(sheets), fixed_target(None))
        started = time.perf_counter()
        ended = capture(bridge, store, request)
        if ended.error is not None:
            raise ended.error
        return ended.pages, time.perf_counter() - started


def throughput(runs: int, sheets: int) -> None:
    worker = WorkerBridge({"virtual": VIRTUAL})
    in_process = InProcessBridge({"virtual": VIRTUAL})
    into_store(worker, 1)  # start the worker and warm caches outside the timing
    cases = {
        "driver only (baseline)": lambda: driver_only(sheets),
        "in-process bridge + store": lambda: into_store(in_process, sheets),
        "worker bridge + store": lambda: into_store(worker, sheets),
    }
    results: dict[str, float] = {}
    for name, case in cases.items():
        rates = []
        for _ in range(runs):
            pages, seconds = case()
            rates.append(pages / seconds * 60)
        results[name] = statistics.median(rates)
    worker.close()
    baseline = results["driver only (baseline)"]
    print(f"A4 300 dpi colour, ADF duplex, {sheets} sheets ({2 * sheets} pages) x {runs} runs")
    print(f"{'path':<28} {'pages/min (median)':>20} {'vs baseline':>12}")
    for name, rate in results.items():
        print(f"{name:<28} {rate:>20.1f} {rate / baseline:>11.2f}x")


def a0_child(kind: str) -> None:
    """Runs in a fresh process; prints its own and its children's peak RSS in MB."""
    if kind == "scan":
        with (
            tempfile.TemporaryDirectory(prefix="sohoa-bench-") as home,
            Store.open(Path(home)) as store,
        ):
            settings = ScanSettings(paper=parse_paper("A0"), dpi=300, mode=ColorMode.COLOR)
            request = CaptureRequest("virtual:a0", settings, fixed_target(None))
            shapes = []
            with WorkerBridge({"virtual": VIRTUAL}) as bridge:
                ended = capture(bridge, store, request, lambda e: shapes.append(_shape(e)))
            if ended.error is not None:
                raise ended.error
            shape = next(s for s in shapes if s is not None)
    else:  # the same process shape, idle: a store and a worker that only lists devices
        with (
            tempfile.TemporaryDirectory(prefix="sohoa-bench-") as home,
            Store.open(Path(home)),
            WorkerBridge({"virtual": VIRTUAL}) as bridge,
        ):
            bridge.list_devices()
        shape = (0, 0, 0)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"self_mb": self_mb, "children_mb": children_mb, "shape": list(shape)}))


def _shape(event: object) -> tuple[int, int, int] | None:
    if isinstance(event, PageCaptured):
        return (event.height, event.width, 3 if event.mode == "color" else 1)
    return None


def a0_memory() -> None:
    def child(kind: str) -> dict:
        out = subprocess.run(
            [sys.executable, __file__, "--a0-child", kind],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    idle, scan = child("idle"), child("scan")
    height, width, channels = scan["shape"]
    page_mb = height * width * channels / 2**20
    print(f"\nA0 at 300 dpi: {width} x {height} px, one RGB copy = {page_mb:.0f} MB")
    print(f"{'process':<26} {'peak RSS MB':>12} {'idle MB':>9} {'added MB':>9} {'copies':>7}")
    for label, key in (("station (parent)", "self_mb"), ("driver worker", "children_mb")):
        added = scan[key] - idle[key]
        copies = added / page_mb
        print(f"{label:<26} {scan[key]:>12.0f} {idle[key]:>9.0f} {added:>9.0f} {copies:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sheets", type=int, default=5)
    parser.add_argument("--a0-child", choices=["idle", "scan"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.a0_child:
        a0_child(args.a0_child)
        return
    os.environ.setdefault("SANE_CONFIG_DIR", str(REPO / "tests" / "sane"))
    throughput(args.runs, args.sheets)
    a0_memory()


if __name__ == "__main__":
    main()
