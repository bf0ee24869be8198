"""Results awaiting scan: dossiers finished at reception whose paper result is not digitized
yet, oldest receipt first. Until it is, the dossier does not count under KPI 4.2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from station.catalog import Catalog
from station.model import ComponentKind, utc_now
from station.store import Store


@dataclass(frozen=True)
class AwaitingResult:
    dossier_code: str
    procedure_code: str
    received_at: datetime
    finished_at: datetime | None
    age_days: int  # whole days since receipt
    components: tuple[str, ...]  # the procedure's result components


def results_awaiting(
    store: Store, catalog: Catalog, now: datetime | None = None
) -> list[AwaitingResult]:
    """Dossiers of paper-result procedures with no file for any result component, here or
    (as the hub told) committed at another desk of the unit; a procedure missing from the
    catalog is left out, as the figures leave it out of the rate's rule."""
    now = now or utc_now()
    found = []
    for candidate in store.result_candidates():
        procedure = catalog.procedures.get(candidate.procedure_code)
        if procedure is None or not procedure.result_on_paper:
            continue
        results = tuple(c.code for c in procedure.components if c.kind is ComponentKind.RESULT)
        digitized = {*candidate.file_components, *candidate.components_elsewhere}
        if not results or digitized.intersection(results):
            continue
        found.append(
            AwaitingResult(
                candidate.code,
                candidate.procedure_code,
                candidate.received_at,
                candidate.finished_at,
                max(0, (now - candidate.received_at).days),
                results,
            )
        )
    return found


def count_awaiting(store: Store, catalog: Catalog) -> int:
    return len(results_awaiting(store, catalog))
