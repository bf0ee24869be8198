"""The codes found on a page, kept with it (table page_code, migration 13)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from station.codes.model import CodeKind, Point, StoredCode


def replace_codes(conn: sqlite3.Connection, page_id: str, codes: Sequence[StoredCode]) -> None:
    conn.execute("DELETE FROM page_code WHERE page_id = ?", (page_id,))
    conn.executemany(
        "INSERT INTO page_code (page_id, n, format, kind, position, text)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (page_id, n, c.format, c.kind.value, json.dumps([[p.x, p.y] for p in c.position]),
             c.text)
            for n, c in enumerate(codes)
        ],
    )  # fmt: skip


def code_from_row(row: sqlite3.Row) -> StoredCode:
    a, b, c, d = (Point(float(x), float(y)) for x, y in json.loads(row["position"]))
    return StoredCode(row["format"], CodeKind(row["kind"]), (a, b, c, d), row["text"])
