"""Versioned, forward-only schema migrations, in named sets.

The core set ("station": stations, dossiers, pages, events, accounts, settings) is versioned by
SQLite's user_version, as it always was. A package that keeps its own tables in the station's
database (the upload queue) hands its own `Schema` to the database; its version is a row of the
`schema_version` table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    script: str


@dataclass(frozen=True)
class Schema:
    name: str
    migrations: tuple[Migration, ...]

    @property
    def latest(self) -> int:
        return latest_version(self.migrations)


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
    # The upload queue's table was created here; it is now sync's own schema (sync/tables.py),
    # which creates it where it is missing and leaves an existing one as it is.
    Migration(3, ""),
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
    Migration(
        6,
        # The station's identity is set by a person (settings dialog, `sohoa station set`);
        # until then the row holds the host name. NULL: never set, so an identity the window
        # kept in its own settings file may still be taken over.
        """
        ALTER TABLE station ADD COLUMN identity_updated_at TEXT;
        """,
    ),
    Migration(
        7,
        # Where a page's dpi came from: a scanner ('device'), the file ('file'), or a guess from
        # the picture ('inferred', 'assumed'); file_dpi keeps a claim that was not believed.
        """
        ALTER TABLE page ADD COLUMN dpi_source TEXT NOT NULL DEFAULT 'device';
        ALTER TABLE page ADD COLUMN file_dpi INTEGER;
        """,
    ),
    Migration(
        8,
        # The cases (trường hợp) the clerk chose for the dossier: a JSON list of case codes.
        """
        ALTER TABLE dossier ADD COLUMN cases TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    Migration(
        9,
        # The result (kết quả), digitized days after reception into the finished dossier.
        # result_intake: the result components the dossier takes pages for now (JSON list),
        # opened by the clerk handing the result over; a page.result is one added after
        # finishing, and its addendum_id names the result finish that filed it. A file's kind
        # says which finish made it; origin 'electronic' is an agency-issued PDF kept as it came.
        """
        ALTER TABLE dossier ADD COLUMN result_finished_at TEXT;
        ALTER TABLE dossier ADD COLUMN result_intake TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE page ADD COLUMN result INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE page ADD COLUMN addendum_id TEXT;
        ALTER TABLE dossier_file ADD COLUMN kind TEXT NOT NULL DEFAULT 'submitted';
        ALTER TABLE dossier_file ADD COLUMN addendum_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE dossier_file ADD COLUMN origin TEXT NOT NULL DEFAULT 'scanned';
        """,
    ),
    Migration(
        10,
        # The province's catalog version the dossier was opened under (its checklist and
        # checks follow it); '' is the station's built-in catalog.
        """
        ALTER TABLE dossier ADD COLUMN catalog_version TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        11,
        # What reading a page found (station/ocr): its words and boxes, and the original and
        # transforms they were read on, so a page turned or cropped afterwards is read again.
        """
        CREATE TABLE page_text (
            page_id TEXT PRIMARY KEY REFERENCES page(id),
            basis TEXT NOT NULL,
            words TEXT NOT NULL,
            read_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        12,
        # The clerk signed in at the station when the page was stored ('' before sign-in
        # existed, or from the command line, where the dossier's clerk stands for it).
        """
        ALTER TABLE page ADD COLUMN clerk_id TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        13,
        # The codes found on a page and where (corners in original pixels). The text is kept
        # only for dossier codes and separators: a CCCD's QR is personal data.
        """
        CREATE TABLE page_code (
            page_id TEXT NOT NULL REFERENCES page(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            format TEXT NOT NULL,
            kind TEXT NOT NULL,
            position TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (page_id, n)
        );
        """,
    ),
    Migration(
        14,
        # A sheet scanned in parts: each part stays stored, out of the dossier's pages, with
        # part_of naming the one page stitched from them (so it can be re-stitched or undone).
        """
        ALTER TABLE page ADD COLUMN part_of TEXT;
        CREATE INDEX page_part_of ON page(part_of);
        """,
    ),
    Migration(
        15,
        # A dossier received at another station of the unit, taken here only to hand its
        # result over (station/store/handover.py): which station received it, how many files
        # the hub held of it and which result components were digitized when it was looked up.
        # Not a dossier this station received: its figures and its results awaiting leave it out.
        """
        CREATE TABLE handover (
            dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id),
            receiving_station TEXT NOT NULL,
            files_before INTEGER NOT NULL,
            results_before TEXT NOT NULL DEFAULT '[]',
            looked_up_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        16,
        # Which side of the sheet a scan took the page from ('front', 'back'; '' for an
        # import), so a blank back analysed after a restart is still skipped; and the
        # writer session that stored it, so start-up can say how many pages a killed writer left.
        """
        ALTER TABLE page ADD COLUMN side TEXT NOT NULL DEFAULT '';
        ALTER TABLE page ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        17,
        # A result of a dossier received here, committed at another desk of the unit, as the
        # hub tells it (station/store/results_elsewhere.py): the dossier leaves the results
        # awaiting scan and counts under 4.1/4.2 as on the hub. By code, without a reference
        # to dossier: the hub names every dossier of this station, also an older store's.
        """
        CREATE TABLE result_elsewhere (
            dossier_code TEXT NOT NULL,
            component_code TEXT NOT NULL,
            committed_at TEXT NOT NULL,
            learned_at TEXT NOT NULL,
            PRIMARY KEY (dossier_code, component_code)
        );
        CREATE INDEX result_elsewhere_committed ON result_elsewhere(committed_at);
        """,
    ),
)

CORE = Schema("station", MIGRATIONS)


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return migrations[-1].version if migrations else 0


def schema_version(conn: sqlite3.Connection, schema: Schema) -> int:
    if schema.name == CORE.name:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    if not _has_versions(conn):
        return 0
    found = conn.execute(
        "SELECT version FROM schema_version WHERE name = ?", (schema.name,)
    ).fetchone()
    return found[0] if found else 0


def migrate(conn: sqlite3.Connection, migrations: Schema | Sequence[Migration] = CORE) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction (a bare
    list of migrations is the core set's)."""
    schema = migrations if isinstance(migrations, Schema) else Schema(CORE.name, tuple(migrations))
    current = schema_version(conn, schema)
    applied: list[int] = []
    for migration in schema.migrations:
        if migration.version <= current:
            continue
        # executescript would commit on its own; run statements inside one explicit transaction.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn, schema) >= migration.version:
                conn.execute("COMMIT")  # another process opening the file applied it meanwhile
                continue
            for statement in _statements(migration.script):
                conn.execute(statement)
            _set_version(conn, schema.name, migration.version)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def _has_versions(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    return found is not None


def _set_version(conn: sqlite3.Connection, name: str, version: int) -> None:
    if name == CORE.name:
        conn.execute(f"PRAGMA user_version = {int(version)}")
        return
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version"
        " (name TEXT PRIMARY KEY, version INTEGER NOT NULL)"
    )
    conn.execute(
        "INSERT INTO schema_version (name, version) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET version = excluded.version",
        (name, version),
    )


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for part in script.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                statements.append(buffer.strip())
            buffer = ""
    return statements
