"""A station.db made by the previous version opens with nothing lost: the core and sync schemas
migrate forward, and the upload events the old worker lost to a crash are added once."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from station.store import Store
from station.store.database import APPLICATION_ID
from station.store.migrations import latest_version
from sync.backlog import queue_backlog
from sync.outbox import Outbox
from sync.tables import SYNC_SCHEMA
from tests.sync.client import old_schema

T0 = "2026-11-02T08:00:00.000000Z"
T1 = "2026-11-02T09:00:00.000000Z"
T2 = "2026-11-02T10:00:00.000000Z"
T3 = "2026-11-02T11:00:00.000000Z"
PAGE = b"pixels"
OLD_TABLES = ("station", "clerk", "dossier", "page", "dossier_file", "setting", "sync_job")


def _old_station(home: Path) -> Path:
    (home / "pages").mkdir(parents=True)
    (home / "pages" / "p.png").write_bytes(PAGE)
    path = home / "station.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        old_schema.migrate(db)
        db.execute("INSERT INTO station (id, name) VALUES ('st1', 'old-host')")
        db.execute(
            "INSERT INTO clerk (id, full_name, role, password_hash, created_at, updated_at)"
            " VALUES ('lan', 'Nguyễn Thị Lan', 'supervisor', 'scrypt$x', ?, ?)",
            (T0, T0),
        )
        for number, code in enumerate(("D1", "D2", "D3"), start=1):
            db.execute(
                "INSERT INTO dossier (id, code, procedure_code, received_at, state, station_id,"
                " clerk_id, created_at, updated_at, finished_at)"
                " VALUES (?, ?, '1.010041', ?, 'finished', 'st1', 'lan', ?, ?, ?)",
                (number, code, T0, T0, T0, T1),
            )
            db.execute(
                "INSERT INTO page (id, dossier_id, ord, dpi, original_path, original_sha256,"
                " original_size, original_media_type, created_at, updated_at)"
                " VALUES (?, ?, 1, 300, 'pages/p.png', ?, ?, 'image/png', ?, ?)",
                (f"p{number}", number, hashlib.sha256(PAGE).hexdigest(), len(PAGE), T0, T0),
            )
            db.execute(
                "INSERT INTO dossier_file (dossier_id, component_code, file_name, path, pages,"
                " bytes, sha256, created_at) VALUES (?, 'TP1', ?, ?, 1, 10, 'ab', ?)",
                (number, f"{code}.1.pdf", f"outbox/{code}/{code}.1.pdf", T1),
            )
            db.execute(
                "INSERT INTO event (kind, at, station_id, clerk_id, dossier_code)"
                " VALUES ('page_stored', ?, 'st1', 'lan', ?)",
                (T0, code),
            )
        jobs = [
            # D1: confirmed, and the old worker recorded its event
            ("D1", "k1", "done", None, None, T2),
            # D2: confirmed, the event lost to a crash between the two commits
            ("D2", "k2", "done", None, None, T2),
            # D3: parked after a failure whose event was lost; an earlier retry was recorded
            ("D3", "k3", "failed", "sync_rejected", T3, None),
        ]
        for code, key, state, error, error_at, done in jobs:
            db.execute(
                "INSERT INTO sync_job (dossier_code, kind, idempotency_key, state,"
                " next_attempt_at, error_code, last_error_at, created_at, updated_at, done_at)"
                " VALUES (?, 'manifest', ?, ?, ?, ?, ?, ?, ?, ?)",
                (code, key, state, T1, error, error_at, T1, T1, done),
            )
        db.execute(
            "INSERT INTO event (kind, at, station_id, clerk_id, dossier_code) VALUES"
            " ('upload_confirmed', ?, 'st1', 'lan', 'D1')",
            (T2,),
        )
        db.execute(
            "INSERT INTO event (kind, at, station_id, clerk_id, dossier_code, reason) VALUES"
            " ('upload_failed', ?, 'st1', 'lan', 'D3', 'sync_offline')",
            (T2,),
        )
        db.execute("INSERT INTO setting VALUES ('sync.url', 'https://hub.example')")
        db.execute("INSERT INTO setting VALUES ('metrics.events_through', '4')")
    return path


def _columns(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        return [c[1] for c in db.execute(f"PRAGMA table_info({table})")]


def _rows(path: Path, table: str, columns: list[str] | None = None) -> list[tuple]:
    """The rows, in the given columns (those the old file had: later versions add some)."""
    names = ", ".join(columns or _columns(path, table))
    with closing(sqlite3.connect(path)) as db:
        db.row_factory = None
        return db.execute(f"SELECT {names} FROM {table} ORDER BY 1").fetchall()


def _upload_events(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(
            "SELECT kind, at, station_id, clerk_id, dossier_code, reason FROM event"
            " WHERE kind LIKE 'upload%' ORDER BY at, id"
        ).fetchall()


def test_an_old_station_database_migrates_with_nothing_lost(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = _old_station(home)
    columns = {table: _columns(path, table) for table in (*OLD_TABLES, "event")}
    before = {table: _rows(path, table) for table in (*OLD_TABLES, "event")}
    for _ in range(2):  # a second opening changes nothing
        with Store.open(home, schemas=[SYNC_SCHEMA]) as store:
            station = store.station()
            identity = store.identity()
            jobs = Outbox.of(store).jobs()
    for table in OLD_TABLES:
        assert _rows(path, table, columns[table]) == before[table], table
    assert set(before["event"]) <= set(_rows(path, "event", columns["event"]))
    assert sorted(_upload_events(path)) == [
        ("upload_confirmed", T2, "st1", "lan", "D1", ""),
        ("upload_confirmed", T2, "st1", "lan", "D2", ""),  # added: the crash lost it
        ("upload_failed", T2, "st1", "lan", "D3", "sync_offline"),
        ("upload_failed", T3, "st1", "lan", "D3", "parked:sync_rejected"),  # added
    ]
    assert (station.id, station.name, identity.updated_at) == ("st1", "old-host", None)
    assert [j.idempotency_key for j in jobs] == ["k1", "k2", "k3"]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        versions = dict(db.execute("SELECT name, version FROM schema_version"))
    assert versions == {"sync": SYNC_SCHEMA.latest}


def test_a_store_opened_without_sync_migrates_the_queue_when_sync_first_opens_it(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    path = _old_station(home)
    with Store.open(home) as store:
        assert queue_backlog(store.database).jobs_failed == 1  # the old table, read as it is
        assert len(_upload_events(path)) == 2
        Outbox.of(store)
        assert len(_upload_events(path)) == 4


def test_a_new_station_has_the_queue_only_once_sync_opens_it(store: Store) -> None:
    assert queue_backlog(store.database).jobs_queued == 0  # no table yet: nothing queued
    assert Outbox.of(store).jobs() == []
