"""Parts of a sheet scanned in parts: joined under the page stitched from them, or given back.

A joined part keeps its row and file but leaves the dossier's pages (deleted_at set, part_of
naming the stitched page), so finishing, counting and the trash never see it. Separating gives
the parts back where the stitched page stood and removes that page, which they can remake."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from station.errors import ErrorCode, StationError
from station.model import DossierState
from station.store import rows
from station.store.page_changes import compact_orders


def join_parts(
    conn: sqlite3.Connection, dossier_id: int, page_id: str, part_ids: Sequence[str], now: datetime
) -> None:
    """The stitched page takes the place of the first of its parts."""
    marks = ",".join("?" * len(part_ids))
    found = conn.execute(
        f"SELECT id, ord FROM page WHERE id IN ({marks}) AND dossier_id = ?"
        " AND deleted_at IS NULL AND part_of IS NULL",
        (*part_ids, dossier_id),
    ).fetchall()
    if len(found) != len(set(part_ids)):
        missing = set(part_ids) - {row["id"] for row in found}
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=", ".join(sorted(missing)))
    first = min(row["ord"] for row in found)
    conn.execute(
        f"UPDATE page SET part_of = ?, deleted_at = ?, updated_at = ? WHERE id IN ({marks})",
        (page_id, rows.to_text(now), rows.to_text(now), *part_ids),
    )
    conn.execute("UPDATE page SET ord = ? WHERE id = ?", (first, page_id))
    compact_orders(conn, dossier_id)


def separate_parts(conn: sqlite3.Connection, page_id: str, now: datetime) -> str:
    """The parts back in the stitched page's place, in the order they were scanned; the
    stitched page's row is removed and its file's path returned for the caller to delete once
    the transaction has committed."""
    page = conn.execute(
        "SELECT page.dossier_id, page.ord, page.original_path, dossier.state, dossier.code"
        " FROM page JOIN dossier ON dossier.id = page.dossier_id"
        " WHERE page.id = ? AND page.deleted_at IS NULL",
        (page_id,),
    ).fetchone()
    if page is not None and page["state"] != DossierState.OPEN.value:
        raise StationError(ErrorCode.DOSSIER_FINISHED, code=page["code"])
    parts = conn.execute(
        "SELECT id FROM page WHERE part_of = ? ORDER BY created_at, id", (page_id,)
    ).fetchall()
    if page is None:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    if not parts:
        raise StationError(ErrorCode.PAGE_NOT_STITCHED, page=page_id)
    dossier_id, place = page["dossier_id"], page["ord"]
    conn.execute(
        "UPDATE page SET ord = ord + ? WHERE dossier_id = ? AND deleted_at IS NULL AND ord > ?",
        (len(parts), dossier_id, place),
    )
    for offset, part in enumerate(parts):
        conn.execute(
            "UPDATE page SET part_of = NULL, deleted_at = NULL, ord = ?, updated_at = ?"
            " WHERE id = ?",
            (place + offset + 1, rows.to_text(now), part["id"]),
        )
    conn.execute("DELETE FROM page WHERE id = ?", (page_id,))
    compact_orders(conn, dossier_id)
    return str(page["original_path"])
