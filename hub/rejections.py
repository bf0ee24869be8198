"""Refused commits (422), kept per station, so one that keeps sending a bad dossier is slowed."""

from __future__ import annotations

import uuid
from datetime import timedelta

from hub import clock
from hub.config import HubConfig
from hub.db import Database


def record(db: Database, station: str, manifest_id: str, dossier_code: str, error: str) -> None:
    a_day_ago = clock.to_text(clock.now() - timedelta(days=1))
    with db.transaction(write=True) as session:
        session.execute(
            "DELETE FROM commit_rejections WHERE station_id = ? AND at < ?", (station, a_day_ago)
        )
        session.execute(
            "INSERT INTO commit_rejections (rejection_id, station_id, manifest_id, dossier_code,"
            " error, at) VALUES (?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, station, manifest_id, dossier_code, error, clock.now_text()),
        )


def wait_seconds(db: Database, config: HubConfig, station: str) -> int:
    """0 when the station may commit now, else the seconds until its oldest recent refusal
    leaves the window."""
    now = clock.now()
    since = clock.to_text(now - timedelta(seconds=config.rejection_window))
    with db.transaction() as session:
        rows = session.query(
            "SELECT at FROM commit_rejections WHERE station_id = ? AND at >= ? ORDER BY at",
            (station, since),
        )
    if len(rows) < config.max_rejections:
        return 0
    oldest = clock.parse(rows[-config.max_rejections]["at"])
    left = config.rejection_window - (now - oldest).total_seconds()
    return max(1, int(left) + 1)
