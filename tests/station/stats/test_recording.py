"""The store records what happened inside the transaction that made it happen."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import numpy as np
import pytest

from station.capture import PageOrigin, draft_dossier, store_pixels
from station.errors import ErrorCode, StationError
from station.events import Event, EventKind
from station.model import utc_now
from station.store import Store
from station.workflow import (
    delete_pages,
    finish_dossier,
    replace_page,
    restore_pages,
    skip_blank_backs,
)
from tests.station.workflow.support import CODE, DPI, new_dossier, scanned_page

K = EventKind


def _page(store: Store, paper: str = "A4", component: str | None = "TP1"):
    pixels = np.full((8, 6), 200, np.uint8)
    return store_pixels(store, CODE, pixels, DPI, PageOrigin("test", paper, component))


def _recorded(store: Store) -> list[Event]:
    now = utc_now()
    return store.events(now - timedelta(hours=1), now + timedelta(hours=1))


def test_opening_a_dossier_and_storing_pages_are_recorded_with_station_and_clerk(
    store: Store, catalog
) -> None:
    new_dossier(store, catalog, clerk="lan")
    first = _page(store, "A4")
    second = _page(store, "A3")
    events = _recorded(store)
    assert [(e.kind, e.page_id, e.paper_size) for e in events] == [
        (K.DOSSIER_OPENED, "", ""),
        (K.PAGE_STORED, first.id, "A4"),
        (K.PAGE_STORED, second.id, "A3"),
    ]
    station = store.station().id
    assert {(e.station_id, e.clerk_id, e.dossier_code) for e in events} == {(station, "lan", CODE)}
    assert events[1].at == first.created_at
    assert all(e.id is not None for e in events)


def test_deletes_undos_and_rescans_are_recorded(store: Store, catalog) -> None:
    new_dossier(store, catalog)
    pages = [_page(store) for _ in range(3)]
    delete_pages(store, [pages[0].id, pages[1].id])
    restore_pages(store, [pages[1].id])
    rescan = _page(store)
    replace_page(store, pages[2].id, rescan.id)
    kinds = [(e.kind, e.page_id) for e in _recorded(store) if e.kind is not K.PAGE_STORED]
    assert kinds == [
        (K.DOSSIER_OPENED, ""),
        (K.PAGE_DELETED, pages[0].id),
        (K.PAGE_DELETED, pages[1].id),
        (K.PAGE_RESTORED, pages[1].id),
        (K.PAGE_RESCANNED, pages[2].id),
    ]


def test_blank_backs_skipped_are_recorded_as_such_for_the_clerk_who_scanned_them(
    home, catalog
) -> None:
    with Store.open(home) as store:
        store.sign_in("lan")
        new_dossier(store, catalog)
        front, back, other = _page(store), _page(store), _page(store)
        store.sign_in("minh")  # a restart with another clerk, the back analysed only now
        skip_blank_backs(store, [back.id, other.id])
        delete_pages(store, [front.id])
        restore_pages(store, [other.id])
        kinds = [(e.kind, e.page_id, e.clerk_id) for e in _recorded(store)][-4:]
    assert kinds == [
        (K.BLANK_BACK_SKIPPED, back.id, "lan"),
        (K.BLANK_BACK_SKIPPED, other.id, "lan"),
        (K.PAGE_DELETED, front.id, "minh"),
        (K.PAGE_RESTORED, other.id, "minh"),
    ]
    with Store.open(home) as store:  # nothing held in memory
        skips = store.blank_back_skips(CODE)
    assert skips.skipped == [back.id]  # the front is the clerk's delete; `other` came back
    assert skips.ever == {back.id, other.id}


def test_finishing_records_its_live_pages_and_override_reason(store: Store, catalog) -> None:
    new_dossier(store, catalog, clerk="minh")
    scanned_page(store, CODE, "A6", "KQ1")
    scanned_page(store, CODE, "A6", "KQ1")
    receipt = finish_dossier(store, catalog, CODE, "jpeg", override_reason="thiếu tờ khai")
    finished = [e for e in _recorded(store) if e.kind is K.DOSSIER_FINISHED]
    assert [(e.pages, e.reason, e.clerk_id) for e in finished] == [(2, "thiếu tờ khai", "minh")]
    assert finished[0].at == store.dossier(CODE).finished_at
    assert receipt.override_reason == "thiếu tờ khai"


def test_a_refused_change_records_nothing(store: Store, catalog) -> None:
    new_dossier(store, catalog)
    page = _page(store)
    store.mark_finished(CODE, [], utc_now())
    before = _recorded(store)
    with pytest.raises(StationError) as refused:
        delete_pages(store, [page.id])
    assert refused.value.code is ErrorCode.DOSSIER_FINISHED
    with pytest.raises(StationError):
        _page(store)
    assert _recorded(store) == before


def test_a_draft_dossier_is_recorded_as_opened_too(store: Store) -> None:
    draft = draft_dossier(store)
    assert [(e.kind, e.dossier_code) for e in _recorded(store)] == [(K.DOSSIER_OPENED, draft.code)]


def test_the_event_table_and_its_indexes_come_with_migration_4(store: Store) -> None:
    conn = sqlite3.connect(store.layout.database)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 4
        indexes = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'event'")
        }
    finally:
        conn.close()
    assert {"event", "event_at", "event_kind_at", "event_dossier"} <= indexes
