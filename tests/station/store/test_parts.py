"""Parts of a sheet scanned in parts: joined under the stitched page in one transaction, out of
the dossier's pages and its trash, and given back where the stitched page stood."""

from __future__ import annotations

import numpy as np
import pytest

from station.capture import PageOrigin, draft_dossier, store_pixels
from station.errors import ErrorCode, StationError
from station.store import NewPage


def _page(store, code: str, value: int):
    pixels = np.full((40, 30), value, np.uint8)
    return store_pixels(store, code, pixels, 100, PageOrigin("virtual", "auto"))


def _stitched(store, code: str, parts):
    new = NewPage(b"\x89PNG stitched", "image/png", 100, "stitch:virtual", "A2")
    return store.add_page(code, new, parts=[p.id for p in parts])


def test_the_stitched_page_takes_the_place_of_its_first_part(store) -> None:
    code = draft_dossier(store).code
    first, a, b, last = (_page(store, code, v) for v in (10, 20, 30, 40))
    page = _stitched(store, code, [b, a])
    assert [p.id for p in store.pages(code)] == [first.id, page.id, last.id]
    assert [p.order for p in store.pages(code)] == [1, 2, 3]
    assert page.order == 2
    assert {p.id for p in store.parts_of(page.id)} == {a.id, b.id}
    assert all(p.part_of == page.id for p in store.parts_of(page.id))
    assert store.deleted_pages(code) == []


def test_separating_gives_the_parts_back_in_scan_order_and_removes_the_stitched_page(store):
    code = draft_dossier(store).code
    first, a, b, last = (_page(store, code, v) for v in (10, 20, 30, 40))
    page = _stitched(store, code, [a, b])
    store.separate_parts(page.id)
    assert [p.id for p in store.pages(code)] == [first.id, a.id, b.id, last.id]
    assert store.page(page.id) is None
    assert not store.layout.absolute(page.original.path).exists()


def test_a_page_already_joined_or_gone_cannot_be_a_part(store) -> None:
    code = draft_dossier(store).code
    a, b = _page(store, code, 10), _page(store, code, 20)
    _stitched(store, code, [a, b])
    with pytest.raises(StationError) as refused:
        _stitched(store, code, [a, b])
    assert refused.value.code is ErrorCode.PAGE_NOT_FOUND
    assert len(store.pages(code)) == 1  # the refused page's row and file never stayed
