"""The result of a dossier received at another station of the unit (a separate result desk).

When the clerk opens for its result a dossier this station does not hold, the hub's hand-over
look-up says what the desk needs (`HandoverInfo`: no applicant, no file). `take_in_for_result`
records the dossier here from it alone, and the result is then scanned, tagged, finished and
sent as for the station's own dossiers (station/workflow/results.py): its files are numbered
after the hub's, and the components the hub already holds a result for are not taken again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState, utc_now
from station.store import Store
from station.store.handover import HandoverRecord
from station.workflow.checks import procedure_of
from station.workflow.results import result_components


@dataclass(frozen=True)
class HandoverInfo:
    """What the hub says of a dossier of the unit, for its result desk."""

    dossier_code: str  # as the hub holds it
    procedure_code: str
    catalog_version: str
    received_at: datetime  # the period its result counts in
    finished_at: datetime | None
    station_id: str  # the hub's id of the station that received it
    files_count: int  # its files on the hub so far: the result's are numbered after them
    result_components: tuple[str, ...]  # result components the hub holds already


def take_in_for_result(store: Store, catalog: Catalog, info: HandoverInfo) -> Dossier:
    """Record the dossier from the hub's answer; refused, with nothing recorded, when its
    procedure is unknown here, returns no result, or has every result digitized already."""
    dossier = Dossier(
        code=info.dossier_code,
        procedure_code=info.procedure_code,
        received_at=info.received_at,
        state=DossierState.SYNCED,
        station_id=store.station().id,
        clerk_id=store.clerk_id,
        finished_at=info.finished_at,
        catalog_version=info.catalog_version,
    )
    procedure = procedure_of(catalog, dossier)
    codes = result_components(procedure)
    if not codes:
        raise StationError(
            ErrorCode.RESULT_NOT_EXPECTED, code=dossier.code, procedure=procedure.code
        )
    if all(code in info.result_components for code in codes):
        raise StationError(
            ErrorCode.RESULT_ALREADY_FINISHED,
            code=dossier.code,
            component=codes[0],
            file=info.station_id,
        )
    record = HandoverRecord(
        info.station_id, info.files_count, tuple(info.result_components), utc_now()
    )
    return store.create_handover(dossier, record)
