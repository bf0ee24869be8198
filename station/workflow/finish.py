"""Finish a dossier: one PDF per component that has pages, named <dossier code>.<n>.pdf.

Files are numbered in the procedure's component order and hold their pages in the dossier's
order (TT 01/2023 Điều 8, TT 02/2019/TT-BNV). Either every file is written, recorded and the
dossier closed, or nothing is: the dossier stays open and no file is left behind.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Component, Dossier, Page, Procedure, Station, utc_now
from station.ocr.layer import PageTexts
from station.ocr.model import PageText
from station.pdf import EncodedPage, PdfMetadata, component_file_name, write_pdf
from station.pipeline.profile import DEFAULT_PROFILE, get_profile
from station.store import DossierFile, Store
from station.workflow.checks import (
    check_finishable,
    check_open,
    group_cases,
    groups_with_cases,
    is_undecided,
    missing_components,
    pages_by_component,
    procedure_of,
    undecided_in,
)
from station.workflow.finish_pages import FinishedPage, FinishPages, Rendered
from station.workflow.finished_files import FinishedBatch, open_batch
from station.workflow.pages import record_analysis
from station.workflow.render import PageJob, PageResult, is_stitched, stitched_steps

Progress = Callable[[int, int], None]  # (pages done, pages in all)
Sign = Callable[[bytes, datetime], bytes]  # (PDF, scan time) -> the signed PDF


@dataclass(frozen=True)
class ComponentFile:
    component_code: str
    component_name: str
    file_name: str
    path: str  # relative to the data directory
    pages: int
    bytes: int
    sha256: str


@dataclass(frozen=True)
class FinishReceipt:
    dossier_code: str
    files: tuple[ComponentFile, ...]
    override_reason: str | None  # set only when required components were missing
    missing_required: tuple[str, ...]


def missing_required(store: Store, catalog: Catalog, dossier_code: str) -> list[str]:
    """Codes of the procedure's required components that have no page yet."""
    dossier = store.dossier(dossier_code)
    procedure = procedure_of(catalog, dossier)
    return missing_components(procedure, store.pages(dossier_code), dossier.cases)


def finish_dossier(
    store: Store,
    catalog: Catalog,
    dossier_code: str,
    profile: str = DEFAULT_PROFILE,
    override_reason: str | None = None,
    pdfa: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    sign: Sign | None = None,
    rendered: Rendered | None = None,
) -> FinishReceipt:
    """`sign`: signs each component PDF before it is published (TT 01/2023 Điều 8); if it
    fails, no file of the dossier is left behind and the dossier stays open. `rendered`: the
    pages encoded in the background since they were analysed; the others are encoded now."""
    get_profile(profile)  # an unknown profile fails before any work
    store.dossier(dossier_code)  # an unknown dossier gets no folder
    options = FinishOptions(profile, override_reason, pdfa, workers, progress, sign, rendered)
    batch = open_batch(store, dossier_code)
    try:
        return _finish(store, catalog, batch, dossier_code, options)
    finally:
        batch.close()


@dataclass(frozen=True)
class FinishOptions:
    profile: str
    override_reason: str | None
    pdfa: bool
    workers: int | None
    progress: Progress | None
    sign: Sign | None = None
    rendered: Rendered | None = None


def _finish(
    store: Store, catalog: Catalog, batch: FinishedBatch, dossier_code: str, options: FinishOptions
) -> FinishReceipt:
    dossier = store.dossier(dossier_code)  # read under the lock: another finish may be done
    check_open(dossier)
    procedure = procedure_of(catalog, dossier)
    pages = store.pages(dossier.code)
    check_finishable(dossier, procedure, pages)
    missing = missing_components(procedure, pages, dossier.cases)
    reason = (options.override_reason or "").strip() if missing else ""
    if missing and not reason:
        raise missing_error(dossier.code, procedure, missing)
    station = station_label(store.station())
    origin = Origin(dossier, procedure, station, min(p.created_at for p in pages))
    groups = pages_by_component(procedure, pages)
    try:
        with closing(encoded_components(store, groups, options)) as encoded:
            files = stage_files(batch, origin, encoded, options)
        batch.publish_all()
        finished_at = utc_now()
        records = [_record(dossier.code, f, finished_at) for f in files]
        store.mark_finished(dossier.code, records, finished_at, reason)
    except BaseException:
        batch.discard()
        raise
    return FinishReceipt(dossier.code, tuple(files), reason or None, tuple(missing))


def missing_error(code: str, procedure: Procedure, missing: list[str]) -> StationError:
    """The refusal: an undecided case group first, since the case decides the papers asked."""
    undecided = undecided_in(missing)
    if not undecided:
        return StationError(
            ErrorCode.REQUIRED_COMPONENTS_MISSING, code=code, components=", ".join(missing)
        )
    return StationError(
        ErrorCode.CASES_UNDECIDED,
        code=code,
        procedure=procedure.code,
        groups=groups_with_cases(procedure, undecided),
        example=group_cases(procedure, undecided[0])[0],
        components=", ".join(label for label in missing if not is_undecided(label)),
    )


