"""`GET /api/v1/handover/{code}`: what a result desk needs to hand over the result of a dossier
received at another station of its unit (hub/handover.py). Stations only; every call is
written to the access log, a refused one too. Another unit's dossier is 404, as an unknown
code is, so the answer tells nobody outside the unit that a code exists. A code no dossier can
have (too long, invisible or control characters) is 422 and not logged: the log keeps only
what a code can be, never a station's arbitrary text."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request

from hub import access_log
from hub.auth import StationDep, client_address
from hub.codes import is_acceptable_code, normalised_code
from hub.context import HubDep
from hub.errors import ApiError
from hub.handover import handover_of
from hub.principal import Principal, Role

router = APIRouter(prefix="/api/v1")


# `:path` so that a code with "/" in it (sent as %2F) still reaches this route.
@router.get("/handover/{code:path}")
def handover(code: str, request: Request, station: StationDep, hub: HubDep) -> dict[str, Any]:
    wanted = normalised_code(code)
    if not is_acceptable_code(wanted):
        raise ApiError(422, "invalid_request", detail=[{"loc": ["path", "code"]}])
    found = handover_of(hub.db, station, wanted)
    access_log.record(
        hub.db,
        Principal(station, Role.STATION),
        access_log.READ_HANDOVER,
        found.station_id if found is not None else "",
        wanted,
        client_address(request),
    )
    if found is None:
        raise ApiError(404, "not_found")
    return asdict(found)
