"""The province's catalog versions on the hub: each one signed once and never changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hub import clock
from hub.db import Database


class VersionExists(Exception):
    """A published version is immutable: the name cannot be given to other content."""


@dataclass(frozen=True)
class StoredVersion:
    version: str
    seq: int
    digest: str
    key_id: str
    procedures: int
    imported_at: str


def publish(db: Database, document: dict[str, Any], digest: str) -> StoredVersion:
    """Keep a signed document as the newest version."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    version, key_id = str(document["version"]), str(document["signature"]["key_id"])
    with db.transaction(write=True) as session:
        if session.one("SELECT 1 FROM catalog_versions WHERE version = ?", (version,)):
            raise VersionExists(version)
        row = session.one("SELECT MAX(seq) AS seq FROM catalog_versions")
        seq = int(row["seq"] or 0) + 1 if row else 1
        at = clock.now_text()
        session.execute(
            "INSERT INTO catalog_versions (version, seq, digest, key_id, procedures,"
            " document_json, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (version, seq, digest, key_id, len(document["procedures"]), text, at),
        )
    return StoredVersion(version, seq, digest, key_id, len(document["procedures"]), at)


def document_text(db: Database, version: str | None = None) -> str | None:
    """The signed document as stored (the newest without `version`); None if there is none."""
    with db.transaction() as session:
        if version is None:
            row = session.one(
                "SELECT document_json FROM catalog_versions ORDER BY seq DESC LIMIT 1"
            )
        else:
            row = session.one(
                "SELECT document_json FROM catalog_versions WHERE version = ?", (version,)
            )
    return None if row is None else str(row["document_json"])


def versions(db: Database) -> list[StoredVersion]:
    """Every version, newest first."""
    with db.transaction() as session:
        rows = session.query(
            "SELECT version, seq, digest, key_id, procedures, imported_at FROM catalog_versions"
            " ORDER BY seq DESC"
        )
    return [StoredVersion(**row) for row in rows]
