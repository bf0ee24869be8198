"""Ask the hub which of this station's dossiers had their result committed at another desk of the
unit (`GET /api/v1/results/elsewhere`), and keep the answer in the station's database
(station/store/results_elsewhere.py), so that the results awaiting scan and indicators 4.1/4.2
here agree with the hub's. The sender asks on its facts round.

Each round asks from the latest commit already known, less a margin, page by page: a commit
that took its time on the hub, or a hub whose processes' clocks differ a little, may give a row
a time before one already told, and a row committed meanwhile may shift a page. Rows told twice
are kept once. Nothing changes when the hub cannot be reached, and a hub without the route (an
older one) is left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from station.model import utc_now
from station.store.database import Database
from station.store.results_elsewhere import (
    ResultElsewhere,
    latest_committed,
    record_results_elsewhere,
)
from sync.answers import json_object, unexpected_answer
from sync.failures import PermanentError, TransientError, raise_for_answer
from sync.hub_target import HubTarget
from sync.target import Target

log = logging.getLogger(__name__)

PATH = "/api/v1/results/elsewhere"
PAGE = 500
MAX_PAGES = 20  # per round; the rest comes next round
OVERLAP = timedelta(minutes=10)


@dataclass(frozen=True)
class Learned:
    rows: int  # rows the hub gave
    new: int  # (dossier, result component) pairs the station did not know


def learn_results_elsewhere(database: Database, target: Target) -> Learned | None:
    """None when the target is not a hub, or the hub has no such route (an older hub).
    Raises TransientError or PermanentError like any other request, unless earlier pages
    gave rows the station did not know: those are kept, and the round ends with them, so its
    owner hears of them (the next round would find them known)."""
    if not isinstance(target, HubTarget):
        return None
    known = database.read(latest_committed)
    since = None if known is None else known - OVERLAP
    rows = new = 0
    for _ in range(MAX_PAGES):
        try:
            answer = _ask(target, since, rows)
        except (TransientError, PermanentError) as exc:
            if not new:
                raise
            log.info("results elsewhere: the rest not asked (%s)", exc.error.code.value)
            break
        if answer is None:
            return None
        found, more = answer
        with database.transaction() as conn:
            new += record_results_elsewhere(conn, found, utc_now())
        rows += len(found)
        if not more or not found:
            break
    if new:
        log.info("results handed over at another desk: %s new of %s told", new, rows)
    return Learned(rows, new)


def _ask(
    target: HubTarget, since: datetime | None, offset: int
) -> tuple[list[ResultElsewhere], bool] | None:
    params: dict[str, Any] = {"offset": offset, "limit": PAGE}
    if since is not None:
        params["since"] = since.isoformat()
    response = target.http.request("GET", PATH, params=params)
    if response.status_code == 404:
        log.info("the hub does not tell results handed over elsewhere (older hub)")
        return None
    raise_for_answer(response, "results elsewhere")
    body = json_object(response, "results elsewhere")
    try:
        found = [_row(item) for item in body["results"]]
        more = body["more"]
        if not isinstance(more, bool):
            raise TypeError("more")
    except (KeyError, TypeError, ValueError, AttributeError):
        raise unexpected_answer(response, "results elsewhere") from None
    return found, more


def _row(item: Mapping[str, Any]) -> ResultElsewhere:
    code, components = item["dossier_code"], item["components"]
    if not isinstance(code, str) or not code:
        raise ValueError("dossier_code")
    if not isinstance(components, list) or not all(isinstance(c, str) for c in components):
        raise ValueError("components")
    committed = datetime.fromisoformat(str(item["committed_at"]).replace("Z", "+00:00"))
    if committed.tzinfo is None:
        raise ValueError("committed_at")
    return ResultElsewhere(code, tuple(components), committed)
