"""The upload queue's tables, which sync keeps in the station's database as its own schema.

Open them with `Database.open(path, [SYNC_SCHEMA])`, or `database.require(SYNC_SCHEMA)` on a
database the store opened.
"""

from __future__ import annotations

from station.store.migrations import Migration, Schema

SYNC_SCHEMA = Schema(
    "sync",
    (
        Migration(
            1,
            # IF NOT EXISTS: databases made before sync had its own schema already have it.
            """
            CREATE TABLE IF NOT EXISTS sync_job (
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
            CREATE INDEX IF NOT EXISTS sync_job_due ON sync_job(state, next_attempt_at);
            CREATE INDEX IF NOT EXISTS sync_job_dossier ON sync_job(dossier_code, kind);
            """,
        ),
        Migration(
            2,
            # Upload events used to be written after the queue's own commit, and a crash in
            # between (or a worker older than events) left a row without its event. From now on
            # both commit together; this adds, once, the events such rows call for, with the
            # row's own time: a confirmation for a done manifest, a failure for a last error.
            """
            INSERT INTO event (kind, at, station_id, clerk_id, dossier_code, reason)
            SELECT kind, at, station_id, clerk_id, dossier_code, reason FROM (
                SELECT 'upload_confirmed' AS kind, j.done_at AS at, j.id AS job,
                    coalesce(nullif(d.station_id, ''), (SELECT id FROM station LIMIT 1), '')
                        AS station_id,
                    coalesce(d.clerk_id, '') AS clerk_id, j.dossier_code, '' AS reason
                FROM sync_job j LEFT JOIN dossier d ON d.code = j.dossier_code
                WHERE j.kind = 'manifest' AND j.state = 'done' AND j.done_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM event r WHERE r.kind = 'upload_confirmed'
                    AND r.dossier_code = j.dossier_code AND r.at = j.done_at)
                UNION ALL
                SELECT 'upload_failed', j.last_error_at, j.id,
                    coalesce(nullif(d.station_id, ''), (SELECT id FROM station LIMIT 1), ''),
                    coalesce(d.clerk_id, ''), j.dossier_code,
                    CASE WHEN j.state = 'failed' THEN 'parked:' ELSE '' END
                        || coalesce(j.error_code, '')
                FROM sync_job j LEFT JOIN dossier d ON d.code = j.dossier_code
                WHERE j.last_error_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM event r WHERE r.kind = 'upload_failed'
                    AND r.dossier_code = j.dossier_code AND r.at = j.last_error_at)
            ) ORDER BY at, job;
            """,
        ),
    ),
)
