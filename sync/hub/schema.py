"""Tables of the hub, in SQL that SQLite and PostgreSQL both accept."""

from __future__ import annotations

# Times are UTC ISO-8601 text in one fixed format (see clock.py), so they sort as strings.
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS stations (
        client_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT,
        reported_at TEXT,
        version TEXT,
        queue_json TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS tokens (
        token_hash TEXT PRIMARY KEY,
        client_id TEXT NOT NULL,
        expires_at BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS uploads (
        upload_id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        file_name TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        declared_sha256 TEXT NOT NULL,
        length BIGINT NOT NULL,
        upload_offset BIGINT NOT NULL,
        state TEXT NOT NULL,
        sha256 TEXT,
        created_at TEXT NOT NULL,
        completed_at TEXT,
        UNIQUE (station_id, idempotency_key)
    )""",
    """CREATE TABLE IF NOT EXISTS manifests (
        station_id TEXT NOT NULL,
        manifest_id TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        body_json TEXT NOT NULL,
        answer_json TEXT NOT NULL,
        committed_at TEXT NOT NULL,
        PRIMARY KEY (station_id, manifest_id)
    )""",
    """CREATE TABLE IF NOT EXISTS dossiers (
        station_id TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        manifest_id TEXT NOT NULL,
        files_count INTEGER NOT NULL,
        committed_at TEXT NOT NULL,
        PRIMARY KEY (station_id, dossier_code)
    )""",
    "CREATE INDEX IF NOT EXISTS dossiers_by_time ON dossiers (committed_at)",
    """CREATE TABLE IF NOT EXISTS metrics (
        metric_id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        snapshot_json TEXT NOT NULL
    )""",
)
