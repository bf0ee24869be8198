"""Committing a manifest: check every file, publish the dossier directory, record it once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hub import clock, rejections, stations
from hub.access import scope_condition
from hub.check_slots import Busy
from hub.codes import unit_of_code
from hub.context import Hub
from hub.db import Database, Session
from hub.errors import ApiError
from hub.file_store import FileStore, LocalDiskFiles, Staged
from hub.manifest import Manifest
from hub.signature_check import signature_problems
from hub.storage import dossier_dir_name
from hub.uploads import Upload, UploadState, find_by_key


@dataclass(frozen=True)
class CommitResult:
    status: int
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


class DeclaredFile(Protocol):
    """What a manifest says of one file: a dossier's component or a result's file."""

    file_name: str
    idempotency_key: str
    sha256: str
    size: int


def check_files(
    session: Session, station: str, declared: Sequence[DeclaredFile]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Upload]]:
    """(missing, mismatched, found uploads in order) for the files a manifest names."""
    missing, mismatched, found = [], [], []
    for component in declared:
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


def dossier_folder(station: str, code: str) -> str:
    """The dossier's folder in the file store (hub/file_store.py)."""
    return f"{station}/{dossier_dir_name(code)}"


def _stage(hub: Hub, station: str, manifest: Manifest, files: list[Upload]) -> Staged:
    """Puts the dossier's files where no reader looks yet (no lock held: links or copies)."""
    sources = {
        component.file_name: hub.config.upload_file(station, upload.upload_id)
        for component, upload in zip(manifest.components, files, strict=True)
    }
    return hub.files.stage(dossier_folder(station, manifest.dossier_code), sources)


def _prior_answer(session: Session, station: str, manifest: Manifest) -> CommitResult | None:
    """The answer already given for this manifest id; 422 when the id now comes with another
    body (a manifest id names one manifest, for good)."""
    prior = session.one(
        "SELECT body_json, answer_json FROM manifests WHERE station_id = ? AND manifest_id = ?",
        (station, manifest.manifest_id),
    )
    if prior is None:
        return None
    # A manifest stored before these fields existed lacks them: the same as their defaults.
    before = {"catalog_version": "", "cases": [], "missing_required": []}
    stored = {**before, **json.loads(prior["body_json"])}
    if stored != manifest.to_dict():
        return CommitResult(422, {"error": "manifest_id_reused"})
    return CommitResult(200, json.loads(prior["answer_json"]))


def _code_conflict(units: dict[str, str], session: Session, station: str, code: str) -> str:
    """Why this station may not commit this code ("" when it may); `units` are the units
    registered on the hub.

    A code that starts with an agency code belongs to that unit: a station registered in
    another unit may not commit it, and within the unit one code is one station's dossier. A
    station without a registered unit takes only codes no other station holds, and never
    blocks the unit's own stations. A code without a unit is one per station within a unit.
    """
    own = units.get(station, "")
    code_unit = unit_of_code(code)
    if code_unit and own and code_unit != own:
        return "dossier_code_of_other_unit"
    holders = session.query(
        "SELECT station_id FROM dossiers WHERE dossier_code = ? AND station_id <> ?",
        (code, station),
    )
    for holder in (row["station_id"] for row in holders):
        if code_unit and (not own or units.get(holder) == own):
            return "dossier_code_taken"
        if not code_unit and own and units.get(holder) == own:
            return "dossier_code_taken"
    return ""


def _precheck(db: Database, station: str, manifest: Manifest) -> CommitResult | list[Upload]:
    """Everything short of the signatures, in one read transaction."""
    units = stations.registered_units(db)
    with db.transaction() as session:
        prior = _prior_answer(session, station, manifest)
        if prior is not None:
            return prior
        conflict = _code_conflict(units, session, station, manifest.dossier_code)
        if conflict:
            return CommitResult(409, {"error": conflict})
        missing, mismatched, files = check_files(session, station, manifest.components)
    if missing:
        return CommitResult(409, {"error": "files_missing", "files": missing})
    if mismatched:
        return CommitResult(422, {"error": "sha256_mismatch", "files": mismatched})
    return files


def commit(hub: Hub, station: str, manifest: Manifest) -> CommitResult:
    """Checks, then the signatures with no lock held, then publishes and records at once."""
    db = hub.db
    throttle = throttled(hub, station)
    if throttle is not None:
        return throttle
    checked = _precheck(db, station, manifest)
    if isinstance(checked, CommitResult):
        return _noted(db, station, manifest, checked)
    names = [c.file_name for c in manifest.components]
    refused = signatures_refused(hub, station, names, checked)
    if refused is not None:
        return _noted(db, station, manifest, refused)
    staged = _stage(hub, station, manifest, checked)
    try:
        return _record(hub, station, manifest, checked, staged)
    finally:
        hub.files.discard(staged)  # nothing left once published


def throttled(hub: Hub, station: str) -> CommitResult | None:
    """429 while the station's refused commits are past the limit: nothing is checked."""
    wait = rejections.wait_seconds(hub.db, hub.config, station)
    if not wait:
        return None
    return CommitResult(429, {"error": "too_many_rejected_commits"}, {"Retry-After": str(wait)})


