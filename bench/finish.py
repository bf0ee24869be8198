"""Finish with the pages already encoded in the background, against encoding them at Finish.

    .venv/bin/python bench/finish.py [--pages 20] [--dpi 300] [--runs 1] [--profile standard]

One data directory, in one process: dossiers of `--pages` A4 colour pages from the virtual
feeder, tagged and analysed as the window leaves them. For each run, the seconds and the CPU
seconds (this process and its worker processes) of:
  scratch       - encoding those pages from scratch on every core (no text);
  scratch-read  - encoding and reading them (OCR) from scratch on every core, one step after
                  the other: what a Finish with no background at all has to do;
  background    - the background work after analysis, while the clerk tags and checks (not
                  waited for at the counter): the worker encoding the pages (one low-priority
                  process) and, beside it, the window's reader reading their text (OCR);
  finish        - from Finish to "queued" with the pages encoded and read ahead (assemble, add
                  the text layer, sign if set up, publish, queue): what the clerk waits for.
                  Target: under 3 s;
  finish-cold   - the same Finish on a twin dossier nothing was encoded or read ahead for;
  finish-racing - Finish pressed on a third twin once the background has a quarter of its pages
                  encoded, the background still running. Its CPU column is the background's and
                  Finish's together, from the background's start: no more than finish-cold's
                  when no page is encoded or read twice.
Medians over the runs; each row against scratch and scratch-read of the same run. Peak RSS of
this process and of the children, read from the OS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from app.analysis import analyse_pending  # noqa: E402
from app.finishing import finish  # noqa: E402
from app.prerender import Prerenderer, RenderCache  # noqa: E402
from app.reading import read_in_background  # noqa: E402
from drivers.contract import CancelToken, ColorMode, ScanSettings, Source  # noqa: E402
from drivers.virtual.driver import VirtualDriver  # noqa: E402
from station.capture import PageOrigin, store_pixels  # noqa: E402
from station.catalog import bundled_catalog_dir, load_catalog  # noqa: E402
from station.dossiers import DossierRequest, open_dossier  # noqa: E402
from station.ocr.jobs import ReadJob, read_job  # noqa: E402
from station.paper import parse_paper  # noqa: E402
from station.pipeline.jobs import page_pool  # noqa: E402
from station.store import Store  # noqa: E402
from station.workflow.finish import page_job  # noqa: E402
from station.workflow.pages import tag_pages  # noqa: E402
from station.workflow.render import render_pages  # noqa: E402

PROCEDURE = "1.001193"


def scanned(pages: int, dpi: int, seed: int) -> list[np.ndarray]:
    settings = ScanSettings(
        paper=parse_paper("A4"), dpi=dpi, mode=ColorMode.COLOR, source=Source.ADF,
        options=(("sheets", str(pages)), ("seed", str(seed))),
    )  # fmt: skip
    found = VirtualDriver().scan("virtual", settings, CancelToken())
    return [cv2.cvtColor(np.asarray(p.pixels), cv2.COLOR_RGB2BGR) for p in found]


def dossier(store: Store, catalog, code: str, images: list[np.ndarray], dpi: int) -> None:
    open_dossier(store, catalog, DossierRequest(code, PROCEDURE, "Nguyễn Văn A"))
    origin = PageOrigin("virtual", "A4")
    ids = [store_pixels(store, code, image, dpi, origin).id for image in images]
    tag_pages(store, ids[:1], "TP1")
    tag_pages(store, ids[1:], "TP6")


def cpu() -> float:
    """CPU seconds of this process and of its worker processes that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(action) -> tuple[float, float]:
    """(seconds, CPU seconds) of `action`."""
    started, used = time.perf_counter(), cpu()
    action()
    return time.perf_counter() - started, cpu() - used


def encode_and_read(store: Store, code: str, profile: str) -> None:
    """Every page encoded, then read, each on every core: Finish's work with nothing ahead."""
    pages = store.pages(code)
    list(render_pages([page_job(store, p, profile) for p in pages], os.cpu_count()))
    jobs = [
        ReadJob(p.id, str(store.layout.absolute(p.original.path)), p.original.sha256, p.dpi,
                p.transforms)
        for p in pages
    ]  # fmt: skip
    pool = page_pool(os.cpu_count())
    try:
        list(pool.map(read_job, jobs))
    finally:
        pool.shutdown()


