"""Finish with the pages already encoded in the background, against encoding them at Finish.

    .venv/bin/python bench/finish.py [--pages 20] [--dpi 300] [--runs 1] [--profile standard]

One data directory, in one process: dossiers of `--pages` A4 colour pages from the virtual
feeder, tagged and analysed as the window leaves them. For each run, prints the seconds of:
  scratch     - encoding those pages from scratch (the pool Finish used to run, every core);
  background  - the background work after analysis, while the clerk tags and checks (not
                waited for at the counter): the worker encoding the pages (one low-priority
                process) and, beside it, the window's reader reading their text (OCR);
  finish      - from Finish to "queued" with the pages encoded and read ahead (assemble, add
                the text layer, sign if set up, publish, queue): what the clerk waits for.
                Target: under 3 s;
  finish-cold - the same Finish on a twin dossier nothing was encoded or read ahead for.
Medians over the runs, and finish / scratch. Peak RSS of this process and of the children, read
from the OS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from app.analysis import analyse_pending  # noqa: E402
from app.finishing import finish  # noqa: E402
from app.prerender import Prerenderer  # noqa: E402
from app.reading import read_in_background  # noqa: E402
from drivers.contract import CancelToken, ColorMode, ScanSettings, Source  # noqa: E402
from drivers.virtual.driver import VirtualDriver  # noqa: E402
from station.capture import PageOrigin, store_pixels  # noqa: E402
from station.catalog import bundled_catalog_dir, load_catalog  # noqa: E402
from station.dossiers import DossierRequest, open_dossier  # noqa: E402
from station.paper import parse_paper  # noqa: E402
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


def seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def one_run(home: Path, catalog, run: int, args) -> dict[str, float]:
    images = scanned(args.pages, args.dpi, seed=run + 1)
    warm, cold = f"000.00.14.H05-261204-{run:02d}01", f"000.00.14.H05-261204-{run:02d}02"
    with Store.open(home) as store:
        dossier(store, catalog, warm, images, args.dpi)
        dossier(store, catalog, cold, images, args.dpi)
        del images
        analyse_pending(store, args.profile)
        jobs = [page_job(store, p, args.profile) for p in store.pages(warm)]
        scratch = seconds(lambda: list(render_pages(jobs, os.cpu_count())))
        background = Prerenderer(store, args.profile)
        try:
            started = time.perf_counter()
            for page in store.pages(warm):
                background.page_analysed(page)
            for page in store.pages(warm):  # the window's reader, meanwhile (OCR profiles)
                read_in_background(store, page.id, args.profile)
            background.wait()
            ahead = time.perf_counter() - started
        finally:
            background.close()
        options = {"profile": args.profile, "workers": os.cpu_count(), "override_reason": "bench"}
        warm_s = seconds(lambda: finish(store, catalog, warm, **options))
        cold_s = seconds(lambda: finish(store, catalog, cold, **options))
    return {"scratch": scratch, "background": ahead, "finish": warm_s, "finish-cold": cold_s}


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
    print(f"{'measure':<14}{'seconds':>10}{'per page':>10}")
    medians = {name: statistics.median(r[name] for r in rows) for name in rows[0]}
    for name, value in medians.items():
        print(f"{name:<14}{value:>10.2f}{value / args.pages:>10.3f}")
    print(f"finish / scratch: {medians['finish'] / medians['scratch']:.2f}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {own:.0f} MiB, largest child {children:.0f} MiB")


if __name__ == "__main__":
    main()
