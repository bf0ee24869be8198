"""The station's figures, computed from plain facts: pure functions, no store, no clock.

The same functions serve one station (facts read from its store) and the hub (facts from every
station), so nothing here knows where the facts came from. Active hours and days are counted
per station: across stations, "pages per hour" stays a counter's pace, not a province's sum.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from station.events import Event, EventKind
from station.stats.periods import Period, local_date
from station.upload_facts import ConfirmedUpload, QueueBacklog, UploadFailure


class Grouping(StrEnum):
    STATION = "station"
    CLERK = "clerk"
    DAY = "day"
    UNIT = "unit"  # the station's agency (đơn vị); needs GroupKeys.units


# What happens at the counter; upload events are the worker's, in the background, and a blank
# back side skipped is the station's.
COUNTER_KINDS = frozenset(
    {
        EventKind.PAGE_STORED,
        EventKind.PAGE_DELETED,
        EventKind.PAGE_RESTORED,
        EventKind.PAGE_RESCANNED,
        EventKind.DOSSIER_OPENED,
        EventKind.DOSSIER_FINISHED,
    }
)


_REMOVALS = (EventKind.PAGE_DELETED, EventKind.PAGE_RESCANNED, EventKind.BLANK_BACK_SKIPPED)


@dataclass(frozen=True)
class GroupKeys:
    """How group keys are made beyond one station's defaults (the hub sets these)."""

    units: Mapping[str, str] = field(default_factory=dict)  # station id -> unit code
    # "station/clerk": clerk ids are local accounts, and two stations may both have an "admin".
    clerk_with_station: bool = False


@dataclass(frozen=True)
class ReceivedDossier:
    """A dossier received in the period, as KPIs 4.1 and 4.2 (Quyết định 766) look at it. Its
    result may be digitized weeks later: it still counts in the period of `received_at`."""

    code: str
    station_id: str
    clerk_id: str
    received_at: datetime  # NgayTiepNhan
    digitized: bool  # a file is attached to one of its (submitted) components
    result_required: bool  # its procedure returns a paper result
    has_electronic_result: bool  # a file is attached to a result component

    @property
    def counts_as_digitized(self) -> bool:
        return self.digitized and (self.has_electronic_result or not self.result_required)


@dataclass(frozen=True)
class Facts:
    events: tuple[Event, ...] = ()
    received: tuple[ReceivedDossier, ...] = ()
    uploads: tuple[ConfirmedUpload, ...] = ()
    failures: tuple[UploadFailure, ...] = ()


@dataclass(frozen=True)
class PageFigures:
    stored: int  # less the blank back sides the station skipped (not brought back)
    deleted: int  # deletes not undone
    rescanned: int
    active_hours: int  # station-hours (local clock) in which at least one page was stored
    per_hour: float | None  # pages stored per active station-hour
    deletes_per_100: float | None
    rescans_per_100: float | None
    paper_sizes: dict[str, int]  # "" when the scanner did not say


@dataclass(frozen=True)
class DossierFigures:
    opened: int
    finished: int
    finished_with_override: int
    active_days: int  # station-days (local) with any counter event
    finished_per_day: float | None  # per active station-day
    pages_per_dossier: float | None  # live pages of the dossiers finished


@dataclass(frozen=True)
class Durations:
    count: int
    median_seconds: float | None
    p90_seconds: float | None  # nearest rank


@dataclass(frozen=True)
class UploadFigures:
    confirmed: int  # dossiers the hub confirmed whole
    failures: int  # failed upload attempts in the period
    parked: int  # of those, failures that put a job on hold for a person
    first_page_to_upload: Durations


@dataclass(frozen=True)
class DigitizationRate:
    """KPI 4.2: digitized ÷ received, counted by receipt date; None when nothing was received."""

    received: int
    digitized: int
    rate: float | None  # percent, 2 decimals


@dataclass(frozen=True)
class ElectronicResultRate:
    """KPI 4.1 (tỷ lệ cấp kết quả điện tử), counted by receipt date like 4.2: of the dossiers
    received whose procedure returns a paper result, those whose result has a file (scanned at
    the counter when it was handed over, or the agency's electronic PDF). The national formula
    counts results synced with a file link; the station counts the file it holds for it."""

    paper_result: int
    with_result: int
    rate: float | None  # percent, 2 decimals; None when no paper-result dossier was received


