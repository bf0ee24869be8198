"""Turn a finished dossier into outbox jobs: one per component file, then its manifest."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState, Page
from station.store import DossierFile, Store
from station.workflow.checks import missing_components
from station.workflow.result_manifest import manifest_file_name
from sync.jobs import Job, JobKind, NewJob
from sync.outbox import Outbox


def file_key(dossier_code: str, component_code: str, sha256: str) -> str:
    """Stable across restarts and retries, so the hub keeps one copy whatever happens."""
    return _digest("file", dossier_code, component_code, sha256)


def manifest_key(dossier_code: str, file_keys: list[str]) -> str:
    return _digest("manifest", dossier_code, *file_keys)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def enqueue_dossier(store: Store, catalog: Catalog, dossier_code: str) -> list[Job]:
    """Queue the finished dossier's files and manifest; queueing it again adds nothing."""
    dossier = store.dossier(dossier_code)
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.SYNC_DOSSIER_NOT_FINISHED, code=dossier_code)
    if store.handover(dossier.code) is not None:
        return []  # received at another station, which sent it: here only for its result
    # A result finished later is its own addendum (enqueue_result), never part of this one.
    files = [f for f in store.dossier_files(dossier_code) if not f.addendum_id]
    file_jobs = [_file_job(dossier.code, f) for f in files]
    keys = [j.idempotency_key for j in file_jobs]
    manifest = build_manifest(store, catalog, dossier, files, manifest_key(dossier.code, keys))
    manifest_job = NewJob(
        dossier_code=dossier.code,
        kind=JobKind.MANIFEST,
        idempotency_key=manifest["manifest_id"],
        payload=json.dumps(manifest, ensure_ascii=False, sort_keys=True),
    )
    return Outbox.of(store).add([*file_jobs, manifest_job])


def enqueue_result(
    store: Store, catalog: Catalog, dossier_code: str, addendum_id: str
) -> list[Job]:
    """Queue a result addendum: its files, then its manifest, which goes after the dossier's
    own manifest (queued here too if it never was). Queueing it again adds nothing."""
    dossier_jobs = enqueue_dossier(store, catalog, dossier_code)
    files = [f for f in store.dossier_files(dossier_code) if f.addendum_id == addendum_id]
    if not files:
        raise StationError(ErrorCode.RESULT_NOTHING_TO_SEND, code=dossier_code, id=addendum_id)
    manifest = result_payload(store, files, addendum_id)
    result_job = NewJob(
        dossier_code=dossier_code,
        kind=JobKind.RESULT,
        idempotency_key=addendum_id,
        payload=json.dumps(manifest, ensure_ascii=False, sort_keys=True),
    )
    added = Outbox.of(store).add([*(_file_job(dossier_code, f) for f in files), result_job])
    return [*dossier_jobs, *added]


def enqueue_finished(store: Store, catalog: Catalog, dossier_code: str) -> list[Job]:
    """Queue a finished dossier with every result finished for it since: what failed to queue
    at the time (a full disk, a crash) is queued now; what was queued adds nothing."""
    jobs = enqueue_dossier(store, catalog, dossier_code)
    addenda = dict.fromkeys(f.addendum_id for f in store.dossier_files(dossier_code))
    for addendum_id in addenda:
        if addendum_id:
            jobs += enqueue_result(store, catalog, dossier_code, addendum_id)
    return jobs


def result_payload(store: Store, files: list[DossierFile], addendum_id: str) -> dict[str, Any]:
    """The result manifest written beside the files, with the upload key of each file."""
    path = store.layout.home / files[0].path
    written = path.parent / manifest_file_name(addendum_id)
    manifest: dict[str, Any] = json.loads(written.read_text(encoding="utf-8"))
    keys = {(f.component_code, f.sha256): file_key(f.dossier_code, f.component_code, f.sha256)
            for f in files}  # fmt: skip
    for entry in manifest["files"]:
        entry["idempotency_key"] = keys[(entry["component_code"], entry["sha256"])]
    return manifest


def _file_job(dossier_code: str, f: DossierFile) -> NewJob:
    return NewJob(
        dossier_code=dossier_code,
        kind=JobKind.FILE,
        idempotency_key=file_key(dossier_code, f.component_code, f.sha256),
        component_code=f.component_code,
        file_name=f.file_name,
        path=f.path,
        size=f.bytes,
        sha256=f.sha256,
    )


def build_manifest(
    store: Store, catalog: Catalog, dossier: Dossier, files: list[DossierFile], manifest_id: str
) -> dict[str, Any]:
    procedure = catalog.for_version(dossier.catalog_version).procedures.get(dossier.procedure_code)
    names = {c.code: c.name for c in procedure.components} if procedure else {}
    pages = store.pages(dossier.code)
    pairs = annotated_pairs(pages)
    station = store.station()
    missing = missing_components(procedure, pages, dossier.cases) if procedure else []
    return {
        "manifest_id": manifest_id,
        "dossier_code": dossier.code,
        "procedure_code": dossier.procedure_code,
        # The catalog version the dossier was checked against: the province's, or
        # builtin-<sha8> ("" from a release before the built-in catalog had a name).
        "catalog_version": dossier.catalog_version,
        # The cases (trường hợp) the clerk chose, and what was still unmet at Finish (labels of
        # station/workflow/checks.py: "TP1", "TP2|TP3" one of them, "undecided:<group>" no case
        # chosen in a group); a non-empty list comes with override_reason.
        "cases": list(dossier.cases),
        "missing_required": missing,
        "applicant_id_number": dossier.applicant_id_number,
        "station_id": dossier.station_id or station.id,
        # The receiving unit, as the station's identity says when the dossier is queued.
        "station_name": station.name,
        "agency_code": station.agency_code,
        "station_level": station.level.value,
        "clerk_id": dossier.clerk_id,
        "received_at": _iso(dossier.received_at),
        "finished_at": _iso(dossier.finished_at),
        "override_reason": dossier.override_reason,
        "components": [
            {
                "component_code": f.component_code,
                "component_name": names.get(f.component_code, ""),
                "file_name": f.file_name,
                "idempotency_key": file_key(dossier.code, f.component_code, f.sha256),
                "sha256": f.sha256,
                "size": f.bytes,
                "pages": f.pages,
                "annotated_pairs": pairs.get(f.component_code, []),
                # Every file here was scanned at this counter (QĐ 766 indicator 4.2). Reuse of
                # earlier digitized data (4.3) and the national store (4.4) are not tracked by
                # the station yet, so they are reported as not used.
                "kpi": {"digitized": True, "reused": False, "from_national_store": False},
            }
            for f in files
        ],
    }


def annotated_pairs(pages: list[Page]) -> dict[str, list[list[int]]]:
    """Per component, [annotated copy, its clean scan] as 1-based page numbers in the
    component's PDF, which holds the component's pages in the dossier's order (TT 01/2023
    Điều 8 asks an annotated page to be scanned twice; finishing checks the pairs)."""
    numbers: dict[str, int] = {}
    pairs: dict[str, list[list[int]]] = {}
    for page in pages:
        number = numbers[page.component_code] = numbers.get(page.component_code, 0) + 1
        if page.annotated:
            pairs.setdefault(page.component_code, []).append([number, number + 1])
    return pairs


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
