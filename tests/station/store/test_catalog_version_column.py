"""A dossier keeps the catalog version it was opened under; older databases gain the column
with the built-in catalog ('') for the dossiers they hold."""

from __future__ import annotations

import sqlite3

from station.model import Dossier, utc_now
from station.store import Store
from station.store.database import APPLICATION_ID
from station.store.migrations import MIGRATIONS, migrate


def test_the_catalog_version_is_stored_with_the_dossier(store) -> None:
    store.create_dossier(Dossier("HS-1", "1.010041", utc_now(), catalog_version="2026.12.1"))
    assert store.dossier("HS-1").catalog_version == "2026.12.1"


def test_dossiers_from_before_the_migration_follow_the_built_in_catalog(tmp_path) -> None:
    conn = sqlite3.connect(tmp_path / "station.db", isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, [m for m in MIGRATIONS if m.version < 10])
    conn.execute(
        "INSERT INTO dossier (code, procedure_code, received_at, state, created_at, updated_at)"
        " VALUES ('HS-OLD', '1.010041', ?, 'open', ?, ?)",
        (utc_now().isoformat(),) * 3,
    )
    conn.close()
    with Store.open(tmp_path) as store:
        assert store.dossier("HS-OLD").catalog_version == ""
