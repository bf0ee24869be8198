"""A station data directory full of finished dossiers, queued through the product's own path.

A few dossiers are scanned and finished for real (PDFs from virtual pages); the bulk are
dossiers whose component files are random bytes of log-uniform sizes, recorded with
`Store.mark_finished` exactly as `finish_dossier` records its PDFs, then queued by
`enqueue_dossier` — so every file and every manifest goes the way a clerk's would.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from pathlib import Path

from station.catalog import Catalog
from station.model import utc_now
from station.pdf.names import component_file_name
from station.store import DossierFile, Store
from station.workflow import finish_dossier
from station.workflow.finished_files import dossier_folder
from sync.enqueue import enqueue_dossier
from sync.jobs import Job
from tests.station.workflow.support import new_dossier, scanned_page

KB, MB = 1024, 1024 * 1024
COMPONENTS = ("TP1", "KQ1")


@dataclass(frozen=True)
class SizePlan:
    count: int
    smallest: int = 10 * KB
    largest: int = 50 * MB
    budget: int = 1500 * MB  # total bytes at most
    big: int = 40 * MB  # at least `big_count` files this size or more
    big_count: int = 3


def draw_sizes(plan: SizePlan, rng: random.Random) -> list[int]:
    """Log-uniform sizes, redrawn until the set fits the budget and has its big files."""
    low, high = math.log(plan.smallest), math.log(plan.largest)
    while True:
        sizes = [int(math.exp(rng.uniform(low, high))) for _ in range(plan.count)]
        if sum(sizes) <= plan.budget and sum(s >= plan.big for s in sizes) >= plan.big_count:
            return sizes


def dossier_code(number: int) -> str:
    return f"000.00.14.H05-261122-{number:04d}"


def finish_scanned(store: Store, catalog: Catalog, number: int) -> list[Job]:
    code = dossier_code(number)
    new_dossier(store, catalog, code)
    for component in ("TP1", "TP1", "KQ1"):
        scanned_page(store, code, "A5", component)
    finish_dossier(store, catalog, code, profile="jpeg", workers=1)
    return enqueue_dossier(store, catalog, code)


def finish_random(
    store: Store, catalog: Catalog, number: int, sizes: list[int], rng: random.Random
) -> list[Job]:
    """A dossier whose component files are `sizes` random bytes each, finished and queued."""
    code = dossier_code(number)
    new_dossier(store, catalog, code)
    folder = store.layout.finished_files / dossier_folder(code)
    folder.mkdir(parents=True, exist_ok=True)
    now = utc_now()
    records = []
    for order, size in enumerate(sizes, start=1):
        name = component_file_name(code, order)
        path = folder / name
        digest = _write_random(path, size, rng)
        records.append(
            DossierFile(
                dossier_code=code,
                component_code=COMPONENTS[(order - 1) % len(COMPONENTS)],
                file_name=name,
                path=store.layout.relative(path),
                pages=1 + size // (200 * KB),
                bytes=size,
                sha256=digest,
                created_at=now,
            )
        )
    store.mark_finished(code, records, now, "")
    return enqueue_dossier(store, catalog, code)


def _write_random(path: Path, size: int, rng: random.Random) -> str:
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        left = size
        while left:
            block = rng.randbytes(min(left, 4 * MB))
            digest.update(block)
            handle.write(block)
            left -= len(block)
    return digest.hexdigest()


def group_into_dossiers(sizes: list[int], rng: random.Random) -> list[list[int]]:
    """One to four files per dossier, in the drawn order."""
    groups, start = [], 0
    while start < len(sizes):
        take = rng.randint(1, 4)
        groups.append(sizes[start : start + take])
        start += take
    return groups
