"""Dossiers and pages for workflow tests: tiny pixels for edits, virtual scans for finishing."""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

from station.capture import PageOrigin, store_pixels
from station.catalog import Catalog
from station.dossiers import DossierRequest, open_dossier
from station.model import Dossier, Page
from station.store import Store
from tests.station.pipeline.pages import virtual_page

# Procedure 1.010041 has two components, both required: TP1 (submitted) then KQ1 (result).
PROCEDURE = "1.010041"
CODE = "000.00.14.H05-251122-0001"
DPI = 100


def new_dossier(store: Store, catalog: Catalog, code: str = CODE, clerk: str = "lan") -> Dossier:
    dossier, _ = open_dossier(store, catalog, DossierRequest(code, PROCEDURE, clerk_id=clerk))
    return dossier


def tiny_page(store: Store, code: str, component: str | None = None, shade: int = 200) -> Page:
    pixels = np.full((8, 6), shade, np.uint8)
    return store_pixels(store, code, pixels, DPI, PageOrigin("test", "", component))


@cache
def _scan(paper: str) -> np.ndarray:
    # RGB, as a scanner hands pixels to capture; level, so only the paper size tells pages apart.
    bgr = virtual_page(("seed", "3"), ("skew", "0"), ("noise", "0"), paper=paper, dpi=DPI)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def scanned_page(store: Store, code: str, paper: str, component: str | None = None) -> Page:
    return store_pixels(store, code, _scan(paper), DPI, PageOrigin("virtual", paper, component))


def ids(pages: list[Page]) -> list[str]:
    return [p.id for p in pages]