def station_label(station: Station) -> str:
    """The station as its files name it: its name and, once it has one, its agency code."""
    return f"{station.name} ({station.agency_code})" if station.agency_code else station.name


@dataclass(frozen=True)
class Origin:
    """Who, what and when, for every file's metadata."""

    dossier: Dossier
    procedure: Procedure
    station: str
    scan_time: datetime  # the dossier's first page

    def metadata(self, component: Component) -> PdfMetadata:
        return PdfMetadata(
            dossier_code=self.dossier.code,
            procedure=self.procedure.code,
            component=f"{component.code} - {component.name}",
            station=self.station,
            clerk=self.dossier.clerk_id,
            scan_time=self.scan_time,
        )


def encoded_components(
    store: Store, groups: list[tuple[Component, list[Page]]], options: FinishOptions
) -> Generator[tuple[Component, list[EncodedPage]], None, None]:
    """Each component with its pages encoded and their text, in order; fresh analyses are
    recorded. Every page is done (encoded and read) before the first component is given out;
    progress counts a page once it is both."""
    profile = options.profile
    pages = [(page, page_job(store, page, profile)) for _, found in groups for page in found]
    texts = PageTexts(store, profile)
    progress = options.progress
    if progress is not None:
        progress(0, len(pages))
    finished: list[FinishedPage | None] = [None] * len(pages)
    with closing(FinishPages(pages, texts, options.rendered, options.workers)) as work:
        for count, (index, item) in enumerate(work, start=1):
            _keep_analysis(store, item.result, profile)
            finished[index] = item
            if progress is not None:
                progress(count, len(pages))
    done = iter(finished)
    for component, found in groups:
        yield component, _encoded(islice(done, len(found)))


def _encoded(items: Iterable[FinishedPage | None]) -> list[EncodedPage]:
    """The pages with their text; a page without an encoding is a blank page left out."""
    return [
        _with_text(item.result.encoded, item.text)
        for item in items
        if item is not None and item.result.encoded is not None
    ]


def _with_text(encoded: EncodedPage, text: PageText | None) -> EncodedPage:
    return encoded if text is None else replace(encoded, text=text)


def stage_files(
    batch: FinishedBatch,
    origin: Origin,
    components: Iterable[tuple[Component, list[EncodedPage]]],
    options: FinishOptions,
    first_number: int = 1,
) -> list[ComponentFile]:
    """`first_number`: a result's files are numbered on from the dossier's files."""
    files: list[ComponentFile] = []
    for component, encoded in components:
        if not encoded:
            continue  # every page dropped as blank: no empty PDF, and no gap in the numbers
        file_name = component_file_name(origin.dossier.code, first_number + len(files))
        data = _pdf_bytes(encoded, origin.metadata(component), options.pdfa)
        if options.sign is not None:
            data = options.sign(data, origin.scan_time)
        staged = batch.stage(file_name, data)
        files.append(
            ComponentFile(
                component.code,
                component.name,
                file_name,
                batch.relative(staged),
                len(encoded),
                staged.size,
                staged.sha256,
            )
        )
    return files


def page_job(store: Store, page: Page, profile: str) -> PageJob:
    """Replay what this profile's analysis found, and a clerk's edits to a page never analysed
    (automatic orientation must not undo a clerk's rotation). Otherwise analyse from the
    original: another profile's analysis is not reused."""
    edited_by_hand = page.analysed_profile is None and bool(page.transforms)
    replay = page.analysed_profile == profile or edited_by_hand
    stitched = is_stitched(page)
    transforms = stitched_steps(page.transforms) if stitched else page.transforms
    return PageJob(
        page.id,
        str(store.layout.absolute(page.original.path)),
        page.original.sha256,
        page.dpi,
        profile,
        transforms if replay else (),
        replay,
        stitched,
    )


def _keep_analysis(store: Store, result: PageResult, profile: str) -> None:
    if result.analysis is not None:
        record_analysis(store, result.page_id, result.analysis, profile)


def _pdf_bytes(pages: list[EncodedPage], metadata: PdfMetadata, pdfa: bool) -> bytes:
    buffer = io.BytesIO()  # pikepdf writes only to a seekable stream
    write_pdf(pages, metadata, buffer, pdfa=pdfa)
    return buffer.getvalue()


def _record(dossier_code: str, file: ComponentFile, created_at: datetime) -> DossierFile:
    return DossierFile(
        dossier_code,
        file.component_code,
        file.file_name,
        file.path,
        file.pages,
        file.bytes,
        file.sha256,
        created_at,
    )
