from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from station.accounts import Accounts, Role
from station.errors import ErrorCode, StationError
from station.store import Store
from station.store.database import APPLICATION_ID
from station.store.migrations import MIGRATIONS, Migration, Schema, latest_version, migrate


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_is_ours_at_the_latest_schema(store: Store) -> None:
    conn = sqlite3.connect(store.layout.database)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()


def test_migrations_apply_in_order_and_only_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    steps = (
        Migration(1, "CREATE TABLE a (x INTEGER);"),
        Migration(2, "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z TEXT);"),
    )
    assert migrate(conn, steps[:1]) == [1]
    conn.execute("INSERT INTO a (x) VALUES (7)")
    assert migrate(conn, steps) == [2]
    assert migrate(conn, steps) == []
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(7, None)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_failing_migration_rolls_back_entirely(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(conn, (Migration(1, "CREATE TABLE a (x INTEGER);"),))
    broken = (
        Migration(1, "CREATE TABLE a (x INTEGER);"),
        Migration(2, "CREATE TABLE b (z TEXT); INSERT INTO missing VALUES (1);"),
    )
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, broken)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}


def test_shipped_migrations_are_numbered_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_corrupt_database_file_is_refused_and_left_untouched(home: Path) -> None:
    home.mkdir(parents=True)
    db = home / "station.db"
    db.write_bytes(b"this is not a database at all" * 100)
    before = _sha(db)
    with pytest.raises(StationError) as caught:
        Store.open(home)
    assert caught.value.code is ErrorCode.DATABASE_CORRUPT
    assert _sha(db) == before


def test_damaged_sqlite_pages_are_refused_and_left_untouched(home: Path) -> None:
    with Store.open(home) as store:
        db = store.layout.database
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # overwrite the second b-tree page
    db.write_bytes(bytes(data))
    before = _sha(db)
    with pytest.raises(StationError) as caught:
        Store.open(home)
    assert caught.value.code is ErrorCode.DATABASE_CORRUPT
    assert _sha(db) == before


def test_foreign_sqlite_file_is_refused_and_left_untouched(home: Path) -> None:
    home.mkdir(parents=True)
    db = home / "station.db"
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE invoices (id INTEGER, amount REAL)")
    other.execute("INSERT INTO invoices VALUES (1, 9.5)")
    other.commit()
    other.close()
    before = _sha(db)
    with pytest.raises(StationError) as caught:
        Store.open(home)
    assert caught.value.code is ErrorCode.DATABASE_FOREIGN
    assert _sha(db) == before


def test_database_from_a_newer_version_is_refused(home: Path) -> None:
    with Store.open(home) as store:
        db = store.layout.database
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.close()
    with pytest.raises(StationError) as caught:
        Store.open(home)
    assert caught.value.code is ErrorCode.DATABASE_TOO_NEW


EXTRA = Schema(
    "extra",
    (
        Migration(1, "CREATE TABLE extra_item (id INTEGER PRIMARY KEY, name TEXT);"),
        Migration(2, "ALTER TABLE extra_item ADD COLUMN size INTEGER NOT NULL DEFAULT 0;"),
    ),
)


def test_a_package_schema_is_versioned_apart_from_the_core(home: Path) -> None:
    with Store.open(home, schemas=[Schema("extra", EXTRA.migrations[:1])]) as store:
        with store.database.transaction() as conn:
            conn.execute("INSERT INTO extra_item (name) VALUES ('a')")
        store.database.require(EXTRA)  # a second package version adds its step only
        assert [tuple(r) for r in store.database.query("SELECT name, size FROM extra_item")] == [
            ("a", 0)
        ]
        assert store.database.query("PRAGMA user_version")[0][0] == latest_version()
        versions = store.database.query("SELECT name, version FROM schema_version")
        assert [tuple(r) for r in versions] == [("extra", 2)]


def test_a_package_schema_newer_than_this_version_is_refused(home: Path) -> None:
    with Store.open(home, schemas=[EXTRA]) as store, store.database.transaction() as conn:
        conn.execute("UPDATE schema_version SET version = 9 WHERE name = 'extra'")
    with pytest.raises(StationError) as caught:
        Store.open(home, schemas=[EXTRA])
    assert caught.value.code is ErrorCode.DATABASE_TOO_NEW


def test_the_store_and_the_accounts_share_one_database(store: Store) -> None:
    accounts = Accounts(store.database)
    accounts.add("lan", "Nguyễn Thị Lan", Role.CLERK, "mật khẩu dài")
    accounts.close()  # not its database: the store's stays open
    assert store.database.query("SELECT full_name FROM clerk")[0][0] == "Nguyễn Thị Lan"
