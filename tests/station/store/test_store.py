from __future__ import annotations

import hashlib
import sqlite3

import pytest

from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState, utc_now
from station.store import NewPage, Store
from tests.helpers.images import pgm_page


def _dossier(code: str = "000.00.14.H05-251122-0001") -> Dossier:
    return Dossier(code=code, procedure_code="1.001193", received_at=utc_now())


def test_store_uses_wal_and_full_sync(store: Store) -> None:
    conn = sqlite3.connect(store.layout.database)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.database.query("PRAGMA synchronous")[0][0] == 2  # FULL


def test_home_comes_from_sohoa_home(home, monkeypatch) -> None:
    with Store.open() as opened:
        assert opened.layout.home == home
        assert (home / "station.db").is_file()


def test_first_open_creates_a_station_identity_that_persists(home) -> None:
    with Store.open(home) as first:
        station = first.station()
    with Store.open(home) as second:
        assert second.station() == station
    assert station.id and station.name


def test_added_page_is_on_disk_with_matching_sha_and_order(store: Store) -> None:
    store.create_dossier(_dossier())
    pages = [
        store.add_page(_dossier().code, NewPage(pgm_page(i), "image/x-portable-anymap", 300))
        for i in range(3)
    ]
    assert [p.order for p in pages] == [1, 2, 3]
    for index, page in enumerate(pages):
        data = (store.layout.home / page.original.path).read_bytes()
        assert data == pgm_page(index)
        assert page.sha256 == hashlib.sha256(data).hexdigest()
    assert [p.id for p in store.pages(_dossier().code)] == [p.id for p in pages]


def test_page_keeps_its_metadata(store: Store) -> None:
    store.create_dossier(_dossier())
    new = NewPage(b"P5\n1 1\n255\n\x00", "image/x-portable-anymap", 200, "test:0", "A4", "TP1")
    added = store.add_page(_dossier().code, new)
    (read,) = store.pages(_dossier().code)
    assert read == added
    assert (read.source_device, read.paper_size, read.component_code, read.dpi) == (
        "test:0",
        "A4",
        "TP1",
        200,
    )


def test_duplicate_dossier_code_is_refused(store: Store) -> None:
    store.create_dossier(_dossier())
    with pytest.raises(StationError) as caught:
        store.create_dossier(_dossier())
    assert caught.value.code is ErrorCode.DOSSIER_EXISTS


def test_unknown_dossier_is_reported(store: Store) -> None:
    with pytest.raises(StationError) as caught:
        store.add_page("nope", NewPage(b"x", "image/png", 300))
    assert caught.value.code is ErrorCode.DOSSIER_NOT_FOUND


def test_finished_dossier_takes_no_pages(store: Store) -> None:
    store.create_dossier(
        Dossier(
            code="D1", procedure_code="1.001193", received_at=utc_now(), state=DossierState.FINISHED
        )
    )
    with pytest.raises(StationError) as caught:
        store.add_page("D1", NewPage(b"x", "image/png", 300))
    assert caught.value.code is ErrorCode.DOSSIER_CLOSED


def test_empty_page_is_refused_and_nothing_is_written(store: Store) -> None:
    store.create_dossier(_dossier())
    with pytest.raises(StationError) as caught:
        store.add_page(_dossier().code, NewPage(b"", "image/png", 300))
    assert caught.value.code is ErrorCode.EMPTY_PAGE
    assert store.pages(_dossier().code) == []


def test_dossiers_list_newest_first_and_filters_by_state(store: Store) -> None:
    store.create_dossier(_dossier("A"))
    store.create_dossier(_dossier("B"))
    store.create_dossier(
        Dossier(code="C", procedure_code="x", received_at=utc_now(), state=DossierState.FINISHED)
    )
    assert [d.code for d in store.dossiers()] == ["C", "B", "A"]
    assert [d.code for d in store.dossiers(DossierState.OPEN)] == ["B", "A"]


def test_transforms_are_recorded_and_the_original_never_changes(store: Store) -> None:
    from station.model import Transform

    store.create_dossier(_dossier())
    page = store.add_page(_dossier().code, NewPage(pgm_page(3), "image/x-portable-anymap", 300))
    before = (store.layout.home / page.original.path).read_bytes()
    steps = (Transform("deskew", {"angle_deg": 1.25}), Transform("orient", {"rotation": 90}))
    updated = store.set_transforms(page.id, steps)
    assert updated.transforms == steps and store.page(page.id).transforms == steps
    assert store.set_transforms(page.id, steps[1:]).transforms == steps[1:]  # undo the deskew
    assert (store.layout.home / page.original.path).read_bytes() == before
    with pytest.raises(StationError) as caught:
        store.set_transforms("missing", steps)
    assert caught.value.code is ErrorCode.PAGE_NOT_FOUND
