"""The component PDFs a finished dossier produced, as recorded next to the dossier."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from station.errors import ErrorCode, StationError
from station.model import ComponentKind, DossierState, FileOrigin
from station.store import rows


@dataclass(frozen=True)
class DossierFile:
    dossier_code: str
    component_code: str
    file_name: str
    path: str  # relative to the data directory
    pages: int
    bytes: int
    sha256: str
    created_at: datetime
    kind: ComponentKind = ComponentKind.SUBMITTED  # which finish made it: reception or result
    addendum_id: str = ""  # the result finish it belongs to; "" for reception files
    origin: FileOrigin = FileOrigin.SCANNED


def mark_finished(
    conn: sqlite3.Connection,
    dossier_code: str,
    files: Sequence[DossierFile],
    finished_at: datetime,
    override_reason: str,
) -> None:
    row = conn.execute("SELECT id, state FROM dossier WHERE code = ?", (dossier_code,)).fetchone()
    if row is None:
        raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=dossier_code)
    if row["state"] != DossierState.OPEN.value:
        raise StationError(ErrorCode.DOSSIER_FINISHED, code=dossier_code)
    insert_files(conn, row["id"], files)
    conn.execute(
        "UPDATE dossier SET state = ?, finished_at = ?, override_reason = ?, updated_at = ?"
        " WHERE id = ?",
        (
            DossierState.FINISHED.value,
            rows.to_text(finished_at),
            override_reason,
            rows.to_text(finished_at),
            row["id"],
        ),
    )


def insert_files(conn: sqlite3.Connection, dossier_id: int, files: Sequence[DossierFile]) -> None:
    conn.executemany(
        "INSERT INTO dossier_file (dossier_id, component_code, file_name, path, pages, bytes,"
        " sha256, created_at, kind, addendum_id, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                dossier_id,
                f.component_code,
                f.file_name,
                f.path,
                f.pages,
                f.bytes,
                f.sha256,
                rows.to_text(f.created_at),
                f.kind.value,
                f.addendum_id,
                f.origin.value,
            )
            for f in files
        ],
    )


def files_of(conn: sqlite3.Connection, dossier_code: str) -> list[DossierFile]:
    found = conn.execute(
        "SELECT dossier_file.*, dossier.code AS dossier_code FROM dossier_file"
        " JOIN dossier ON dossier.id = dossier_file.dossier_id"
        " WHERE dossier.code = ? ORDER BY dossier_file.id",
        (dossier_code,),
    ).fetchall()
    return [
        DossierFile(
            dossier_code=row["dossier_code"],
            component_code=row["component_code"],
            file_name=row["file_name"],
            path=row["path"],
            pages=row["pages"],
            bytes=row["bytes"],
            sha256=row["sha256"],
            created_at=rows.to_datetime(row["created_at"]),
            kind=ComponentKind(row["kind"]),
            addendum_id=row["addendum_id"],
            origin=FileOrigin(row["origin"]),
        )
        for row in found
    ]
