"""Digitize a dossier's result (kết quả) days after reception, into the finished dossier.

The clerk opens the dossier for its result (`open_for_result`): from then it takes pages for
the procedure's result components only. `finish_result` builds those pages into PDFs by the
reception's rules (same pipeline, PDF rules, PAdES signature; files numbered on after the
dossier's files), records them as result files and writes a result manifest beside them.

A result component is digitized once. A second, different result for a component already
digitized is refused rather than versioned: the result is the agency's decision as issued, the
province may already hold the first copy, and a corrected result (đính chính) is a procedure
of its own with its own dossier. A procedure with a second result component (KQ2, a copy) can
have it digitized later, as its own addendum.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import ComponentKind, Dossier, DossierState, FileOrigin, Page, Procedure, utc_now
from station.pipeline.profile import DEFAULT_PROFILE, get_profile
from station.store import DossierFile, Store
from station.workflow.checks import check_annotated_pairs, pages_by_component, procedure_of
from station.workflow.finish import (
    ComponentFile,
    FinishOptions,
    Origin,
    Progress,
    Sign,
    encoded_components,
    stage_files,
    station_label,
)
from station.workflow.finished_files import FinishedBatch, open_batch
from station.workflow.result_manifest import ResultFile, ResultManifest, addendum_id


@dataclass(frozen=True)
class ResultReceipt:
    dossier_code: str
    addendum_id: str
    files: tuple[ComponentFile, ...]
    manifest_path: str  # relative to the data directory
    result_finished_at: datetime
    origin: FileOrigin = FileOrigin.SCANNED
    signed_by_station: bool = False


def result_components(procedure: Procedure) -> tuple[str, ...]:
    return tuple(c.code for c in procedure.components if c.kind is ComponentKind.RESULT)


def digitized_results(store: Store, procedure: Procedure, dossier_code: str) -> dict[str, str]:
    """Result component -> the file that holds it (a result tagged at reception counts too);
    for a dossier received at another station, what the hub held is named by that station."""
    codes = set(result_components(procedure))
    found: dict[str, str] = {}
    for f in store.dossier_files(dossier_code):
        if f.component_code in codes:
            found.setdefault(f.component_code, f.file_name)
    handover = store.handover(dossier_code)
    if handover is not None:
        for code in handover.results_before:
            if code in codes:
                found.setdefault(code, handover.receiving_station)
    return found


def refuse_digitized(
    dossier_code: str, component: str, done: dict[str, str], elsewhere: dict[str, datetime]
) -> None:
    """Raise if the result `component` is digitized already: here, at the station that received
    the dossier (`done`, from digitized_results), or at another desk of the unit, as the hub
    told this station (`elsewhere`, Store.results_elsewhere; a second copy would take the
    number the hub gave the first)."""
    if component in done:
        raise StationError(
            ErrorCode.RESULT_ALREADY_FINISHED,
            code=dossier_code,
            component=component,
            file=done[component],
        )
    if component in elsewhere:
        raise StationError(
            ErrorCode.RESULT_DIGITIZED_ELSEWHERE,
            code=dossier_code,
            component=component,
            at=elsewhere[component].astimezone().strftime("%d/%m/%Y %H:%M"),
        )


def next_file_number(store: Store, dossier_code: str, existing: list[DossierFile]) -> int:
    """The number of the dossier's next file: after its files here and, for a dossier
    received at another station, after those the hub held of it."""
    handover = store.handover(dossier_code)
    return len(existing) + (handover.files_before if handover is not None else 0) + 1


def open_for_result(store: Store, catalog: Catalog, dossier_code: str) -> Dossier:
    """Let the finished dossier take pages for the result components not digitized yet."""
    dossier = store.dossier(dossier_code.strip())
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier.code)
    procedure = procedure_of(catalog, dossier)
    codes = result_components(procedure)
    if not codes:
        raise StationError(
            ErrorCode.RESULT_NOT_EXPECTED, code=dossier.code, procedure=procedure.code
        )
    done = digitized_results(store, procedure, dossier.code)
    elsewhere = store.results_elsewhere(dossier.code)
    waiting = tuple(c for c in codes if c not in done and c not in elsewhere)
    if not waiting:
        refuse_digitized(dossier.code, codes[0], done, elsewhere)
    return store.open_result_intake(dossier.code, waiting)


def check_result_component(procedure: Procedure, dossier: Dossier, component: str) -> None:
    """A finished dossier takes result components only; a submitted paper is refused."""
    codes = result_components(procedure)
    if component not in codes:
        raise StationError(
            ErrorCode.RESULT_COMPONENT_ONLY,
            code=dossier.code,
            component=component,
            accepted=", ".join(codes),
        )


def pending_result_pages(store: Store, dossier_code: str) -> list[Page]:
    return [p for p in store.pages(dossier_code) if p.result and p.addendum_id is None]


def finish_result(
    store: Store,
    catalog: Catalog,
    dossier_code: str,
    profile: str = DEFAULT_PROFILE,
    pdfa: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    sign: Sign | None = None,
) -> ResultReceipt:
    """Either every result file and the manifest are written and recorded, or nothing is."""
    get_profile(profile)
    dossier = store.dossier(dossier_code.strip())
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier.code)
    options = FinishOptions(profile, None, pdfa, workers, progress, sign)
    batch = open_batch(store, dossier.code)
    try:
        return _finish_result(store, catalog, batch, dossier.code, options)
    finally:
        batch.close()


def _finish_result(
    store: Store, catalog: Catalog, batch: FinishedBatch, code: str, options: FinishOptions
) -> ResultReceipt:
    dossier = store.dossier(code)  # under the lock: another result finish may be done
    procedure = procedure_of(catalog, dossier)
    pages = pending_result_pages(store, code)
    if not pages:
        raise StationError(ErrorCode.RESULT_PAGES_MISSING, code=code)
    done = digitized_results(store, procedure, code)
    elsewhere = store.results_elsewhere(code)
    for page in pages:
        component = page.component_code or "-"
        check_result_component(procedure, dossier, component)
        refuse_digitized(code, component, done, elsewhere)
    check_annotated_pairs(code, pages)
    existing = store.dossier_files(code)
    origin = Origin(
        dossier, procedure, station_label(store.station()), min(p.created_at for p in pages)
    )
    try:
        groups = pages_by_component(procedure, pages)
        with closing(encoded_components(store, groups, options)) as encoded:
            first = next_file_number(store, code, existing)
            files = stage_files(batch, origin, encoded, options, first)
        signed = options.sign is not None
        written = [_result_file(f, FileOrigin.SCANNED, signed) for f in files]
        return publish_result(
            store, batch, dossier, existing, written, files, [p.id for p in pages]
        )
    except BaseException:
        batch.discard()
        raise


def publish_result(
    store: Store,
    batch: FinishedBatch,
    dossier: Dossier,
    existing: list[DossierFile],
    written: list[ResultFile],
    files: list[ComponentFile],
    page_ids: list[str],
) -> ResultReceipt:
    """Stage the manifest, publish everything, then record it; the caller discards on error."""
    addendum = addendum_id(dossier.code, [(f.component_code, f.sha256) for f in written])
    finished_at = utc_now()
    manifest = ResultManifest(
        addendum_id=addendum,
        dossier_code=dossier.code,
        procedure_code=dossier.procedure_code,
        station_id=dossier.station_id or store.station().id,
        clerk_id=dossier.clerk_id,
        received_at=dossier.received_at,
        finished_at=dossier.finished_at,
        result_finished_at=finished_at,
        components=tuple(dict.fromkeys(f.component_code for f in written)),
        files=tuple(written),
    )
    staged = batch.stage(manifest.file_name, manifest.to_bytes())
    batch.publish_all(keep=[f.file_name for f in existing])
    records = [
        DossierFile(
            dossier.code, f.component_code, f.file_name, f.path, f.pages, f.bytes, f.sha256,
            finished_at, ComponentKind.RESULT, addendum, w.origin,
        )
        for f, w in zip(files, written, strict=True)
    ]  # fmt: skip
    store.record_result(dossier.code, records, page_ids, finished_at)
    return ResultReceipt(
        dossier.code,
        addendum,
        tuple(files),
        batch.relative(staged),
        finished_at,
        written[0].origin,
        all(w.signed_by_station for w in written),
    )


def _result_file(f: ComponentFile, origin: FileOrigin, signed: bool) -> ResultFile:
    return ResultFile(
        f.component_code, f.component_name, f.file_name, f.sha256, f.bytes, f.pages, origin, signed
    )
