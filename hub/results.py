"""A result addendum: the result files a station scanned when it handed the result back, added
to a dossier it committed before. Both manifests are kept; the addendum's files go into the
dossier's folder beside its own, with the addendum's manifest as `result-<id>.json`.

An addendum is accepted for a dossier the same station committed, or one a station registered
in the same unit committed (a separate result desk: hub/handover.py), whose folder then takes
the files; 404 for a code the hub does not know, 403 for another unit's. Once per addendum id
(the same body again gets the same answer, another body under the same id gets 422). A file
name the dossier's folder already holds with other bytes is refused (409 `file_name_taken`).
A component that is not a result of the dossier's procedure, as far as the hub can know it,
is refused (422 `not_a_result_component`, hub/result_components.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from hub import clock, rejections, result_components, stations
from hub.codes import is_acceptable_code, is_visible_text, normalised_code
from hub.context import Hub
from hub.db import Session
from hub.dossiers import (
    CommitResult,
    check_files,
    dossier_folder,
    signatures_refused,
    throttled,
)
from hub.file_store import MissingFile
from hub.handover import dossier_holder, record_handover
from hub.storage import is_safe_file_name
from hub.uploads import Upload

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
MAX_FILES = 100
MAX_TEXT = 1000


@dataclass
class ResultFile:
    component_code: str
    component_name: str
    file_name: str
    idempotency_key: str
    sha256: str
    size: int
    pages: int
    origin: str  # "scanned" at the counter, or the agency's "electronic" PDF as it came
    signed_by_station: bool


@dataclass
class ResultManifest:
    schema: str
    addendum_id: str
    dossier_code: str
    procedure_code: str
    station_id: str
    clerk_id: str
    received_at: str
    finished_at: str | None
    result_finished_at: str
    components: list[str]
    files: list[ResultFile] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def problems(manifest: ResultManifest) -> list[str]:
    """Field paths the addendum cannot be accepted with (422)."""
    found = []
    if manifest.schema != "sohoa.result/1":
        found.append("schema")
    if not SHA256_HEX.match(manifest.addendum_id):
        found.append("addendum_id")
    if not is_acceptable_code(manifest.dossier_code):
        found.append("dossier_code")
    for name in ("procedure_code", "clerk_id"):
        text = getattr(manifest, name)
        if len(text) > MAX_TEXT or not is_visible_text(text):
            found.append(name)
    for name in ("received_at", "result_finished_at"):
        if not _is_time(getattr(manifest, name)):
            found.append(name)
    if not manifest.files or len(manifest.files) > MAX_FILES:
        found.append("files")
    for index, f in enumerate(manifest.files):
        if not is_safe_file_name(f.file_name) or f.file_name == "manifest.json":
            found.append(f"files.{index}.file_name")
        if not SHA256_HEX.match(f.sha256.lower()) or not 0 < f.size < 2**53:
            found.append(f"files.{index}")
        if f.component_code not in manifest.components or f.origin not in _ORIGINS:
            found.append(f"files.{index}.component_code")
    return found


_ORIGINS = ("scanned", "electronic")


def _is_time(text: str) -> bool:
    try:
        clock.parse(text)
    except ValueError:
        return False
    return True


def normalised(manifest: ResultManifest) -> ResultManifest:
    manifest.dossier_code = normalised_code(manifest.dossier_code)
    return manifest


def commit_result(hub: Hub, station: str, manifest: ResultManifest) -> CommitResult:
    """Checks, the signatures with no lock held, then the files placed and recorded at once.

    Refusals (422) count with the station's refused dossier commits (hub/rejections.py): past
    the limit, the station gets 429 before any check is made.
    """
    throttle = throttled(hub, station)
    if throttle is not None:
        return throttle
    checked = _precheck(hub, station, manifest)
    if isinstance(checked, CommitResult):
        return _noted(hub, station, manifest, checked)
    holder, files = checked
    names = [f.file_name for f in manifest.files]
    refused = signatures_refused(hub, station, names, files)
    if refused is not None:
        return _noted(hub, station, manifest, refused)
    return _record(hub, station, manifest, files)


def _precheck(
    hub: Hub, station: str, manifest: ResultManifest
) -> CommitResult | tuple[str, list[Upload]]:
    """Everything short of the signatures: the dossier's station, its manifest and the
    uploads in one read transaction, then the components against what the hub knows of the
    procedure (a catalog version, when not kept yet, read in a transaction of its own)."""
    units = stations.registered_units(hub.db)
    with hub.db.transaction() as session:
        holder = _holder_or_refusal(session, units, station, manifest)
        if isinstance(holder, CommitResult):
            return holder
        dossier = _dossier_manifest(session, holder, manifest.dossier_code)
        missing, mismatched, files = check_files(session, station, manifest.files)
    refused = result_components.refused_components(hub.catalog_kinds, dossier, manifest.components)
    if refused:
        return CommitResult(422, {"error": result_components.ERROR, "detail": refused})
    if missing:
        return CommitResult(409, {"error": "files_missing", "files": missing})
    if mismatched:
        return CommitResult(422, {"error": "sha256_mismatch", "files": mismatched})
    taken = _names_taken(hub, holder, manifest)
    if taken:
        return CommitResult(409, {"error": "file_name_taken", "files": taken})
    return holder, files


def _dossier_manifest(session: Session, holder: str, code: str) -> dict[str, Any]:
    """The manifest `holder`'s dossier was last committed with, as the hub keeps it."""
    row = session.one(
        "SELECT m.body_json FROM dossiers d JOIN manifests m"
        " ON m.station_id = d.station_id AND m.manifest_id = d.manifest_id"
        " WHERE d.station_id = ? AND d.dossier_code = ?",
        (holder, code),
    )
    return {} if row is None else dict(json.loads(row["body_json"]))