NO_RESULTS = ElectronicResultRate(0, 0, None)


@dataclass(frozen=True)
class Figures:
    pages: PageFigures
    dossiers: DossierFigures
    uploads: UploadFigures
    digitization: DigitizationRate
    electronic_results: ElectronicResultRate = NO_RESULTS


@dataclass(frozen=True)
class StatsReport:
    period: Period
    by: Grouping | None
    total: Figures
    groups: dict[str, Figures] = field(default_factory=dict)  # ordered by key
    queue: QueueBacklog | None = None  # as of now, whatever the period
    results_awaiting: int | None = None  # as of now: paper results not digitized yet


def stats_report(
    facts: Facts,
    period: Period,
    by: Grouping | None = None,
    queue: QueueBacklog | None = None,
    keys: GroupKeys | None = None,
    results_awaiting: int | None = None,
) -> StatsReport:
    inside = within(facts, period)
    groups = {} if by is None else group_facts(inside, by, period.tz, keys)
    return StatsReport(
        period,
        by,
        figures(inside, period.tz),
        {key: figures(part, period.tz) for key, part in sorted(groups.items())},
        queue,
        results_awaiting,
    )


def within(facts: Facts, period: Period) -> Facts:
    return Facts(
        tuple(e for e in facts.events if period.contains(e.at)),
        tuple(d for d in facts.received if period.contains(d.received_at)),
        tuple(u for u in facts.uploads if period.contains(u.confirmed_at)),
        tuple(f for f in facts.failures if period.contains(f.failed_at)),
    )


def group_facts(
    facts: Facts, by: Grouping, tz: tzinfo, keys: GroupKeys | None = None
) -> dict[str, Facts]:
    keys = keys or GroupKeys()

    def key(station_id: str, clerk_id: str, moment: datetime) -> str:
        if by is Grouping.STATION:
            return station_id
        if by is Grouping.CLERK:
            return f"{station_id}/{clerk_id}" if keys.clerk_with_station else clerk_id
        if by is Grouping.UNIT:
            return keys.units.get(station_id, "")
        return local_date(moment, tz).isoformat()

    groups: dict[str, Facts] = defaultdict(Facts)

    def add(name: str, item: object, station_id: str, clerk_id: str, moment: datetime) -> None:
        k = key(station_id, clerk_id, moment)
        groups[k] = replace(groups[k], **{name: (*getattr(groups[k], name), item)})

    for e in facts.events:
        add("events", e, e.station_id, e.clerk_id, e.at)
    for d in facts.received:
        add("received", d, d.station_id, d.clerk_id, d.received_at)
    for u in facts.uploads:
        add("uploads", u, u.station_id, u.clerk_id, u.confirmed_at)
    for f in facts.failures:
        add("failures", f, f.station_id, f.clerk_id, f.failed_at)
    return dict(groups)


def figures(facts: Facts, tz: tzinfo) -> Figures:
    return Figures(
        page_figures(facts.events, tz),
        dossier_figures(facts.events, tz),
        upload_figures(facts.uploads, facts.failures),
        digitization_rate(facts.received),
        electronic_result_rate(facts.received),
    )


def page_figures(events: Iterable[Event], tz: tzinfo) -> PageFigures:
    events = list(events)
    removals = _removals_not_undone(events)
    stored = [e for e in events if e.kind is EventKind.PAGE_STORED]
    # Blank back sides the station skipped are neither pages the clerk kept nor deletes: each
    # skip left standing takes one page (and its paper size) off, in the skip's own group, so
    # that the hub's hourly rollups can count the same (hub/rollup_report.py).
    skipped = [e for e in removals if e.kind is EventKind.BLANK_BACK_SKIPPED]
    kept = len(stored) - len(skipped)
    papers = Counter(e.paper_size for e in stored)
    papers.subtract(e.paper_size for e in skipped)
    deleted = sum(1 for e in removals if e.kind is EventKind.PAGE_DELETED)
    rescanned = sum(1 for e in removals if e.kind is EventKind.PAGE_RESCANNED)
    hours = {(e.station_id, e.at.astimezone(tz).strftime("%Y-%m-%d %H")) for e in stored}
    return PageFigures(
        stored=kept,
        deleted=deleted,
        rescanned=rescanned,
        active_hours=len(hours),
        per_hour=ratio(kept, len(hours)),
        deletes_per_100=ratio(100 * deleted, kept),
        rescans_per_100=ratio(100 * rescanned, kept),
        paper_sizes=dict(sorted((size, n) for size, n in papers.items() if n)),
    )


