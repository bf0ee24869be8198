"""`GET /api/v1/results/elsewhere`: which of the asking station's own dossiers had their result
committed at another desk of the unit (hub/handover.py), so that the station's own "results
awaiting scan" and indicators 4.1/4.2 agree with the hub's.

Stations only, and only the asking station's dossiers: the rows where it is the station that
received the dossier. The answer holds dossier codes, result component codes and commit times,
nothing of the applicant and nothing of the desk that scanned it, so it is not written to the
access log (the sender asks on every facts round; the log would fill with the station reading
what it already holds).

Rows come oldest commit first, from `since` (a time, inclusive); `offset` and `limit` page
through them, and `more` says whether rows follow the last one given.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter

from hub import clock
from hub.auth import StationDep
from hub.context import HubDep
from hub.db import Database
from hub.errors import ApiError

router = APIRouter(prefix="/api/v1")

MAX_ROWS = 500


@dataclass(frozen=True)
class ResultElsewhere:
    dossier_code: str
    components: list[str]  # the result components the addendum carried
    committed_at: str  # when the hub committed it (UTC, the hub's text form)


def results_elsewhere(
    db: Database, station: str, since: str, offset: int, limit: int
) -> tuple[list[ResultElsewhere], bool]:
    """Addenda other stations committed for `station`'s dossiers at or after `since`, oldest
    first, `limit` of them after the first `offset`; and whether more follow."""
    with db.transaction() as session:
        rows = session.query(
            "SELECT h.dossier_code, r.body_json, r.committed_at FROM result_handovers h"
            " JOIN results r ON r.station_id = h.station_id AND r.addendum_id = h.addendum_id"
            " WHERE h.dossier_station_id = ? AND r.committed_at >= ?"
            " ORDER BY r.committed_at, h.station_id, h.addendum_id LIMIT ? OFFSET ?",
            (station, since, limit + 1, offset),
        )
    found = [
        ResultElsewhere(
            row["dossier_code"],
            [str(c) for c in json.loads(row["body_json"]).get("components", [])],
            row["committed_at"],
        )
        for row in rows[:limit]
    ]
    return found, len(rows) > limit


@router.get("/results/elsewhere")
def handed_over_elsewhere(
    station: StationDep,
    hub: HubDep,
    since: str | None = None,
    offset: int = 0,
    limit: int = MAX_ROWS,
) -> dict[str, Any]:
    start = ""
    if since is not None:
        try:
            start = clock.to_text(clock.parse(since))
        except ValueError:
            raise ApiError(422, "invalid_request", detail=[{"loc": ["query", "since"]}]) from None
    for name, value, low, high in (("offset", offset, 0, 2**31), ("limit", limit, 1, MAX_ROWS)):
        if not low <= value <= high:
            raise ApiError(422, "invalid_request", detail=[{"loc": ["query", name]}])
    found, more = results_elsewhere(hub.db, station, start, offset, limit)
    return {"results": [asdict(r) for r in found], "more": more}