def _names_taken(hub: Hub, holder: str, manifest: ResultManifest) -> list[str]:
    """The addendum's file names the dossier's folder already holds with other bytes (another
    desk numbered its result the same)."""
    folder = dossier_folder(holder, manifest.dossier_code)
    held = set(hub.files.names(folder))
    taken = []
    for f in manifest.files:
        if f.file_name not in held:
            continue
        try:
            data = hub.files.read(folder, f.file_name)
        except MissingFile:
            continue
        if hashlib.sha256(data).hexdigest() != f.sha256.lower():
            taken.append(f.file_name)
    return taken


def _noted(hub: Hub, station: str, manifest: ResultManifest, result: CommitResult) -> CommitResult:
    if result.status == 422:
        error = str(result.body.get("error", ""))
        rejections.record(hub.db, station, manifest.addendum_id, manifest.dossier_code, error)
    return result


def _holder_or_refusal(
    session: Session, units: dict[str, str], station: str, manifest: ResultManifest
) -> CommitResult | str:
    """The station whose dossier the addendum is for, or the answer to give instead."""
    prior = session.one(
        "SELECT body_json, answer_json FROM results WHERE station_id = ? AND addendum_id = ?",
        (station, manifest.addendum_id),
    )
    if prior is not None:
        if json.loads(prior["body_json"]) != manifest.to_dict():
            return CommitResult(422, {"error": "addendum_id_reused"})
        return CommitResult(200, json.loads(prior["answer_json"]))
    holder = dossier_holder(session, units, station, manifest.dossier_code)
    if holder is not None:
        return holder
    other = session.one("SELECT 1 FROM dossiers WHERE dossier_code = ?", (manifest.dossier_code,))
    if other is not None:
        return CommitResult(403, {"error": "dossier_of_other_station"})
    return CommitResult(404, {"error": "dossier_unknown"})


def _record(hub: Hub, station: str, manifest: ResultManifest, files: list[Upload]) -> CommitResult:
    config = hub.config
    units = stations.registered_units(hub.db)
    with hub.db.transaction(write=True) as session:
        # Again under the write lock: another request may have won, a unit may have changed.
        holder = _holder_or_refusal(session, units, station, manifest)
        if isinstance(holder, CommitResult):
            return holder
        folder = dossier_folder(holder, manifest.dossier_code)
        taken = _names_taken(hub, holder, manifest)  # another desk's result may have come
        if taken:
            return CommitResult(409, {"error": "file_name_taken", "files": taken})
        committed_at = clock.now_text()
        for f, upload in zip(manifest.files, files, strict=True):
            hub.files.add(folder, f.file_name, config.upload_file(station, upload.upload_id))
        body = manifest.to_dict()
        record = json.dumps({**body, "committed_at": committed_at}, ensure_ascii=False, indent=2)
        name = f"result-{manifest.addendum_id[:16]}.json"
        hub.files.add(folder, name, record.encode("utf-8"), replace=True)
        answer = {
            "status": "committed",
            "dossier_code": manifest.dossier_code,
            "addendum_id": manifest.addendum_id,
            "files": [
                {"file_name": f.file_name, "sha256": f.sha256.lower()} for f in manifest.files
            ],
        }
        session.execute(
            "INSERT INTO results (station_id, addendum_id, dossier_code, body_json, answer_json,"
            " committed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                station,
                manifest.addendum_id,
                manifest.dossier_code,
                json.dumps(body, ensure_ascii=False),
                json.dumps(answer, ensure_ascii=False),
                committed_at,
            ),
        )
        if holder != station:
            record_handover(session, station, manifest.addendum_id, holder, manifest.dossier_code)
    return CommitResult(200, answer)


def results_of(session: Session, station: str, code: str) -> list[dict[str, Any]]:
    """The addenda of one station's dossier, oldest first."""
    rows = session.query(
        "SELECT body_json, committed_at FROM results WHERE station_id = ? AND dossier_code = ?"
        " ORDER BY committed_at",
        (station, code),
    )
    return [{**json.loads(r["body_json"]), "committed_at": r["committed_at"]} for r in rows]