def _removals_not_undone(events: Iterable[Event]) -> list[Event]:
    """Deletes, rescans and blank backs skipped, less those a later restore of the same page
    undid."""
    removed: dict[str, list[Event]] = defaultdict(list)
    for e in sorted(events, key=_when):
        if e.kind in _REMOVALS:
            removed[e.page_id].append(e)
        elif e.kind is EventKind.PAGE_RESTORED and removed[e.page_id]:
            removed[e.page_id].pop()
    return [e for found in removed.values() for e in found]


def dossier_figures(events: Iterable[Event], tz: tzinfo) -> DossierFigures:
    events = list(events)
    finished = [e for e in events if e.kind is EventKind.DOSSIER_FINISHED]
    days = {(e.station_id, local_date(e.at, tz)) for e in events if e.kind in COUNTER_KINDS}
    return DossierFigures(
        opened=sum(1 for e in events if e.kind is EventKind.DOSSIER_OPENED),
        finished=len(finished),
        finished_with_override=sum(1 for e in finished if e.reason),
        active_days=len(days),
        finished_per_day=ratio(len(finished), len(days)),
        pages_per_dossier=ratio(sum(e.pages for e in finished), len(finished)),
    )


def upload_figures(
    uploads: Iterable[ConfirmedUpload], failures: Iterable[UploadFailure]
) -> UploadFigures:
    uploads, failures = list(uploads), list(failures)
    waits = [
        (u.confirmed_at - u.first_page_at).total_seconds()
        for u in uploads
        if u.first_page_at is not None
    ]
    return UploadFigures(
        confirmed=len(uploads),
        failures=len(failures),
        parked=sum(1 for f in failures if f.parked),
        first_page_to_upload=durations(waits),
    )


def total_queue(queues: Sequence[QueueBacklog]) -> QueueBacklog | None:
    """Several stations' backlogs as one: counts added, the oldest item of all."""
    if not queues:
        return None
    dated = [(q.oldest_finished_at, q) for q in queues if q.oldest_finished_at is not None]
    oldest = min(dated, key=lambda pair: pair[0])[1] if dated else None
    jobs = [q.oldest_job_at for q in queues if q.oldest_job_at is not None]
    return QueueBacklog(
        dossiers_waiting=sum(q.dossiers_waiting for q in queues),
        oldest_dossier_code=oldest.oldest_dossier_code if oldest else None,
        oldest_finished_at=oldest.oldest_finished_at if oldest else None,
        dossiers_not_queued=sum(q.dossiers_not_queued for q in queues),
        jobs_queued=sum(q.jobs_queued for q in queues),
        jobs_uploading=sum(q.jobs_uploading for q in queues),
        jobs_failed=sum(q.jobs_failed for q in queues),
        oldest_job_at=min(jobs) if jobs else None,
    )


def durations(seconds: list[float]) -> Durations:
    if not seconds:
        return Durations(0, None, None)
    ordered = sorted(seconds)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    return Durations(len(ordered), _round(statistics.median(ordered)), _round(p90))


def digitization_rate(received: Iterable[ReceivedDossier]) -> DigitizationRate:
    received = list(received)
    digitized = sum(1 for d in received if d.counts_as_digitized)
    return DigitizationRate(len(received), digitized, ratio(100 * digitized, len(received)))


def electronic_result_rate(received: Iterable[ReceivedDossier]) -> ElectronicResultRate:
    paper = [d for d in received if d.result_required]
    with_result = sum(1 for d in paper if d.has_electronic_result)
    return ElectronicResultRate(len(paper), with_result, ratio(100 * with_result, len(paper)))


def ratio(numerator: float, denominator: float) -> float | None:
    """Rounded half up to 2 decimals, exactly; None (N/A) when the denominator is 0."""
    if not denominator:
        return None
    return _round(Fraction(numerator) / Fraction(denominator))


def _round(value: float | Fraction) -> float:
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _when(e: Event) -> tuple[datetime, int]:
    return (e.at, e.id or 0)
