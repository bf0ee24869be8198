"""Dossier workflow services: open a dossier against the catalog, summarise its components."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from station.catalog import Catalog
from station.dossier_code import check_dossier_code, normalize_dossier_code
from station.errors import ErrorCode, StationError
from station.id_number import check_id_number, normalize_id_number
from station.model import Component, Dossier, DossierState, Page, Procedure, utc_now
from station.store import Store
from station.workflow.checks import ComponentNeed, component_needs


class DossierWarning(StrEnum):
    NONSTANDARD_CODE = "nonstandard_shape"
    INVALID_CODE_DATE = "invalid_date"
    NONSTANDARD_ID_NUMBER = "nonstandard_id_number"
    ENTRY_EXPIRED = "entry_expired"  # the catalog entry's valid_until is past
    ENTRY_NOT_YET_VALID = "entry_not_yet_valid"  # its valid_from is still to come


def validity_warnings(procedure: Procedure, day: date) -> list[DossierWarning]:
    """Whether the entry applies on `day` (the day the dossier is received, station time)."""
    provenance = procedure.provenance
    if provenance.valid_until is not None and day > provenance.valid_until:
        return [DossierWarning.ENTRY_EXPIRED]
    if provenance.valid_from is not None and day < provenance.valid_from:
        return [DossierWarning.ENTRY_NOT_YET_VALID]
    return []


@dataclass(frozen=True)
class DossierRequest:
    code: str
    procedure_code: str
    applicant_name: str = ""
    applicant_id_number: str = ""
    received_at: datetime | None = None
    clerk_id: str = ""
    cases: tuple[str, ...] = ()  # the procedure's cases (trường hợp) that apply
    # An open dossier with no procedure yet (a draft, one created from a receipt) whose pages
    # this dossier takes over; "" = the code's own dossier when it has no procedure, else none.
    takes_over: str = ""


def open_dossier(
    store: Store, catalog: Catalog, request: DossierRequest
) -> tuple[Dossier, list[DossierWarning]]:
    code = normalize_dossier_code(request.code)
    procedure = catalog.get(request.procedure_code.strip())
    id_number = normalize_id_number(request.applicant_id_number)
    warnings = [DossierWarning(w.value) for w in check_dossier_code(code)]
    if id_number and not check_id_number(id_number).ok:
        warnings.append(DossierWarning.NONSTANDARD_ID_NUMBER)
    received_at = request.received_at or utc_now()
    warnings += validity_warnings(procedure, received_at.astimezone().date())
    dossier = Dossier(
        code=code,
        procedure_code=procedure.code,
        received_at=received_at,
        applicant_name=" ".join(unicodedata.normalize("NFC", request.applicant_name).split()),
        applicant_id_number=id_number,
        station_id=store.station().id,
        clerk_id=request.clerk_id or store.default_clerk_id(),
        cases=chosen_cases(procedure, request.cases),
        catalog_version=catalog.version_for(procedure.code),
    )
    holder = _holder(store, code, request.takes_over.strip())
    if holder is None:
        return store.create_dossier(dossier), warnings
    components = [component.code for component in procedure.components]
    return store.take_over_dossier(holder, dossier, components), warnings


def _holder(store: Store, code: str, takes_over: str) -> str | None:
    """The dossier whose pages the new one takes: the one named, or the code's own dossier
    when it was created from a receipt and has no procedure yet."""
    if takes_over:
        return takes_over
    try:
        found = store.dossier(code)
    except StationError as exc:
        if exc.code is ErrorCode.DOSSIER_NOT_FOUND:
            return None
        raise
    if found.procedure_code or found.state is not DossierState.OPEN:
        return None  # creating it is refused: the code is taken
    return code


def chosen_cases(procedure: Procedure, cases: Iterable[str]) -> tuple[str, ...]:
    """The cases as given, once each, in the procedure's order; an unknown case, or two cases
    of one group, is refused."""
    wanted = list(dict.fromkeys(c.strip() for c in cases if c.strip()))
    known = {case.code: case for case in procedure.cases}
    for code in wanted:
        if code not in known:
            raise StationError(ErrorCode.UNKNOWN_CASE, procedure=procedure.code, case=code)
    groups: dict[str, list[str]] = {}
    for code in wanted:
        if known[code].group:
            groups.setdefault(known[code].group, []).append(code)
    for group, codes in groups.items():
        if len(codes) > 1:
            raise StationError(
                ErrorCode.CASES_CONFLICT,
                procedure=procedure.code, group=group, cases=", ".join(codes),
            )  # fmt: skip
    return tuple(case.code for case in procedure.cases if case.code in wanted)


def set_cases(store: Store, catalog: Catalog, code: str, cases: Iterable[str]) -> Dossier:
    """Change the chosen cases of an open dossier."""
    dossier = store.dossier(code)
    procedure = catalog.for_version(dossier.catalog_version).get(dossier.procedure_code)
    return store.set_cases(code, chosen_cases(procedure, cases))


@dataclass(frozen=True)
class ChecklistRow:
    """A component as the checklist shows it for the dossier's chosen cases."""

    component: Component
    pages: int
    need: ComponentNeed

    @property
    def missing(self) -> bool:
        return self.need.missing


def checklist_rows(
    procedure: Procedure, pages: list[Page], cases: Iterable[str] = ()
) -> list[ChecklistRow]:
    counts: dict[str | None, int] = {}
    for page in pages:
        counts[page.component_code] = counts.get(page.component_code, 0) + 1
    needs = {need.code: need for need in component_needs(procedure, pages, cases)}
    return [ChecklistRow(c, counts.get(c.code, 0), needs[c.code]) for c in procedure.components]


def untagged_pages(pages: list[Page]) -> int:
    return sum(1 for page in pages if page.component_code is None)
