"""What must hold before a dossier is finished; each failure is a StationError code."""

from __future__ import annotations

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Component, ComponentKind, Dossier, DossierState, Page, Procedure


def procedure_of(catalog: Catalog, dossier: Dossier) -> Procedure:
    """A draft dossier (scanned before its code was known) has no procedure yet."""
    if not dossier.procedure_code:
        raise StationError(ErrorCode.DOSSIER_WITHOUT_PROCEDURE, code=dossier.code)
    return catalog.get(dossier.procedure_code)


def check_open(dossier: Dossier) -> None:
    if dossier.state is not DossierState.OPEN:
        raise StationError(ErrorCode.DOSSIER_FINISHED, code=dossier.code)


def check_finishable(dossier: Dossier, procedure: Procedure, pages: list[Page]) -> None:
    if not pages:
        raise StationError(ErrorCode.DOSSIER_EMPTY, code=dossier.code)
    untagged = [p.order for p in pages if p.component_code is None]
    if untagged:
        raise StationError(
            ErrorCode.UNTAGGED_PAGES,
            code=dossier.code,
            count=len(untagged),
            pages=", ".join(str(order) for order in untagged),
        )
    for page in pages:
        if procedure.component(page.component_code or "") is None:
            raise StationError(
                ErrorCode.UNKNOWN_COMPONENT, procedure=procedure.code, code=page.component_code
            )
    check_annotated_pairs(dossier.code, pages)


def check_annotated_pairs(dossier_code: str, pages: list[Page]) -> None:
    """An annotated copy is followed by its clean scan: same component, not annotated itself."""
    for page, after in zip(pages, [*pages[1:], None], strict=True):
        if not page.annotated:
            continue
        paired = (
            after is not None
            and not after.annotated
            and after.component_code == page.component_code
        )
        if not paired:
            raise StationError(
                ErrorCode.ANNOTATED_PAGE_UNPAIRED, code=dossier_code, order=page.order
            )


def missing_components(procedure: Procedure, pages: list[Page]) -> list[str]:
    """Required papers the citizen submits; the result (kết quả) is issued later, so a dossier
    finished at reception does not need it."""
    tagged = {page.component_code for page in pages}
    return [
        c.code
        for c in procedure.required_components
        if c.kind is ComponentKind.SUBMITTED and c.code not in tagged
    ]


def pages_by_component(
    procedure: Procedure, pages: list[Page]
) -> list[tuple[Component, list[Page]]]:
    """Components that have pages, in the procedure's order; pages in the dossier's order."""
    return [
        (component, found)
        for component in procedure.components
        if (found := [p for p in pages if p.component_code == component.code])
    ]
