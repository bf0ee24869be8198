"""A finished dossier's result (kết quả): which result pages it takes, and the files a result
finish records. The catalog is not the store's: callers say which components are results."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from station.errors import ErrorCode, StationError
from station.model import ComponentKind, DossierState
from station.store import rows
from station.store.dossier_files import DossierFile, insert_files


@dataclass(frozen=True)
class PageTarget:
    dossier_id: int
    result: bool  # the page is part of the result, added after the dossier was finished


@dataclass(frozen=True)
class ResultCandidate:
    """A dossier finished at reception, with the components its files are for."""

    code: str
    procedure_code: str
    received_at: datetime
    finished_at: datetime | None
    file_components: tuple[str, ...]
    # result components another desk of the unit committed to the hub (results_elsewhere.py)
    components_elsewhere: tuple[str, ...] = ()


def page_target(conn: sqlite3.Connection, dossier_code: str, component: str | None) -> PageTarget:
    """Where a new page may go: any open dossier, or a finished one's open result intake."""
    row = conn.execute(
        "SELECT id, state, result_intake FROM dossier WHERE code = ?", (dossier_code,)
    ).fetchone()
    if row is None:
        raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=dossier_code)
    if row["state"] == DossierState.OPEN.value:
        return PageTarget(row["id"], False)
    intake = json.loads(row["result_intake"])
    if not intake:
        raise StationError(ErrorCode.DOSSIER_CLOSED, code=dossier_code)
    check_result_component(conn, row["id"], dossier_code, intake, component)
    return PageTarget(row["id"], True)


def check_result_component(
    conn: sqlite3.Connection,
    dossier_id: int,
    dossier_code: str,
    intake: Sequence[str],
    component: str | None,
) -> None:
    if component in intake:
        return
    filed = result_file_name(conn, dossier_id, component) if component else None
    if filed is not None:
        raise StationError(
            ErrorCode.RESULT_ALREADY_FINISHED, code=dossier_code, component=component, file=filed
        )
    raise StationError(
        ErrorCode.RESULT_COMPONENT_ONLY,
        code=dossier_code,
        component=component or "-",
        accepted=", ".join(intake),
    )


def result_file_name(conn: sqlite3.Connection, dossier_id: int, component: str) -> str | None:
    found = conn.execute(
        "SELECT file_name FROM dossier_file WHERE dossier_id = ? AND component_code = ?"
        " AND kind = ? ORDER BY id LIMIT 1",
        (dossier_id, component, ComponentKind.RESULT.value),
    ).fetchone()
    return found["file_name"] if found else None


def open_intake(conn: sqlite3.Connection, dossier_code: str, components: Sequence[str]) -> None:
    """Let the finished dossier take pages for these result components (replacing the list)."""
    row = conn.execute("SELECT id, state FROM dossier WHERE code = ?", (dossier_code,)).fetchone()
    if row is None:
        raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=dossier_code)
    if row["state"] == DossierState.OPEN.value:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier_code)
    conn.execute(
        "UPDATE dossier SET result_intake = ? WHERE id = ?",
        (json.dumps(list(components)), row["id"]),
    )


def editable_result_page(conn: sqlite3.Connection, page_id: str, component: object) -> bool:
    """Whether a page of a finished dossier may still change: a result page not filed yet,
    whose new component (when `component` is a str or None) is one the intake takes."""
    row = conn.execute(
        "SELECT page.result, page.addendum_id, dossier.id AS dossier_id, dossier.code,"
        " dossier.result_intake FROM page JOIN dossier ON dossier.id = page.dossier_id"
        " WHERE page.id = ?",
        (page_id,),
    ).fetchone()
    if row is None or not row["result"] or row["addendum_id"] is not None:
        return False
    if component is None or isinstance(component, str):
        intake = json.loads(row["result_intake"])
        check_result_component(conn, row["dossier_id"], row["code"], intake, component)
    return True


def record_result(
    conn: sqlite3.Connection,
    dossier_code: str,
    files: Sequence[DossierFile],
    page_ids: Sequence[str],
    finished_at: datetime,
) -> None:
    """The result files recorded, their pages filed under the addendum and the components
    taken out of the intake, in the caller's transaction."""
    row = conn.execute(
        "SELECT id, state, result_intake FROM dossier WHERE code = ?", (dossier_code,)
    ).fetchone()
    if row is None:
        raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=dossier_code)
    if row["state"] == DossierState.OPEN.value:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier_code)
    for f in files:  # re-checked under the write lock: another finish may have won
        filed = result_file_name(conn, row["id"], f.component_code)
        if filed is not None:
            raise StationError(
                ErrorCode.RESULT_ALREADY_FINISHED,
                code=dossier_code,
                component=f.component_code,
                file=filed,
            )
    insert_files(conn, row["id"], files)
    addendum = files[0].addendum_id if files else ""
    conn.executemany(
        "UPDATE page SET addendum_id = ?, updated_at = ? WHERE id = ? AND dossier_id = ?",
        [(addendum, rows.to_text(finished_at), page_id, row["id"]) for page_id in page_ids],
    )
    done = {f.component_code for f in files}
    intake = [c for c in json.loads(row["result_intake"]) if c not in done]
    conn.execute(
        "UPDATE dossier SET result_finished_at = ?, result_intake = ?, updated_at = ? WHERE id = ?",
        (rows.to_text(finished_at), json.dumps(intake), rows.to_text(finished_at), row["id"]),
    )


def result_candidates(conn: sqlite3.Connection) -> list[ResultCandidate]:
    """Every dossier finished at reception (or sent) with a procedure, oldest receipt first."""
    found = conn.execute(
        "SELECT d.code, d.procedure_code, d.received_at, d.finished_at,"
        " (SELECT group_concat(f.component_code, char(31)) FROM dossier_file f"
        "  WHERE f.dossier_id = d.id) AS components,"
        " (SELECT group_concat(e.component_code, char(31)) FROM result_elsewhere e"
        "  WHERE e.dossier_code = d.code) AS elsewhere"
        " FROM dossier d WHERE d.procedure_code != '' AND d.state != ?"
        " AND NOT EXISTS (SELECT 1 FROM handover h WHERE h.dossier_id = d.id) ORDER BY d.id",
        (DossierState.OPEN.value,),
    ).fetchall()
    candidates = [
        ResultCandidate(
            row["code"],
            row["procedure_code"],
            _aware(rows.to_datetime(row["received_at"])),
            rows.to_optional_datetime(row["finished_at"]),
            _split(row["components"]),
            _split(row["elsewhere"]),
        )
        for row in found
    ]
    # Receipt times may carry any offset, so they are ordered as times, not as text.
    return sorted(candidates, key=lambda c: c.received_at)


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split("\x1f")) if joined else ()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
