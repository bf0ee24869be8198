"""Station facts in the hub: the `facts` of a metrics request, checked, stored idempotently, and
read back as the same Facts a station computes its own figures from.

Idempotent by construction: an event is kept once per (station, store, event id) and a month of
received dossiers replaces that month, so a resent request changes nothing. The answer says what
the hub holds, and the station moves its cursor to that, never further.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hub import clock, rollup
from hub.access import scope_condition
from hub.codes import FORMULA_STARTS, is_acceptable_code, is_visible_text
from hub.db import Database, Session
from hub.handover import credit_handed_over
from hub.rollup import StoredEvent
from station.events import Event, EventKind
from station.stats.figures import Facts, ReceivedDossier
from station.stats.serialize import queue_from_json
from station.upload_facts import ConfirmedUpload, UploadFailure, parse_failure_reason

MAX_EVENTS = 5000  # per request; the station sends 500
MAX_ROWS = 100_000  # received dossiers per request
MAX_TEXT = 1000
MAX_ID = 2**53  # event ids; a larger one would not fit the store's BIGINT in every driver
MAX_PAGES = 1_000_000
MAX_COUNT = 10**9
STORE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")
_KINDS = {kind.value for kind in EventKind}


@dataclass
class FactEvent:
    id: int
    kind: str
    at: str
    clerk_id: str = ""
    dossier_code: str = ""
    page_id: str = ""
    paper_size: str = ""
    pages: int = 0
    reason: str = ""
    first_page_at: str | None = None  # upload_confirmed


@dataclass
class ReceivedFact:
    code: str
    procedure_code: str
    clerk_id: str
    received_at: str
    digitized: bool
    result_required: bool
    has_electronic_result: bool
    finished: bool | None = None  # finished at reception; None from a station that does not say


@dataclass
class ReceivedMonth:
    month: str  # the UTC month of the rows' received_at, "YYYY-MM"
    digest: str
    rows: list[ReceivedFact] = field(default_factory=list)


@dataclass
class StationFacts:
    store_id: str
    after: int = 0  # the last event id the station believes the hub holds
    name: str = ""
    agency_code: str = ""
    events: list[FactEvent] = field(default_factory=list)
    received: list[ReceivedMonth] = field(default_factory=list)
    queue: dict[str, Any] | None = None


Problem = tuple[list[str | int], str]  # where (under body.facts), and what, in vi / en


def problems(facts: StationFacts) -> list[Problem]:
    """Everything wrong with the facts; empty when they can be stored as they are."""
    found: list[Problem] = []
    if not STORE_ID.fullmatch(facts.store_id):
        found.append((["store_id"], "mã cơ sở dữ liệu không hợp lệ / invalid store id"))
    if not 0 <= facts.after <= MAX_ID:
        found.append((["after"], f"phải ≥ 0, ≤ {MAX_ID} / must be ≥ 0, ≤ {MAX_ID}"))
    if len(facts.events) > MAX_EVENTS:
        found.append((["events"], f"tối đa {MAX_EVENTS} sự kiện / at most {MAX_EVENTS} events"))
    for index, event in enumerate(facts.events):
        found += [(["events", index, *where], why) for where, why in _event_problems(event)]
    found += _received_problems(facts.received)
    if not valid_queue(facts.queue):
        found.append((["queue"], "hàng đợi không hợp lệ / invalid queue"))
    return found + _text_problems({"name": facts.name, "agency_code": facts.agency_code})


def _event_problems(event: FactEvent) -> list[Problem]:
    found: list[Problem] = []
    if not 1 <= event.id <= MAX_ID:
        found.append((["id"], f"phải ≥ 1, ≤ {MAX_ID} / must be ≥ 1, ≤ {MAX_ID}"))
    if event.kind not in _KINDS:
        found.append((["kind"], "loại sự kiện không rõ / unknown event kind"))
    if not _is_time(event.at):
        found.append((["at"], "thời điểm không hợp lệ (ISO-8601) / invalid time (ISO-8601)"))
    if event.first_page_at is not None and not _is_time(event.first_page_at):
        found.append((["first_page_at"], "thời điểm không hợp lệ / invalid time"))
    if not 0 <= event.pages <= MAX_PAGES:
        found.append((["pages"], f"phải ≥ 0, ≤ {MAX_PAGES} / must be ≥ 0, ≤ {MAX_PAGES}"))
    texts = {
        "clerk_id": event.clerk_id, "dossier_code": event.dossier_code,
        "page_id": event.page_id, "paper_size": event.paper_size, "reason": event.reason,
    }  # fmt: skip
    return found + _text_problems(texts)


def _received_problems(months: list[ReceivedMonth]) -> list[Problem]:
    found: list[Problem] = []
    if sum(len(m.rows) for m in months) > MAX_ROWS:
        found.append((["received"], f"tối đa {MAX_ROWS} hồ sơ / at most {MAX_ROWS} dossiers"))
    seen: set[str] = set()
    for index, month in enumerate(months):
        where: list[str | int] = ["received", index]
        if not MONTH.fullmatch(month.month) or month.month in seen:
            found.append(([*where, "month"], "tháng YYYY-MM, mỗi tháng một lần / YYYY-MM, once"))
        seen.add(month.month)
        if not DIGEST.fullmatch(month.digest):
            found.append(([*where, "digest"], "sha256, 64 ký tự hex / sha256 as 64 hex digits"))
        for number, row in enumerate(month.rows):
            found += [
                ([*where, "rows", number, *at], why) for at, why in _row_problems(row, month.month)
            ]
    return found


def _row_problems(row: ReceivedFact, month: str) -> list[Problem]:
    found: list[Problem] = []
    if not row.code:
        found.append((["code"], "thiếu mã hồ sơ / missing dossier code"))
    if not _is_time(row.received_at):
        found.append((["received_at"], "thời điểm không hợp lệ / invalid time"))
    elif clock.to_text(clock.parse(row.received_at))[:7] != month:
        found.append((["received_at"], "không thuộc tháng đã ghi (UTC) / not in its month (UTC)"))
    texts = {"code": row.code, "procedure_code": row.procedure_code, "clerk_id": row.clerk_id}
    return found + _text_problems(texts)


def _text_problems(texts: dict[str, str]) -> list[Problem]:
    return [
        ([name], f"tối đa {MAX_TEXT} ký tự, không ký tự điều khiển /"
                         f" at most {MAX_TEXT} characters, no control characters")
        for name, text in texts.items()
        if len(text) > MAX_TEXT or not is_visible_text(text) or _formula_like(text)
    ]  # fmt: skip


def _formula_like(text: str) -> bool:
    """Starts like a spreadsheet formula once the blanks the hub trims for display are gone."""
    return text.strip().startswith(FORMULA_STARTS)


def _is_time(text: Any) -> bool:
    try:
        clock.parse(text)
    except (ValueError, TypeError):
        return False
    return True


def valid_queue(queue: dict[str, Any] | None) -> bool:
    """A backlog the figures can use: counts in range, times the hub can compute with, and a
    dossier code that is a code (it lands in exported sheets)."""
    if queue is None:
        return True
    if not isinstance(queue, dict) or len(queue) > 20:
        return False
    try:
        backlog = queue_from_json(queue)
    except (ValueError, TypeError, KeyError, OverflowError):
        return False
    if backlog is None:
        return True
    counts = (backlog.dossiers_waiting, backlog.dossiers_not_queued, backlog.jobs_queued,
              backlog.jobs_uploading, backlog.jobs_failed)  # fmt: skip
    if not all(type(n) is int and 0 <= n <= MAX_COUNT for n in counts):
        return False
    times = [queue.get("oldest_finished_at"), queue.get("oldest_job_at")]
    if not all(t is None or _is_time(t) for t in times):
        return False
    code = backlog.oldest_dossier_code
    return code is None or (isinstance(code, str) and is_acceptable_code(code))


# storing --------------------------------------------------------------------------------------
def record_facts(
    db: Database, station_id: str, reported_at: str, facts: StationFacts
) -> dict[str, Any]:
    """Store what is new, replace the months sent; returns what the hub now holds."""
    now = clock.now_text()
    with db.transaction(write=True) as session:
        _store_profile(session, station_id, reported_at, now, facts)
        new = [
            stored
            for event in facts.events
            if (stored := _store_event(session, station_id, facts.store_id, now, event))
        ]
        rollup.add(session, rollup.rolled(new))
        _store_received(session, station_id, facts.store_id, now, facts.received)
        return held(session, station_id, facts.store_id, facts.after)


def _store_profile(
    session: Session, station_id: str, reported_at: str, now: str, facts: StationFacts
) -> None:
    session.execute(
        "INSERT INTO station_profiles (station_id, store_id, reported_name, agency_code,"
        " queue_json, facts_reported_at, facts_received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (station_id) DO UPDATE SET store_id = excluded.store_id,"
        " reported_name = excluded.reported_name, agency_code = excluded.agency_code,"
        " queue_json = excluded.queue_json, facts_reported_at = excluded.facts_reported_at,"
        " facts_received_at = excluded.facts_received_at",
        (
            station_id, facts.store_id, facts.name, facts.agency_code,
            None if facts.queue is None else json.dumps(facts.queue),
            clock.to_text(clock.parse(reported_at)), now,
        ),
    )  # fmt: skip


def _store_event(
    session: Session, station_id: str, store_id: str, now: str, event: FactEvent
) -> StoredEvent | None:
    """The event as stored, or None when the hub held it already."""
    first = None if event.first_page_at is None else clock.to_text(clock.parse(event.first_page_at))
    at = clock.to_text(clock.parse(event.at))
    inserted = session.execute(
        "INSERT INTO station_events (station_id, store_id, event_id, kind, at, clerk_id,"
        " dossier_code, page_id, paper_size, pages, reason, first_page_at, stored_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (station_id, store_id, event_id) DO NOTHING",
        (
            station_id, store_id, event.id, event.kind, at, event.clerk_id, event.dossier_code,
            event.page_id, event.paper_size, event.pages, event.reason, first, now,
        ),
    )  # fmt: skip
    if not inserted:
        return None
    return StoredEvent(
        station_id, event.clerk_id, event.kind, at, event.paper_size, event.pages, event.reason,
        first,
    )  # fmt: skip


def _store_received(
    session: Session, station_id: str, store_id: str, now: str, months: list[ReceivedMonth]
) -> None:
    # Every month sent is cleared first: a dossier whose receipt moved to another month is in
    # both, and must not stay behind in the old one.
    for month in months:
        for table in ("received_dossiers", "received_months"):
            session.execute(
                f"DELETE FROM {table} WHERE station_id = ? AND store_id = ? AND month = ?",
                (station_id, store_id, month.month),
            )
    for month in months:
        for row in month.rows:
            session.execute(
                "INSERT INTO received_dossiers (station_id, store_id, month, dossier_code,"
                " procedure_code, clerk_id, received_at, digitized, result_required,"
                " has_electronic_result, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (station_id, store_id, dossier_code) DO UPDATE SET"
                " month = excluded.month, procedure_code = excluded.procedure_code,"
                " clerk_id = excluded.clerk_id, received_at = excluded.received_at,"
                " digitized = excluded.digitized, result_required = excluded.result_required,"
                " has_electronic_result = excluded.has_electronic_result,"
                " finished = excluded.finished",
                (
                    station_id, store_id, month.month, row.code, row.procedure_code,
                    row.clerk_id, clock.to_text(clock.parse(row.received_at)),
                    int(row.digitized), int(row.result_required), int(row.has_electronic_result),
                    None if row.finished is None else int(row.finished),
                ),
            )  # fmt: skip
        if month.rows:
            session.execute(
                "INSERT INTO received_months (station_id, store_id, month, digest, stored_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (station_id, store_id, month.month, month.digest, now),
            )
    if months:
        credit_handed_over(session, station_id, store_id)


def held(session: Session, station_id: str, store_id: str, after: int) -> dict[str, Any]:
    """The last event id to send after, and the months held. When the hub lacks the event the
    station last heard it held (restored from an older backup), it answers the last one it
    holds below that, and the station resends from there."""
    key = (station_id, store_id)
    where = "station_id = ? AND store_id = ?"
    known = after == 0 or session.one(
        f"SELECT 1 AS found FROM station_events WHERE {where} AND event_id = ?", (*key, after)
    )
    if known:
        top = session.one(f"SELECT max(event_id) AS n FROM station_events WHERE {where}", key)
    else:
        top = session.one(
            f"SELECT max(event_id) AS n FROM station_events WHERE {where} AND event_id < ?",
            (*key, after),
        )
    months = session.query(
        f"SELECT month, digest FROM received_months WHERE {where} ORDER BY month", key
    )
    return {
        "events_through": int(top["n"] or 0) if top else 0,
        "received_months": {row["month"]: row["digest"] for row in months},
    }


# reading --------------------------------------------------------------------------------------
def hub_facts(
    db: Database, start: datetime, end: datetime, scope: frozenset[str] | None = None
) -> Facts:
    """The facts in [start, end) of the stations in `scope` (None: all), by hub station id."""
    span = [clock.to_text(start), clock.to_text(end)]
    within, stations = scope_condition("station_id", scope)
    with db.transaction() as session:
        events = session.query(
            f"SELECT * FROM station_events WHERE at >= ? AND at < ? AND {within}"
            " ORDER BY at, station_id, store_id, event_id",
            span + stations,
        )
        received = session.query(
            "SELECT * FROM received_dossiers WHERE received_at >= ? AND received_at < ?"
            f" AND {within} ORDER BY received_at, station_id, dossier_code",
            span + stations,
        )
    kinds = [(row, EventKind(row["kind"])) for row in events]
    return Facts(
        events=tuple(event_from_row(row, kind) for row, kind in kinds),
        received=tuple(_received(row) for row in received),
        uploads=tuple(_upload(row) for row, kind in kinds if kind is EventKind.UPLOAD_CONFIRMED),
        failures=tuple(
            failure_from_row(row) for row, kind in kinds if kind is EventKind.UPLOAD_FAILED
        ),
    )


def event_from_row(row: dict[str, Any], kind: EventKind) -> Event:
    return Event(
        kind, clock.parse(row["at"]), row["station_id"], row["clerk_id"], row["dossier_code"],
        row["page_id"], row["paper_size"], int(row["pages"]), row["reason"], int(row["event_id"]),
    )  # fmt: skip


def _upload(row: dict[str, Any]) -> ConfirmedUpload:
    first = row["first_page_at"]
    return ConfirmedUpload(
        row["dossier_code"], row["station_id"], row["clerk_id"], clock.parse(row["at"]),
        None if first is None else clock.parse(first),
    )  # fmt: skip


def failure_from_row(row: dict[str, Any]) -> UploadFailure:
    code, parked = parse_failure_reason(row["reason"])
    return UploadFailure(
        None, row["dossier_code"], row["station_id"], row["clerk_id"], clock.parse(row["at"]),
        code, parked,
    )  # fmt: skip


def _received(row: dict[str, Any]) -> ReceivedDossier:
    return ReceivedDossier(
        row["dossier_code"], row["station_id"], row["clerk_id"], clock.parse(row["received_at"]),
        bool(row["digitized"]), bool(row["result_required"]), bool(row["has_electronic_result"]),
    )  # fmt: skip
