"""The station database's migrations as shipped before sync kept its tables in a schema of its
own (user_version 5, the queue's table made by the core): old databases are built with them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    script: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        """
        CREATE TABLE station (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            agency_code TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT 'commune',
            province_code TEXT NOT NULL DEFAULT '',
            commune_code TEXT NOT NULL DEFAULT '',
            legacy_district_code TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE clerk (
            id TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'clerk'
        );
        CREATE TABLE dossier (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            procedure_code TEXT NOT NULL,
            applicant_name TEXT NOT NULL DEFAULT '',
            applicant_id_number TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'open',
            station_id TEXT NOT NULL DEFAULT '',
            clerk_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX dossier_state ON dossier(state);
        CREATE TABLE page (
            id TEXT PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossier(id),
            component_code TEXT,
            ord INTEGER NOT NULL,
            source_device TEXT NOT NULL DEFAULT '',
            dpi INTEGER NOT NULL,
            paper_size TEXT NOT NULL DEFAULT '',
            original_path TEXT NOT NULL,
            original_sha256 TEXT NOT NULL,
            original_size INTEGER NOT NULL,
            original_media_type TEXT NOT NULL,
            transforms TEXT NOT NULL DEFAULT '[]',
            processed_path TEXT,
            processed_sha256 TEXT,
            processed_size INTEGER,
            processed_media_type TEXT,
            integrity TEXT NOT NULL DEFAULT 'ok',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX page_dossier ON page(dossier_id, ord);
        CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    Migration(
        2,
        """
        ALTER TABLE page ADD COLUMN deleted_at TEXT;
        ALTER TABLE page ADD COLUMN annotated INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE page ADD COLUMN analysed_profile TEXT;
        ALTER TABLE dossier ADD COLUMN finished_at TEXT;
        ALTER TABLE dossier ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
        CREATE TABLE dossier_file (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossier(id),
            component_code TEXT NOT NULL,
            file_name TEXT NOT NULL,
            path TEXT NOT NULL,
            pages INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (dossier_id, file_name)
        );
        CREATE INDEX page_created ON page(created_at);
        """,
    ),
    Migration(
        3,
        """
        CREATE TABLE sync_job (
            id INTEGER PRIMARY KEY,
            dossier_code TEXT NOT NULL,
            kind TEXT NOT NULL,
            component_code TEXT NOT NULL DEFAULT '',
            file_name TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0,
            sha256 TEXT NOT NULL DEFAULT '',
            idempotency_key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'queued',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            upload_url TEXT,
            sent_bytes INTEGER NOT NULL DEFAULT 0,
            error_code TEXT,
            error_params TEXT,
            last_error_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            done_at TEXT,
            purged_at TEXT
        );
        CREATE INDEX sync_job_due ON sync_job(state, next_attempt_at);
        CREATE INDEX sync_job_dossier ON sync_job(dossier_code, kind);
        """,
    ),
    Migration(
        4,
        """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            station_id TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            dossier_code TEXT NOT NULL DEFAULT '',
            page_id TEXT NOT NULL DEFAULT '',
            paper_size TEXT NOT NULL DEFAULT '',
            pages INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX event_at ON event(at);
        CREATE INDEX event_kind_at ON event(kind, at);
        CREATE INDEX event_dossier ON event(dossier_code, kind);
        """,
    ),
    Migration(
        5,
        # Local accounts: the clerk table gains a password (scrypt, its parameters and salt
        # inside the text), a disabled mark and its own times.
        """
        ALTER TABLE clerk ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE clerk ADD COLUMN disabled_at TEXT;
        ALTER TABLE clerk ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE clerk ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
        """,
    ),
)


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return migrations[-1].version if migrations else 0


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    applied: list[int] = []
    for migration in migrations:
        if migration.version <= current:
            continue
        # executescript would commit on its own; run statements inside one explicit transaction.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(migration.script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for part in script.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                statements.append(buffer.strip())
            buffer = ""
    return statements
