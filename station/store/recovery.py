"""Start-up recovery: sweep what a killed writer left behind and flag pages whose file is bad."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from station.model import DossierState, PageIntegrity
from station.store.files import remove_quietly, session_of_temp, sha256_file
from station.store.layout import Layout
from station.store.sessions import Session, scan_sessions


@dataclass
class RecoveryReport:
    removed_temp_files: list[str] = field(default_factory=list)
    quarantined_files: list[str] = field(default_factory=list)
    flagged_pages: dict[str, PageIntegrity] = field(default_factory=dict)
    cleared_pages: list[str] = field(default_factory=list)
    dead_sessions: list[str] = field(default_factory=list)  # writers killed before they closed


@dataclass(frozen=True)
class FileRecord:
    page_id: str
    path: str
    sha256: str
    size: int
    integrity: str
    dossier_open: bool


def recover(layout: Layout, conn: sqlite3.Connection, session: Session) -> RecoveryReport:
    report = RecoveryReport()
    sessions = scan_sessions(layout.sessions, session)
    records = page_file_records(conn)
    known = {record.path for record in records}
    alone = sessions.live == {session.id}
    report.dead_sessions = sorted(sessions.dead)
    for path in _walk_files(layout.pages):
        writer = session_of_temp(path)
        if writer is not None:
            if writer not in sessions.live:
                remove_quietly(path)
                report.removed_temp_files.append(layout.relative(path))
        elif alone and layout.relative(path) not in known:
            # A file renamed into place whose row never committed: never acknowledged, keep aside.
            report.quarantined_files.append(_quarantine(layout, path))
    for finished in (layout.finished_files, layout.legacy_finished_files):
        report.removed_temp_files += _sweep_temp_files(layout, finished, sessions.live)
    flagged, cleared = verify_pages(layout, conn, records, full_hash_all=False)
    report.flagged_pages, report.cleared_pages = flagged, cleared
    return report


def _sweep_temp_files(layout: Layout, root: Path, live: frozenset[str]) -> list[str]:
    """Staged files whose writer died before publishing them (a finish cut short)."""
    removed = []
    for path in _walk_files(root):
        writer = session_of_temp(path)
        if writer is not None and writer not in live:
            remove_quietly(path)
            removed.append(layout.relative(path))
    return removed


def page_file_records(conn: sqlite3.Connection) -> list[FileRecord]:
    rows = conn.execute(
        "SELECT page.id, page.original_path, page.original_sha256, page.original_size,"
        " page.processed_path, page.processed_sha256, page.processed_size, page.integrity,"
        " dossier.state FROM page JOIN dossier ON dossier.id = page.dossier_id"
    ).fetchall()
    records = []
    for row in rows:
        is_open = row["state"] == DossierState.OPEN.value
        records.append(
            FileRecord(
                row["id"],
                row["original_path"],
                row["original_sha256"],
                row["original_size"],
                row["integrity"],
                is_open,
            )
        )
        if row["processed_path"]:
            records.append(
                FileRecord(
                    row["id"],
                    row["processed_path"],
                    row["processed_sha256"],
                    row["processed_size"],
                    row["integrity"],
                    is_open,
                )
            )
    return records


def verify_file(layout: Layout, record: FileRecord, full_hash: bool) -> PageIntegrity:
    path = layout.absolute(record.path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return PageIntegrity.MISSING
    if size != record.size:
        return PageIntegrity.CORRUPT
    if full_hash and sha256_file(path) != record.sha256:
        return PageIntegrity.CORRUPT
    return PageIntegrity.OK


def verify_pages(
    layout: Layout, conn: sqlite3.Connection, records: list[FileRecord], full_hash_all: bool
) -> tuple[dict[str, PageIntegrity], list[str]]:
    """Set each page's integrity to the worst state of its files; return (flagged, cleared)."""
    worst: dict[str, PageIntegrity] = {}
    stored: dict[str, str] = {}
    for record in records:
        # Start-up hashes only open dossiers' files in full; `sohoa check` hashes everything.
        state = verify_file(layout, record, full_hash=full_hash_all or record.dossier_open)
        if worst.get(record.page_id, PageIntegrity.OK) is PageIntegrity.OK:
            worst[record.page_id] = state
        stored[record.page_id] = record.integrity
    changed = [(s.value, pid) for pid, s in worst.items() if s.value != stored[pid]]
    if changed:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("UPDATE page SET integrity = ? WHERE id = ?", changed)
        conn.execute("COMMIT")
    flagged: dict[str, PageIntegrity] = {
        pid: s for pid, s in worst.items() if s is not PageIntegrity.OK
    }
    cleared = [pid for value, pid in changed if value == PageIntegrity.OK.value]
    return flagged, cleared


def _walk_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, _dirs, files in os.walk(root):
        found.extend(Path(directory) / name for name in files)
    return found


def _quarantine(layout: Layout, path: Path) -> str:
    relative = layout.relative(path)
    target = layout.lost_and_found / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, target)
    return relative