class Background:
    """The window's background for one dossier: the worker encoding its pages and, on a thread,
    the reader reading them one at a time (stopped by `stop`)."""

    def __init__(self, store: Store, code: str, profile: str) -> None:
        self.store, self.code, self.profile = store, code, profile
        self.worker = Prerenderer(store, profile)
        self._stopped = threading.Event()
        self._reader = threading.Thread(target=self._read)

    def start(self) -> None:
        for page in self.store.pages(self.code):
            self.worker.page_analysed(page)
        self._reader.start()

    def _read(self) -> None:
        for page in self.store.pages(self.code):
            if self._stopped.is_set():
                return
            read_in_background(self.store, page.id, self.profile)

    def wait(self) -> None:
        self._reader.join()
        self.worker.wait()

    def stop(self) -> None:
        self._stopped.set()
        if self._reader.ident is not None:
            self._reader.join()
        self.worker.close()


def one_run(home: Path, catalog, run: int, args) -> dict[str, tuple[float, float]]:
    images = scanned(args.pages, args.dpi, seed=run + 1)
    warm, cold, racing = (f"000.00.14.H05-261204-{run:02d}0{n}" for n in (1, 2, 3))
    options = {"profile": args.profile, "workers": os.cpu_count(), "override_reason": "bench"}
    rows: dict[str, tuple[float, float]] = {}
    with Store.open(home) as store:
        for code in (warm, cold, racing):
            dossier(store, catalog, code, images, args.dpi)
        del images
        analyse_pending(store, args.profile)
        jobs = [page_job(store, p, args.profile) for p in store.pages(warm)]
        rows["scratch"] = measured(lambda: list(render_pages(jobs, os.cpu_count())))
        rows["scratch-read"] = measured(lambda: encode_and_read(store, warm, args.profile))
        background = Background(store, warm, args.profile)
        try:  # stopped inside: the worker's CPU counts once it has ended
            rows["background"] = measured(
                lambda: (background.start(), background.wait(), background.stop())
            )
        finally:
            background.stop()
        rows["finish"] = measured(lambda: finish(store, catalog, warm, **options))
        rows["finish-cold"] = measured(lambda: finish(store, catalog, cold, **options))
        rows["finish-racing"] = racing_finish(store, catalog, racing, options, args)
    return rows


def racing_finish(store: Store, catalog, code: str, options, args) -> tuple[float, float]:
    """Finish pressed while the background is a quarter through; (Finish's seconds, the CPU
    seconds of the background and Finish together)."""
    background = Background(store, code, args.profile)
    cache = RenderCache(store.layout.home)
    used = cpu()
    background.start()
    try:
        while sum(1 for _ in cache.root.glob("*.enc")) < args.pages // 4:
            time.sleep(0.05)
        seconds, _ = measured(lambda: finish(store, catalog, code, **options))
    finally:
        background.stop()
    return seconds, cpu() - used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", default="standard")
    args = parser.parse_args()
    catalog = load_catalog([bundled_catalog_dir()])
    rows = []
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-finish-") as folder:
        for run in range(args.runs):
            rows.append(one_run(Path(folder), catalog, run, args))
    print(f"{args.pages} pages, A4 colour {args.dpi} dpi, profile {args.profile}, "
          f"{os.cpu_count()} cores, {args.runs} run(s), medians")  # fmt: skip
    print(f"{'measure':<15}{'seconds':>9}{'per page':>10}{'cpu s':>8}"
          f"{'/ scratch':>11}{'/ scratch-read':>16}")  # fmt: skip
    for name in rows[0]:
        wall = statistics.median(r[name][0] for r in rows)
        used = statistics.median(r[name][1] for r in rows)
        plain = statistics.median(r[name][0] / r["scratch"][0] for r in rows)
        read = statistics.median(r[name][0] / r["scratch-read"][0] for r in rows)
        print(f"{name:<15}{wall:>9.2f}{wall / args.pages:>10.3f}{used:>8.1f}"
              f"{plain:>11.2f}{read:>16.2f}")  # fmt: skip
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {own:.0f} MiB, largest child {children:.0f} MiB")


if __name__ == "__main__":
    main()
