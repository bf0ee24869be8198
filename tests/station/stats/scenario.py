"""A known month at two stations: what happened, in Viet Nam time, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from station.events import Event, EventKind
from station.stats import Facts, ReceivedDossier, zone
from station.upload_facts import ConfirmedUpload, UploadFailure

TZ = zone()  # Asia/Ho_Chi_Minh
S1, S2 = "station-1", "station-2"
CLERKS = {"lan": S1, "minh": S1, "hoa": S2}
K = EventKind


def local(text: str) -> datetime:
    """'2026-11-03 08:05' in Viet Nam time, as the UTC instant the store keeps."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ).astimezone(UTC)


def ev(kind: EventKind, when: str, clerk: str, dossier: str, **fields: object) -> Event:
    return Event(kind, local(when), CLERKS[clerk], clerk, dossier, **fields)  # type: ignore[arg-type]


def page(when: str, clerk: str, dossier: str, page_id: str, paper: str = "A4") -> Event:
    return ev(K.PAGE_STORED, when, clerk, dossier, page_id=page_id, paper_size=paper)


EVENTS = (
    # Lan, 3 Nov: five pages in two clock hours; a delete undone, a delete kept, a rescan.
    ev(K.DOSSIER_OPENED, "2026-11-03 08:00", "lan", "D1"),
    page("2026-11-03 08:05", "lan", "D1", "p1"),
    page("2026-11-03 08:10", "lan", "D1", "p2"),
    page("2026-11-03 08:50", "lan", "D1", "p3", "A3"),
    page("2026-11-03 09:15", "lan", "D1", "p4"),
    ev(K.PAGE_DELETED, "2026-11-03 09:20", "lan", "D1", page_id="p2"),
    ev(K.PAGE_RESTORED, "2026-11-03 09:21", "lan", "D1", page_id="p2"),
    ev(K.PAGE_DELETED, "2026-11-03 09:30", "lan", "D1", page_id="p3"),
    page("2026-11-03 09:39", "lan", "D1", "p5"),
    ev(K.PAGE_RESCANNED, "2026-11-03 09:40", "lan", "D1", page_id="p4"),
    ev(K.DOSSIER_FINISHED, "2026-11-03 10:00", "lan", "D1", pages=3),
    # Minh, 3 Nov: two pages of unknown size, finished with a required paper missing.
    ev(K.DOSSIER_OPENED, "2026-11-03 14:00", "minh", "D2"),
    page("2026-11-03 14:05", "minh", "D2", "q1", ""),
    page("2026-11-03 14:20", "minh", "D2", "q2", ""),
    ev(K.DOSSIER_FINISHED, "2026-11-03 14:30", "minh", "D2", pages=2, reason="thiếu giấy tờ"),
    # Hoa at the other station, 4 Nov, and one page in the last second of the month.
    ev(K.DOSSIER_OPENED, "2026-11-04 07:55", "hoa", "D3"),
    page("2026-11-04 08:00", "hoa", "D3", "r1"),
    page("2026-11-04 08:01", "hoa", "D3", "r2"),
    page("2026-11-04 08:02", "hoa", "D3", "r3"),
    ev(K.DOSSIER_FINISHED, "2026-11-04 08:30", "hoa", "D3", pages=3),
    page("2026-11-30 23:59:59", "hoa", "D7", "r4"),
    # Either side of November, local time.
    page("2026-10-31 23:59", "lan", "D0", "o1"),
    page("2026-12-01 00:00", "hoa", "D8", "x1"),
)


def upload(dossier: str, clerk: str, first: str | None, confirmed: str) -> ConfirmedUpload:
    return ConfirmedUpload(
        dossier, CLERKS[clerk], clerk, local(confirmed), local(first) if first else None
    )


UPLOADS = (
    upload("D1", "lan", "2026-11-03 08:05", "2026-11-03 10:30"),  # 8,700 s
    upload("D2", "minh", "2026-11-03 14:05", "2026-11-05 09:00"),  # 154,500 s
    upload("D3", "hoa", "2026-11-04 08:00", "2026-11-04 08:40"),  # 2,400 s
    upload("D4", "lan", None, "2026-11-10 10:00"),  # stored before events were recorded
    upload("D0", "lan", "2026-10-31 23:59", "2026-12-01 00:00"),  # December's
)


def failure(job: int, dossier: str, clerk: str, when: str, parked: bool) -> UploadFailure:
    code = "sync_hub_unreachable" if parked else ""
    return UploadFailure(job, dossier, CLERKS[clerk], clerk, local(when), code, parked)


FAILURES = (
    failure(1, "D2", "minh", "2026-11-05 08:00", parked=False),
    failure(2, "D5", "hoa", "2026-11-20 10:00", parked=True),
    failure(3, "D8", "hoa", "2026-12-01 00:10", parked=True),
)


def received(
    code: str, clerk: str, when: datetime, digitized: bool, required: bool, result: bool
) -> ReceivedDossier:
    return ReceivedDossier(code, CLERKS[clerk], clerk, when, digitized, required, result)


RECEIVED = (
    received("D1", "lan", local("2026-11-03 08:00"), True, True, True),  # counts
    received("D2", "minh", local("2026-11-03 14:00"), True, True, False),  # no e-result
    received("D3", "hoa", local("2026-11-04 07:55"), True, False, False),  # counts
    received("D9", "lan", local("2026-11-15 09:00"), True, False, False),  # counts
    # 23:30 on 30 Nov local is 16:30 UTC the same day: November's.
    received("D7", "hoa", local("2026-11-30 23:30"), False, True, False),
    # 03:00 on 1 Nov local is 20:00 UTC on 31 Oct: November's, though UTC says October.
    received("D6", "lan", local("2026-11-01 03:00"), False, False, False),
    received("D11", "lan", local("2026-10-31 23:30"), True, False, False),  # October's
    # 17:30 UTC on 30 Nov is 00:30 on 1 Dec local: December's, though UTC says November.
    received("D10", "hoa", datetime(2026, 11, 30, 17, 30, tzinfo=UTC), True, False, False),
)

FACTS = Facts(EVENTS, RECEIVED, UPLOADS, FAILURES)
