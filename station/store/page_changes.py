"""Edits to pages' mutable fields, applied together in one transaction.

Only the fields a change names are written, so an edit never clobbers what another thread
recorded meanwhile (a clerk moving pages while the pipeline stores a page's analysis).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Final

from station.errors import ErrorCode, StationError
from station.model import DossierState, Transform
from station.store import rows
from station.store.results import editable_result_page


class Keep(Enum):
    """A field left as it is (None is a value some fields take)."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True)
class PageChange:
    page_id: str
    order: int | Keep = KEEP
    component_code: str | None | Keep = KEEP
    transforms: tuple[Transform, ...] | Keep = KEEP
    annotated: bool | Keep = KEEP
    analysed_profile: str | None | Keep = KEEP
    deleted: bool | Keep = KEEP
    # Compare and set: the change is written only while the page's transforms are still these,
    # checked in the change's own transaction (StationError PAGE_EDITED otherwise).
    if_transforms: tuple[Transform, ...] | Keep = KEEP


def apply_changes(conn: sqlite3.Connection, changes: Sequence[PageChange], now: datetime) -> None:
    """Write the changes, then renumber each touched dossier's live pages 1..n."""
    touched: set[int] = set()
    for change in changes:
        touched.add(_editable_dossier(conn, change.page_id, change.component_code))
        if change.if_transforms is not KEEP:
            _require_transforms(conn, change.page_id, change.if_transforms)
        columns, values = _assignments(change, now)
        conn.execute(
            f"UPDATE page SET {', '.join(columns)} WHERE id = ?",
            (*values, change.page_id),
        )
    for dossier_id in sorted(touched):
        compact_orders(conn, dossier_id)


def compact_orders(conn: sqlite3.Connection, dossier_id: int) -> None:
    """Live pages keep their relative order and are numbered 1..n with no gaps."""
    found = conn.execute(
        "SELECT id, ord FROM page WHERE dossier_id = ? AND deleted_at IS NULL"
        " ORDER BY ord, created_at, id",
        (dossier_id,),
    ).fetchall()
    for order, row in enumerate(found, start=1):
        if row["ord"] != order:
            conn.execute("UPDATE page SET ord = ? WHERE id = ?", (order, row["id"]))


def _editable_dossier(
    conn: sqlite3.Connection, page_id: str, component: str | None | Keep = KEEP
) -> int:
    row = conn.execute(
        "SELECT dossier.id, dossier.code, dossier.state FROM page"
        " JOIN dossier ON dossier.id = page.dossier_id WHERE page.id = ?",
        (page_id,),
    ).fetchone()
    if row is None:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    if row["state"] != DossierState.OPEN.value and not editable_result_page(
        conn, page_id, component
    ):
        raise StationError(ErrorCode.DOSSIER_FINISHED, code=row["code"])
    return int(row["id"])


def _require_transforms(
    conn: sqlite3.Connection, page_id: str, expected: tuple[Transform, ...]
) -> None:
    row = conn.execute("SELECT transforms FROM page WHERE id = ?", (page_id,)).fetchone()
    if row is None:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    if rows.transforms_from_json(row["transforms"]) != expected:
        raise StationError(ErrorCode.PAGE_EDITED, page=page_id)


def _assignments(change: PageChange, now: datetime) -> tuple[list[str], list[Any]]:
    columns, values = ["updated_at = ?"], [rows.to_text(now)]

    def put(column: str, value: Any) -> None:
        columns.append(f"{column} = ?")
        values.append(value)

    if change.order is not KEEP:
        put("ord", change.order)
    if change.component_code is not KEEP:
        put("component_code", change.component_code)
    if change.transforms is not KEEP:
        put("transforms", rows.transforms_to_json(change.transforms))
    if change.annotated is not KEEP:
        put("annotated", int(change.annotated))
    if change.analysed_profile is not KEEP:
        put("analysed_profile", change.analysed_profile)
    if change.deleted is True:
        columns.append("deleted_at = coalesce(deleted_at, ?)")  # the first deletion's time stays
        values.append(rows.to_text(now))
    elif change.deleted is False:
        columns.append("deleted_at = NULL")
    return columns, values
