"""Figures and facts as JSON: one format for `sohoa stats`, the hub's `/api/v1/stats` and the GUI.

`report_to_json` gives plain JSON values (times as ISO-8601 text); `report_from_json` rebuilds
the same StatsReport. Keys a newer writer added are ignored, so an older reader still works.
The station's facts travel to the hub in the shapes `event_to_json` and `received_to_json` give.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from datetime import date, datetime, timezone, tzinfo
from typing import Any, TypeVar

from station.events import Event, EventKind, stamp
from station.stats.figures import (
    NO_RESULTS,
    DigitizationRate,
    DossierFigures,
    Durations,
    ElectronicResultRate,
    Figures,
    Grouping,
    PageFigures,
    ReceivedDossier,
    StatsReport,
    UploadFigures,
)
from station.stats.periods import Period, zone, zone_name
from station.upload_facts import QueueBacklog

_T = TypeVar("_T")


def report_to_json(report: StatsReport) -> dict[str, Any]:
    return {
        "period": period_to_json(report.period),
        "by": report.by.value if report.by else None,
        "total": asdict(report.total),
        "groups": [{"key": key, **asdict(f)} for key, f in report.groups.items()],
        "queue": queue_to_json(report.queue),
        "results_awaiting": report.results_awaiting,
    }


def report_from_json(payload: Mapping[str, Any]) -> StatsReport:
    """Raises ValueError (or KeyError/TypeError) for a payload that is not a report."""
    by = payload.get("by")
    return StatsReport(
        period=period_from_json(payload["period"]),
        by=Grouping(by) if by else None,
        total=figures_from_json(payload["total"]),
        groups={group["key"]: figures_from_json(group) for group in payload.get("groups", [])},
        queue=queue_from_json(payload.get("queue")),
        results_awaiting=payload.get("results_awaiting"),
    )


def period_to_json(period: Period) -> dict[str, str]:
    return {
        "since": period.first_day.isoformat(),
        "until": period.last_day.isoformat(),
        "timezone": zone_name(period.tz),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def period_from_json(data: Mapping[str, str]) -> Period:
    return Period.between(
        date.fromisoformat(data["since"]), date.fromisoformat(data["until"]), _zone_of(data)
    )


def _zone_of(data: Mapping[str, str]) -> tzinfo:
    """The named zone; a zone this machine does not know is kept as the start's offset."""
    try:
        return zone(data["timezone"])
    except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        offset = datetime.fromisoformat(data["start"]).utcoffset()
        return timezone(offset) if offset is not None else zone()


def figures_from_json(data: Mapping[str, Any]) -> Figures:
    uploads = dict(data["uploads"])
    uploads["first_page_to_upload"] = _known(Durations, uploads["first_page_to_upload"])
    return Figures(
        pages=_known(PageFigures, data["pages"]),
        dossiers=_known(DossierFigures, data["dossiers"]),
        uploads=_known(UploadFigures, uploads),
        digitization=_known(DigitizationRate, data["digitization"]),
        # An older writer's report has no 4.1: it reads as nothing received.
        electronic_results=_known(ElectronicResultRate, data["electronic_results"])
        if "electronic_results" in data
        else NO_RESULTS,
    )


def queue_to_json(queue: QueueBacklog | None) -> dict[str, Any] | None:
    if queue is None:
        return None
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in asdict(queue).items()
    }


def queue_from_json(data: Mapping[str, Any] | None) -> QueueBacklog | None:
    if data is None:
        return None
    values = dict(data)
    for key in ("oldest_finished_at", "oldest_job_at"):
        values[key] = _time(values.get(key))
    return _known(QueueBacklog, values)


def _time(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"a time without its offset: {text!r}")
    return moment


def _known(cls: type[_T], data: Mapping[str, Any]) -> _T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{key: value for key, value in data.items() if key in names})


# The station's facts on their way to the hub ------------------------------------------------
def event_to_json(event: Event, first_page_at: datetime | None = None) -> dict[str, Any]:
    """An event as the hub stores it; the station's own id travels once per request instead."""
    data: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind.value,
        "at": stamp(event.at),
        "clerk_id": event.clerk_id,
        "dossier_code": event.dossier_code,
        "page_id": event.page_id,
        "paper_size": event.paper_size,
        "pages": event.pages,
        "reason": event.reason,
    }
    if event.kind is EventKind.UPLOAD_CONFIRMED:
        # The hub cannot tell it from the events alone: pages may predate event recording.
        data["first_page_at"] = None if first_page_at is None else stamp(first_page_at)
    return data


def received_to_json(dossier: ReceivedDossier, procedure_code: str) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "procedure_code": procedure_code,
        "clerk_id": dossier.clerk_id,
        "received_at": stamp(dossier.received_at),
        "digitized": dossier.digitized,
        "result_required": dossier.result_required,
        "has_electronic_result": dossier.has_electronic_result,
    }


def received_month(row: Mapping[str, Any]) -> str:
    """The bucket a received row travels in: the UTC month of its receipt, "YYYY-MM"."""
    return str(row["received_at"])[:7]


def received_digest(rows: Iterable[Mapping[str, Any]]) -> str:
    """Changes whenever any row of the bucket does: the hub holds a month while this matches."""
    ordered = sorted(rows, key=lambda row: str(row["code"]))
    text = json.dumps(ordered, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
