"""Tables of the hub, in SQL that SQLite and PostgreSQL both accept.

Every statement runs at each start and must stay idempotent, so a migration only adds tables
and indexes (never an ALTER): hubs of either version can share one database during an upgrade.
`hub_schema` lists the versions whose tables a database has.
"""

from __future__ import annotations

# Times are UTC ISO-8601 text in one fixed format (see clock.py), so they sort as strings.
_VERSION_1 = (
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

# Version 2 (issue 7): what stations report for the supervisor's figures, and their units.
_VERSION_2 = (
    """CREATE TABLE IF NOT EXISTS hub_schema (
        version INTEGER PRIMARY KEY
    )""",
    # The unit (đơn vị, the agency a station works for): registered here, or else reported.
    """CREATE TABLE IF NOT EXISTS station_profiles (
        station_id TEXT PRIMARY KEY,
        unit_code TEXT NOT NULL DEFAULT '',
        unit_name TEXT NOT NULL DEFAULT '',
        store_id TEXT,
        reported_name TEXT,
        agency_code TEXT,
        queue_json TEXT,
        facts_reported_at TEXT,
        facts_received_at TEXT
    )""",
    # One row per station event; store_id is the station's own database, so a reinstalled PC
    # (ids from 1 again) under the same credentials never collides with what it sent before.
    """CREATE TABLE IF NOT EXISTS station_events (
        station_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        event_id BIGINT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        page_id TEXT NOT NULL,
        paper_size TEXT NOT NULL,
        pages INTEGER NOT NULL,
        reason TEXT NOT NULL,
        first_page_at TEXT,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (station_id, store_id, event_id)
    )""",
    "CREATE INDEX IF NOT EXISTS station_events_by_time ON station_events (at)",
    """CREATE TABLE IF NOT EXISTS received_dossiers (
        station_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        month TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        procedure_code TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        digitized INTEGER NOT NULL,
        result_required INTEGER NOT NULL,
        has_electronic_result INTEGER NOT NULL,
        PRIMARY KEY (station_id, store_id, dossier_code)
    )""",
    "CREATE INDEX IF NOT EXISTS received_dossiers_by_time ON received_dossiers (received_at)",
    """CREATE TABLE IF NOT EXISTS received_months (
        station_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        month TEXT NOT NULL,
        digest TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (station_id, store_id, month)
    )""",
    "INSERT INTO hub_schema (version) VALUES (1), (2) ON CONFLICT (version) DO NOTHING",
)

# Version 3: people's accounts and their tokens, who read what, stations switched off, and
# refused commits (to slow down a station that keeps sending the same bad dossier).
_VERSION_3 = (
    """CREATE TABLE IF NOT EXISTS hub_accounts (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        unit_code TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS account_tokens (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        expires_at BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS access_log (
        entry_id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        station_id TEXT NOT NULL,
        target TEXT NOT NULL,
        address TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS access_log_by_time ON access_log (at)",
    """CREATE TABLE IF NOT EXISTS station_states (
        station_id TEXT PRIMARY KEY,
        disabled INTEGER NOT NULL DEFAULT 0,
        changed_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS commit_rejections (
        rejection_id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        manifest_id TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        error TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS commit_rejections_by_station ON commit_rejections (station_id, at)",
    "CREATE INDEX IF NOT EXISTS tokens_by_client ON tokens (client_id)",
    "INSERT INTO hub_schema (version) VALUES (3) ON CONFLICT (version) DO NOTHING",
)
# Result addenda: what a station scanned when it handed the result back, kept beside the
# dossier's own manifest.
_VERSION_4 = (
    """CREATE TABLE IF NOT EXISTS results (
        station_id TEXT NOT NULL,
        addendum_id TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        body_json TEXT NOT NULL,
        answer_json TEXT NOT NULL,
        committed_at TEXT NOT NULL,
        PRIMARY KEY (station_id, addendum_id)
    )""",
    "CREATE INDEX IF NOT EXISTS results_by_dossier ON results (station_id, dossier_code)",
    "INSERT INTO hub_schema (version) VALUES (4) ON CONFLICT (version) DO NOTHING",
)

# The province's procedure catalog: each version signed by the hub's key when it is imported
# and never changed after (the stations keep the old ones for the dossiers opened under them).
_VERSION_5 = (
    """CREATE TABLE IF NOT EXISTS catalog_versions (
        version TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        digest TEXT NOT NULL,
        key_id TEXT NOT NULL,
        procedures INTEGER NOT NULL,
        document_json TEXT NOT NULL,
        imported_at TEXT NOT NULL
    )""",
    "INSERT INTO hub_schema (version) VALUES (5) ON CONFLICT (version) DO NOTHING",
)

# Hourly rollups of station events (hub/rollup.py), so a province's month is summed over hours
# rather than read event by event; and the rare kinds the figures still read one by one.
# db.py fills them from the events already stored when it records this version.
ROLLUP_VERSION = 6
# The rare kinds the figures still read event by event, each with a small index of its own
# that holds every column read (the queries repeat these conditions word for word).
_REMOVALS_6 = "kind IN ('page_deleted', 'page_restored', 'page_rescanned')"
# Version 10 adds the blank back sides a station skipped (they are neither stored pages nor a
# clerk's deletes) and the paper size, which a skip takes off the paper counts.
REMOVALS = "kind IN ('page_deleted', 'page_restored', 'page_rescanned', 'blank_back_skipped')"
FAILED = "kind = 'upload_failed'"
_VERSION_6 = (
    """CREATE TABLE IF NOT EXISTS event_hours (
        station_id TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        hour BIGINT NOT NULL,
        events BIGINT NOT NULL,
        pages_stored BIGINT NOT NULL,
        dossiers_opened BIGINT NOT NULL,
        dossiers_finished BIGINT NOT NULL,
        finished_with_override BIGINT NOT NULL,
        finished_pages BIGINT NOT NULL,
        counter_events BIGINT NOT NULL,
        uploads_confirmed BIGINT NOT NULL,
        PRIMARY KEY (station_id, clerk_id, hour)
    )""",
    "CREATE INDEX IF NOT EXISTS event_hours_by_hour ON event_hours (hour)",
    # the same counts per station and hour, all clerks together: what the province sums
    """CREATE TABLE IF NOT EXISTS station_hours (
        station_id TEXT NOT NULL,
        hour BIGINT NOT NULL,
        events BIGINT NOT NULL,
        pages_stored BIGINT NOT NULL,
        dossiers_opened BIGINT NOT NULL,
        dossiers_finished BIGINT NOT NULL,
        finished_with_override BIGINT NOT NULL,
        finished_pages BIGINT NOT NULL,
        counter_events BIGINT NOT NULL,
        uploads_confirmed BIGINT NOT NULL,
        PRIMARY KEY (station_id, hour)
    )""",
    "CREATE INDEX IF NOT EXISTS station_hours_by_hour ON station_hours (hour)",
    """CREATE TABLE IF NOT EXISTS paper_hours (
        station_id TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        hour BIGINT NOT NULL,
        paper_size TEXT NOT NULL,
        pages BIGINT NOT NULL,
        PRIMARY KEY (station_id, clerk_id, hour, paper_size)
    )""",
    "CREATE INDEX IF NOT EXISTS paper_hours_by_hour ON paper_hours (hour)",
    """CREATE TABLE IF NOT EXISTS upload_waits (
        station_id TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        hour BIGINT NOT NULL,
        wait_seconds DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS upload_waits_by_hour ON upload_waits (hour)",
    "CREATE INDEX IF NOT EXISTS station_events_removals ON station_events"
    f" (at, event_id, station_id, store_id, clerk_id, page_id, kind) WHERE {_REMOVALS_6}",
    "CREATE INDEX IF NOT EXISTS station_events_failures ON station_events"
    f" (at, station_id, clerk_id, reason) WHERE {FAILED}",
)

# Metrics snapshots are pruned per station at each report (stations.record_metrics).
_VERSION_7 = (
    "CREATE INDEX IF NOT EXISTS metrics_by_station ON metrics (station_id, received_at)",
    "INSERT INTO hub_schema (version) VALUES (7) ON CONFLICT (version) DO NOTHING",
)

# Version 8: whether the station had finished a received dossier (NULL from a station that does
# not say), so the hub counts the results awaiting scan as each station does (hub/awaiting.py).
# An ALTER cannot run twice: db.py runs ONCE[version] only while the version is not recorded.
AWAITING_VERSION = 8
_VERSION_8 = (
    "CREATE INDEX IF NOT EXISTS received_awaiting ON received_dossiers"
    " (station_id, store_id, clerk_id, received_at)"
    " WHERE finished = 1 AND result_required = 1 AND has_electronic_result = 0",
    "CREATE INDEX IF NOT EXISTS received_unsaid ON received_dossiers (station_id, store_id)"
    " WHERE finished IS NULL",
    "INSERT INTO hub_schema (version) VALUES (8) ON CONFLICT (version) DO NOTHING",
)
# Version 9: a result handed over at another station of the dossier's unit (a separate result
# desk): the station that received the dossier, whose figures count the result (hub/handover.py).
_VERSION_9 = (
    """CREATE TABLE IF NOT EXISTS result_handovers (
        station_id TEXT NOT NULL,
        addendum_id TEXT NOT NULL,
        dossier_station_id TEXT NOT NULL,
        dossier_code TEXT NOT NULL,
        PRIMARY KEY (station_id, addendum_id)
    )""",
    "CREATE INDEX IF NOT EXISTS result_handovers_by_dossier ON result_handovers"
    " (dossier_station_id, dossier_code)",
    "INSERT INTO hub_schema (version) VALUES (9) ON CONFLICT (version) DO NOTHING",
)
_VERSION_10 = (
    "DROP INDEX IF EXISTS station_events_removals",
    "CREATE INDEX IF NOT EXISTS station_events_removals_10 ON station_events"
    f" (at, event_id, station_id, store_id, clerk_id, page_id, kind, paper_size) WHERE {REMOVALS}",
    "INSERT INTO hub_schema (version) VALUES (10) ON CONFLICT (version) DO NOTHING",
)
ONCE: dict[int, tuple[str, ...]] = {
    AWAITING_VERSION: ("ALTER TABLE received_dossiers ADD COLUMN finished INTEGER",),
}

# (version, its statements), oldest first; db.py runs them all at every start.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, _VERSION_1),
    (2, _VERSION_2),
    (3, _VERSION_3),
    (4, _VERSION_4),
    (5, _VERSION_5),
    (ROLLUP_VERSION, _VERSION_6),
    (7, _VERSION_7),
    (AWAITING_VERSION, _VERSION_8),
    (9, _VERSION_9),
    (10, _VERSION_10),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
SCHEMA = tuple(statement for _, statements in MIGRATIONS for statement in statements)
