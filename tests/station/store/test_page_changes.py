from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState, Transform, utc_now
from station.store import DossierFile, NewPage, PageChange, Store
from station.store.database import APPLICATION_ID
from station.store.files import temp_name
from station.store.migrations import MIGRATIONS, migrate
from tests.helpers.images import pgm_page

CODE = "000.00.14.H05-251122-0001"


def _pages(store: Store, count: int) -> list:
    store.create_dossier(Dossier(code=CODE, procedure_code="1.010041", received_at=utc_now()))
    return [
        store.add_page(CODE, NewPage(pgm_page(i, 2_000, 4_000), "image/x-portable-anymap", 300))
        for i in range(count)
    ]


def _error(call) -> ErrorCode:
    with pytest.raises(StationError) as caught:
        call()
    return caught.value.code


def test_a_version_1_database_is_migrated_with_its_pages_kept(home: Path) -> None:
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / "station.db", isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, MIGRATIONS[:1])
    now = utc_now().isoformat()
    conn.execute(
        "INSERT INTO dossier (code, procedure_code, received_at, created_at, updated_at)"
        " VALUES (?, '1.010041', ?, ?, ?)",
        (CODE, now, now, now),
    )
    conn.execute(
        "INSERT INTO page (id, dossier_id, ord, dpi, original_path, original_sha256,"
        " original_size, original_media_type, created_at, updated_at)"
        " VALUES ('p1', 1, 1, 300, 'pages/1/p1.orig.png', 'x', 1, 'image/png', ?, ?)",
        (now, now),
    )
    conn.close()
    with Store.open(home) as store:
        (page,) = store.pages(CODE)
        assert (page.id, page.annotated, page.analysed_profile, page.deleted_at) == (
            "p1",
            False,
            None,
            None,
        )
        dossier = store.dossier(CODE)
        assert (dossier.finished_at, dossier.override_reason) == (None, "")
        assert store.dossier_files(CODE) == []


def test_changes_apply_all_together_or_not_at_all(store: Store) -> None:
    first, _second = _pages(store, 2)
    changes = [PageChange(first.id, component_code="TP1"), PageChange("missing", order=1)]
    assert _error(lambda: store.change_pages(changes)) is ErrorCode.PAGE_NOT_FOUND
    assert store.page(first.id).component_code is None


def test_a_change_writes_only_the_fields_it_names(store: Store) -> None:
    (page,) = _pages(store, 1)
    steps = (Transform("orient", {"rotation": 90}),)
    store.change_pages([PageChange(page.id, transforms=steps, analysed_profile="standard")])
    store.change_pages([PageChange(page.id, component_code="TP1", annotated=True)])
    changed = store.page(page.id)
    assert (changed.transforms, changed.analysed_profile) == (steps, "standard")
    assert (changed.component_code, changed.annotated) == ("TP1", True)
    assert changed.updated_at > page.updated_at


def test_live_pages_stay_numbered_without_gaps(store: Store) -> None:
    pages = _pages(store, 4)
    store.change_pages([PageChange(pages[1].id, deleted=True)])
    assert [p.order for p in store.pages(CODE)] == [1, 2, 3]
    assert store.deleted_pages(CODE)[0].order == 2  # remembers its place, for an undo
    added = store.add_page(CODE, NewPage(pgm_page(9, 2_000, 4_000), "image/x-portable-anymap", 300))
    assert added.order == 4
    store.change_pages([PageChange(pages[0].id, order=10)])  # any order: still 1..n after
    assert [p.id for p in store.pages(CODE)] == [pages[2].id, pages[3].id, added.id, pages[0].id]
    assert [p.order for p in store.pages(CODE)] == [1, 2, 3, 4]


def test_pages_of_a_finished_dossier_cannot_change(store: Store) -> None:
    (page,) = _pages(store, 1)
    store.mark_finished(CODE, [], utc_now())
    code = _error(lambda: store.change_pages([PageChange(page.id, component_code="TP1")]))
    assert code is ErrorCode.DOSSIER_FINISHED


def test_finishing_records_files_once(store: Store) -> None:
    _pages(store, 1)
    when = utc_now()
    files = [
        DossierFile(CODE, "TP1", f"{CODE}.1.pdf", f"outbox/{CODE}/{CODE}.1.pdf", 1, 10, "ab", when)
    ]
    dossier = store.mark_finished(CODE, files, when, "kết quả trả sau")
    assert (dossier.state, dossier.finished_at, dossier.override_reason) == (
        DossierState.FINISHED,
        when,
        "kết quả trả sau",
    )
    assert store.dossier_files(CODE) == files
    assert _error(lambda: store.mark_finished(CODE, files, when)) is ErrorCode.DOSSIER_FINISHED
    assert store.dossier_files(CODE) == files


def test_count_pages_is_by_time_and_clerk(store: Store) -> None:
    _pages(store, 2)
    now = utc_now()
    assert store.count_pages(now - timedelta(minutes=1), now + timedelta(minutes=1)) == 2
    assert store.count_pages(now + timedelta(seconds=1), now + timedelta(minutes=1)) == 0
    assert store.count_pages(now - timedelta(minutes=1), now, clerk_id="someone") == 0


def test_staged_outbox_files_of_a_dead_writer_are_swept(home: Path) -> None:
    with Store.open(home):
        pass
    folder = home / "outbox" / CODE
    folder.mkdir(parents=True)
    published = folder / f"{CODE}.1.pdf"
    published.write_bytes(b"%PDF")
    stray = temp_name(folder / f"{CODE}.2.pdf", "deadbeefdeadbeef")
    stray.write_bytes(b"half a PDF")
    with Store.open(home) as store:
        assert not stray.exists() and published.exists()
        assert store.recovery.removed_temp_files == [f"outbox/{CODE}/{stray.name}"]
