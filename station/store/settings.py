"""Key/value settings in the `setting` table; a None value removes the key."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping


def read_settings(conn: sqlite3.Connection, prefix: str = "") -> dict[str, str]:
    found = conn.execute(
        "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ? ORDER BY key",
        (len(prefix), prefix),
    ).fetchall()
    return {row[0]: row[1] for row in found}


def write_settings(conn: sqlite3.Connection, values: Mapping[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            conn.execute("DELETE FROM setting WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
