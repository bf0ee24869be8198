"""Which dossier (and component) scanned or imported pages go to."""

from __future__ import annotations

from station.errors import ErrorCode, StationError
from station.model import Dossier, DossierState
from ui.cli.context import AppContext


def resolve_target(app: AppContext, dossier_code: str, component: str | None) -> Dossier:
    dossier = app.store.dossier(dossier_code.strip())
    if dossier.state is not DossierState.OPEN:
        raise StationError(ErrorCode.DOSSIER_CLOSED, code=dossier.code)
    if component is not None:
        procedure = app.catalog.procedures.get(dossier.procedure_code)
        if procedure is None or procedure.component(component) is None:
            raise StationError(
                ErrorCode.UNKNOWN_COMPONENT, procedure=dossier.procedure_code, code=component
            )
    return dossier
