"""Send the station's facts to the hub (`POST /api/v1/metrics`) until it holds them all.

Each request carries the events after the last id the hub acknowledged, the months of received
dossiers whose digest changed, and the queue as of now. The hub stores them idempotently (by
station, store and event id; a month replaces the month), so a resend after a crash or a lost
answer never counts anything twice; the station moves its cursor only to what the hub answers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import utc_now
from sync.facts_reporter import FactsReporter
from sync.failures import TransientError, raise_for_answer
from sync.hub_target import HubTarget
from sync.jobs import to_text
from sync.target import Target

log = logging.getLogger(__name__)

BATCH_EVENTS = 500
MAX_BATCHES = 20  # per round; the rest goes next round, so the queue is not held up long


@dataclass(frozen=True)
class MetricsSent:
    requests: int
    events: int
    months: int
    events_through: int | None  # None: the hub does not take facts (an older hub)


def send_metrics(
    facts: FactsReporter, target: Target, catalog: Catalog, batch_events: int = BATCH_EVENTS
) -> MetricsSent | None:
    """None when the target is not a hub (a shared folder has nobody to tell).
    Raises TransientError or PermanentError like any other request."""
    if not isinstance(target, HubTarget):
        return None
    requests = events = months = 0
    through: int | None = None
    for _ in range(MAX_BATCHES):
        batch = facts.batch(catalog, batch_events)
        answer = _post(target, batch.body)
        requests += 1
        if answer is None:
            break
        through, held = answer
        facts.acknowledge(through, held)
        events += len(batch.body["events"])
        months += len(batch.body["received"])
        if not batch.more:
            break
    log.info("metrics: %s request(s), %s event(s), %s month(s)", requests, events, months)
    return MetricsSent(requests, events, months, through)


def _post(target: HubTarget, facts: dict[str, Any]) -> tuple[int, dict[str, str]] | None:
    body = {"station_id": target.http.settings.client_id, "at": to_text(utc_now()), "facts": facts}
    response = target.http.request("POST", "/api/v1/metrics", json=body)
    raise_for_answer(response, "metrics")
    if response.status_code == 204:
        log.info("the hub keeps no station facts (older hub); nothing acknowledged")
        return None
    return _acknowledged(response)


def _acknowledged(response: Any) -> tuple[int, dict[str, str]]:
    try:
        answer = response.json()
        through = int(answer["events_through"])
        held = {str(month): str(digest) for month, digest in answer["received_months"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise TransientError(
            StationError(ErrorCode.SYNC_SERVER_BUSY, status=response.status_code, delay="?")
        ) from None
    return through, held
