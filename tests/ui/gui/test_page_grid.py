"""The thumbnail grid with a large dossier: only pages on screen are rendered, off the GUI
thread, and the model keeps its rows (and the selection) when pages move."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QItemSelectionModel

from station.capture import PageOrigin, store_pixels
from station.dossiers import DossierRequest, open_dossier
from station.model import Transform

PAGES = 500


def _many_pages(store, catalog, count: int):
    """One stored original shown as `count` pages, each with its own (cheap) transforms so
    each has its own thumbnail."""
    dossier, _ = open_dossier(store, catalog, DossierRequest("D-500", "1.001193", "Lê Văn C"))
    pixels = np.full((160, 113, 3), 230, np.uint8)
    pixels[20:140:10, 10:100] = 40
    page = store_pixels(store, dossier.code, pixels, 20, PageOrigin("virtual", "A4", "TP1"))
    return [
        replace(
            page,
            id=f"p{n:04d}",
            order=n,
            transforms=(Transform("deskew", {"angle_deg": 0.01 * n}),),
        )
        for n in range(1, count + 1)
    ]


def test_five_hundred_pages_render_only_the_thumbnails_on_screen(
    qtbot, window, store, catalog
) -> None:
    pages = _many_pages(store, catalog, PAGES)
    model, grid, cache = window.pages.model, window.grid, window.pages.thumbnails
    window.resize(1400, 900)
    model.set_procedure(catalog.get("1.001193"))
    started = time.perf_counter()
    model.set_pages(pages)
    assert time.perf_counter() - started < 0.5
    assert model.rowCount() == PAGES
    qtbot.waitUntil(lambda: cache.renders_started > 0, timeout=5000)
    first_screen = cache.renders_started
    assert first_screen < 60, "only the visible thumbnails are asked for"
    qtbot.waitUntil(lambda: cache.has(model.page_at(0)), timeout=10000)

    def last_page_shown() -> bool:
        grid.scrollToBottom()  # again while the batched layout still grows the scroll range
        return cache.has(model.page_at(PAGES - 1))

    qtbot.waitUntil(last_page_shown, timeout=10000)
    assert cache.renders_started < 2 * first_screen + 20
    started = time.perf_counter()
    grid.viewport().repaint()
    assert time.perf_counter() - started < 0.1


def test_moving_pages_keeps_the_rows_and_the_selection(qtbot, window, store, catalog) -> None:
    pages = _many_pages(store, catalog, 6)
    model, grid = window.pages.model, window.grid
    model.set_procedure(catalog.get("1.001193"))
    model.set_pages(pages)
    grid.selectionModel().select(model.index(1), QItemSelectionModel.SelectionFlag.Select)
    removed = []
    model.rowsRemoved.connect(lambda *args: removed.append(args))
    reordered = [replace(p, order=7 - p.order) for p in pages]  # reversed
    model.set_pages(reordered)
    assert [p.id for p in model.pages()] == [p.id for p in reversed(pages)]
    assert removed == []
    assert [model.page_at(r).id for r in grid.selected_rows()] == [pages[1].id]
