"""Committing a manifest: check every file, publish the dossier directory, record it once."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

from hub import clock
from hub.config import HubConfig
from hub.db import Database, Session
from hub.manifest import Manifest
from hub.signatures import signature_problems
from hub.storage import (
    dossier_dir_name,
    fsync_dir,
    link_or_copy,
    remove_tree,
    write_bytes_durably,
)
from hub.uploads import Upload, UploadState, find_by_key


@dataclass(frozen=True)
class CommitResult:
    status: int
    body: dict[str, Any] = field(default_factory=dict)


def _check_files(
    session: Session, station: str, manifest: Manifest
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Upload]]:
    missing, mismatched, found = [], [], []
    for component in manifest.components:
        upload = find_by_key(session, station, component.idempotency_key)
        entry = {"file_name": component.file_name, "idempotency_key": component.idempotency_key}
        if upload is None or upload.state == UploadState.RECEIVING:
            missing.append({**entry, "state": "unknown" if upload is None else upload.state})
        elif (
            upload.state == UploadState.CORRUPT
            or upload.sha256 != component.sha256.lower()
            or upload.length != component.size
        ):
            mismatched.append(
                {
                    **entry,
                    "declared_sha256": component.sha256.lower(),
                    "declared_size": component.size,
                    "sha256": upload.sha256,
                    "size": upload.length,
                    "state": upload.state,
                }
            )
        else:
            found.append(upload)
    return missing, mismatched, found


def _publish(
    config: HubConfig, station: str, manifest: Manifest, files: list[Upload], record: bytes
) -> None:
    """Builds the dossier beside its final place, then renames it in whole."""
    station_dir = config.dossiers_dir / station
    station_dir.mkdir(parents=True, exist_ok=True)
    staging = station_dir / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        for component, upload in zip(manifest.components, files, strict=True):
            source = config.upload_file(station, upload.upload_id)
            link_or_copy(source, staging / component.file_name)
        write_bytes_durably(staging / "manifest.json", record)
        fsync_dir(staging)
    except BaseException:
        remove_tree(staging)  # a half-built dossier is never left beside the real ones
        raise
    final = station_dir / dossier_dir_name(manifest.dossier_code)
    if final.exists():
        # A later manifest for the same dossier wins; the earlier copy is kept aside.
        replaced = station_dir / ".replaced"
        replaced.mkdir(exist_ok=True)
        os.rename(final, replaced / f"{final.name}.{uuid.uuid4().hex}")
    os.rename(staging, final)
    fsync_dir(station_dir)


def commit(db: Database, config: HubConfig, station: str, manifest: Manifest) -> CommitResult:
    with db.transaction(write=True) as session:
        prior = session.one(
            "SELECT answer_json FROM manifests WHERE station_id = ? AND manifest_id = ?",
            (station, manifest.manifest_id),
        )
        if prior is not None:
            return CommitResult(200, json.loads(prior["answer_json"]))
        missing, mismatched, files = _check_files(session, station, manifest)
        if missing:
            return CommitResult(409, {"error": "files_missing", "files": missing})
        if mismatched:
            return CommitResult(422, {"error": "sha256_mismatch", "files": mismatched})
        unsigned_or_broken = signature_problems(config, station, manifest, files)
        if unsigned_or_broken:
            return CommitResult(422, {"error": "signature_invalid", "files": unsigned_or_broken})
        committed_at = clock.now_text()
        body = manifest.to_dict()
        record = json.dumps({**body, "committed_at": committed_at}, ensure_ascii=False, indent=2)
        _publish(config, station, manifest, files, record.encode("utf-8"))
        answer = {
            "status": "committed",
            "dossier_code": manifest.dossier_code,
            "files": [
                {"file_name": c.file_name, "sha256": u.sha256, "size": u.length}
                for c, u in zip(manifest.components, files, strict=True)
            ],
        }
        session.execute(
            "INSERT INTO manifests (station_id, manifest_id, dossier_code, body_json,"
            " answer_json, committed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                station,
                manifest.manifest_id,
                manifest.dossier_code,
                json.dumps(body, ensure_ascii=False),
                json.dumps(answer, ensure_ascii=False),
                committed_at,
            ),
        )
        session.execute(
            "INSERT INTO dossiers (station_id, dossier_code, manifest_id, files_count,"
            " committed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id, dossier_code)"
            " DO UPDATE SET manifest_id = excluded.manifest_id,"
            " files_count = excluded.files_count, committed_at = excluded.committed_at",
            (station, manifest.dossier_code, manifest.manifest_id, len(files), committed_at),
        )
    return CommitResult(200, answer)


def list_dossiers(db: Database, station: str | None, since: str | None) -> list[dict[str, Any]]:
    sql = "SELECT station_id, dossier_code, manifest_id, files_count, committed_at FROM dossiers"
    clauses, params = [], []
    if station:
        clauses.append("station_id = ?")
        params.append(station)
    if since:
        clauses.append("committed_at >= ?")
        params.append(since)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    with db.transaction() as session:
        return session.query(sql + " ORDER BY committed_at, station_id, dossier_code", params)


def get_dossier(db: Database, code: str, station: str | None) -> dict[str, Any] | None:
    sql = (
        "SELECT d.station_id, d.committed_at, m.body_json FROM dossiers d JOIN manifests m"
        " ON m.station_id = d.station_id AND m.manifest_id = d.manifest_id"
        " WHERE d.dossier_code = ?"
    )
    params = [code]
    if station:
        sql += " AND d.station_id = ?"
        params.append(station)
    with db.transaction() as session:
        row = session.one(sql + " ORDER BY d.committed_at DESC LIMIT 1", params)
    if row is None:
        return None
    return {**json.loads(row["body_json"]), "committed_at": row["committed_at"]}


def received_files(db: Database, config: HubConfig, station: str | None) -> list[dict[str, Any]]:
    """One entry per file of every dossier's current manifest, as published on disk."""
    sql = (
        "SELECT d.station_id, d.dossier_code, d.committed_at, m.body_json FROM dossiers d"
        " JOIN manifests m ON m.station_id = d.station_id AND m.manifest_id = d.manifest_id"
    )
    params = [station] if station else []
    if station:
        sql += " WHERE d.station_id = ?"
    with db.transaction() as session:
        rows = session.query(sql + " ORDER BY d.committed_at, d.station_id, d.dossier_code", params)
        received = {
            (row["station_id"], row["idempotency_key"]): row
            for row in session.query(
                "SELECT station_id, idempotency_key, length, sha256, completed_at FROM uploads"
                " WHERE state = ?",
                (UploadState.COMPLETE.value,),
            )
        }
    files = []
    for row in rows:
        folder = config.dossiers_dir / row["station_id"] / dossier_dir_name(row["dossier_code"])
        for component in json.loads(row["body_json"])["components"]:
            upload = received.get((row["station_id"], component["idempotency_key"]), {})
            files.append(
                {
                    "station_id": row["station_id"],
                    "dossier_code": row["dossier_code"],
                    "component_code": component["component_code"],
                    "component_name": component["component_name"],
                    "file_name": component["file_name"],
                    "bytes": upload.get("length", component["size"]),
                    "sha256": upload.get("sha256", component["sha256"]),
                    "received_at": upload.get("completed_at"),
                    "committed_at": row["committed_at"],
                    "path": str(folder / component["file_name"]),
                }
            )
    return files