def signatures_refused(
    hub: Hub, station: str, names: list[str], files: list[Upload]
) -> CommitResult | None:
    """503 when no signature check may run now; 422 naming the files unsigned or broken."""
    try:
        broken = signature_problems(hub, station, names, files)
    except Busy as busy:
        return CommitResult(503, {"error": busy.error}, {"Retry-After": busy.retry_after})
    if broken:
        return CommitResult(422, {"error": "signature_invalid", "files": broken})
    return None


def _noted(db: Database, station: str, manifest: Manifest, result: CommitResult) -> CommitResult:
    if result.status == 422:
        error = str(result.body.get("error", ""))
        rejections.record(db, station, manifest.manifest_id, manifest.dossier_code, error)
    return result


def _record(
    hub: Hub, station: str, manifest: Manifest, files: list[Upload], staged: Staged
) -> CommitResult:
    """Under the write lock: check again what may have changed meanwhile, publish, record."""
    units = stations.registered_units(hub.db)
    with hub.db.transaction(write=True) as session:
        prior = _prior_answer(session, station, manifest)
        if prior is not None:
            return prior
        conflict = _code_conflict(units, session, station, manifest.dossier_code)
        if conflict:
            return CommitResult(409, {"error": conflict})
        committed_at = clock.now_text()
        body = manifest.to_dict()
        record = json.dumps({**body, "committed_at": committed_at}, ensure_ascii=False, indent=2)
        hub.files.publish_staged(staged, record.encode("utf-8"))
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


def list_dossiers(
    db: Database, scope: frozenset[str] | None, since: str | None
) -> list[dict[str, Any]]:
    """Dossiers of the stations in `scope` (None: all), committed at or after `since`."""
    where, params = scope_condition("station_id", scope)
    sql = "SELECT station_id, dossier_code, manifest_id, files_count, committed_at FROM dossiers"
    sql += f" WHERE {where}"
    if since:
        sql += " AND committed_at >= ?"
        params.append(since)
    with db.transaction() as session:
        return session.query(sql + " ORDER BY committed_at, station_id, dossier_code", params)


class SeveralHolders(ApiError):
    """409: more than one station the reader may see holds the code (each unit owns its codes
    without a unit prefix); `stations` lists them, newest commit first, for the reader to pick."""

    def __init__(self, code: str, holders: list[dict[str, Any]]) -> None:
        super().__init__(409, "dossier_at_several_stations", dossier_code=code, stations=holders)
        self.code = code
        self.holders = holders


def get_dossier(
    db: Database, code: str, scope: frozenset[str] | None
) -> tuple[str, dict[str, Any]] | None:
    """(station id, manifest) of the one station in `scope` that holds `code`, None when none
    does. Raises SeveralHolders when more than one does: the newest is not the one meant."""
    where, params = scope_condition("d.station_id", scope)
    sql = (
        "SELECT d.station_id, d.committed_at, m.body_json FROM dossiers d JOIN manifests m"
        " ON m.station_id = d.station_id AND m.manifest_id = d.manifest_id"
        f" WHERE d.dossier_code = ? AND {where}"
    )
    with db.transaction() as session:
        rows = session.query(sql + " ORDER BY d.committed_at DESC LIMIT 2", [code, *params])
    if len(rows) > 1:
        raise SeveralHolders(code, holders_of(db, code, scope))
    if not rows:
        return None
    row = rows[0]
    return row["station_id"], {**json.loads(row["body_json"]), "committed_at": row["committed_at"]}


def holders_of(db: Database, code: str, scope: frozenset[str] | None) -> list[dict[str, Any]]:
    """The stations in `scope` that hold `code`: id, the name the station gives itself (else
    the one it was registered under), its unit (registered, else reported) and when it last
    committed the code, newest first."""
    where, params = scope_condition("d.station_id", scope)
    sql = (
        "SELECT d.station_id, coalesce(nullif(p.reported_name, ''), s.name, d.station_id)"
        " AS name, coalesce(nullif(p.unit_code, ''), p.agency_code, '') AS unit_code,"
        " d.committed_at FROM dossiers d"
        " LEFT JOIN stations s ON s.client_id = d.station_id"
        " LEFT JOIN station_profiles p ON p.station_id = d.station_id"
        f" WHERE d.dossier_code = ? AND {where}"
    )
    with db.transaction() as session:
        return session.query(sql + " ORDER BY d.committed_at DESC, d.station_id", [code, *params])


def received_files(hub: Hub, station: str | None) -> list[dict[str, Any]]:
    """One entry per file of every dossier's current manifest: its key in the file store
    (hub/file_store.py), and where the store is the local disk, its path there."""
    sql = (
        "SELECT d.station_id, d.dossier_code, d.committed_at, m.body_json FROM dossiers d"
        " JOIN manifests m ON m.station_id = d.station_id AND m.manifest_id = d.manifest_id"
    )
    params = [station] if station else []
    if station:
        sql += " WHERE d.station_id = ?"
    with hub.db.transaction() as session:
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
        folder = dossier_folder(row["station_id"], row["dossier_code"])
        for component in json.loads(row["body_json"])["components"]:
            upload = received.get((row["station_id"], component["idempotency_key"]), {})
            key = f"{folder}/{component['file_name']}"
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
                    "key": key,
                    "path": _local_path(hub.files, key),
                }
            )
    return files


def _local_path(files: FileStore, key: str) -> str | None:
    return str(files.path_of(key)) if isinstance(files, LocalDiskFiles) else None
