"""Screenshot of the supervisor screen with a realistic month (offscreen, Vietnamese).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/screenshots/supervisor.py \
        docs/screenshots/supervisor.png [report.pdf]
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from station.accounts import Account, Role
from station.events import Event, EventKind
from station.stats import Facts, Grouping, Period, ReceivedDossier, stats_report, zone
from station.upload_facts import ConfirmedUpload, QueueBacklog, UploadFailure

TZ = zone()
STATIONS = {
    "s1": "Một cửa xã Tân Phú",
    "s2": "Một cửa phường Bến Thành",
    "s3": "Một cửa xã Đông Hòa",
}
CLERKS = {
    "lan": ("s1", "Nguyễn Thị Lan", 1.0),
    "minh": ("s1", "Trần Văn Minh", 0.8),
    "hoa": ("s2", "Lê Thị Hoa", 1.1),
    "tuan": ("s2", "Phạm Anh Tuấn", 0.7),
    "thao": ("s3", "Võ Thị Thảo", 0.9),
}
NOW = datetime(2026, 11, 20, 16, 45, tzinfo=TZ)


def at(day: date, minutes: float) -> datetime:
    return (
        datetime(day.year, day.month, day.day, 7, 30, tzinfo=TZ) + timedelta(minutes=minutes)
    ).astimezone(UTC)


def month_facts() -> tuple[Facts, QueueBacklog]:
    rng = random.Random(766)
    events, received, uploads, failures = [], [], [], []
    n = 0
    for offset in range(20):
        day = date(2026, 11, 1) + timedelta(days=offset)
        if day.weekday() == 6 or (day.weekday() == 5 and offset % 14 != 6):
            continue
        for clerk, (station, _name, pace) in CLERKS.items():
            minute = rng.uniform(0, 20)
            for _ in range(max(2, int(rng.gauss(9, 2.5) * pace))):
                n += 1
                code = f"000.00.15.H29-2611{day.day:02d}-{n:04d}"
                opened = at(day, minute)
                events.append(Event(EventKind.DOSSIER_OPENED, opened, station, clerk, code))
                pages = max(1, int(rng.gauss(6, 3)))
                first = None
                for p in range(pages):
                    when = at(day, minute + 1 + p * rng.uniform(0.4, 1.2))
                    first = first or when
                    paper = rng.choices(["A4", "A3", "A5", "A6", ""], [80, 7, 8, 3, 2])[0]
                    events.append(
                        Event(
                            EventKind.PAGE_STORED, when, station, clerk, code, f"{code}-{p}", paper
                        )
                    )
                    if rng.random() < 0.03:
                        events.append(
                            Event(
                                EventKind.PAGE_RESCANNED,
                                when + timedelta(seconds=40),
                                station,
                                clerk,
                                code,
                                f"{code}-{p}",
                            )
                        )
                    elif rng.random() < 0.025:
                        events.append(
                            Event(
                                EventKind.PAGE_DELETED,
                                when + timedelta(seconds=50),
                                station,
                                clerk,
                                code,
                                f"{code}-{p}",
                            )
                        )
                minute += 2 + pages * 0.9 + rng.uniform(1, 12)
                done = at(day, minute)
                reason = "thiếu giấy tờ" if rng.random() < 0.04 else ""
                events.append(
                    Event(
                        EventKind.DOSSIER_FINISHED,
                        done,
                        station,
                        clerk,
                        code,
                        pages=pages,
                        reason=reason,
                    )
                )
                paper_result = rng.random() < 0.55
                digitized = rng.random() < 0.93
                e_result = paper_result and rng.random() < (0.82 if station != "s3" else 0.6)
                received.append(
                    ReceivedDossier(code, station, clerk, opened, digitized, paper_result, e_result)
                )
                if rng.random() < 0.04:
                    failures.append(
                        UploadFailure(
                            n,
                            code,
                            station,
                            clerk,
                            done + timedelta(minutes=3),
                            "sync_hub_unreachable",
                            rng.random() < 0.3,
                        )
                    )
                if done < NOW - timedelta(hours=2) or rng.random() < 0.5:
                    wait = rng.lognormvariate(2.7, 0.7) + (240 if rng.random() < 0.05 else 0)
                    uploads.append(
                        ConfirmedUpload(code, station, clerk, done + timedelta(minutes=wait), first)
                    )
    queue = QueueBacklog(
        dossiers_waiting=7,
        oldest_dossier_code="000.00.15.H29-261120-0842",
        oldest_finished_at=NOW - timedelta(hours=3, minutes=12),
        dossiers_not_queued=0,
        jobs_queued=11,
        jobs_uploading=1,
        jobs_failed=2,
        oldest_job_at=NOW - timedelta(hours=3, minutes=11),
    )
    return Facts(tuple(events), tuple(received), tuple(uploads), tuple(failures)), queue


class MonthSource:
    """The screen's ReportSource over a known month (a hub would answer the same way)."""

    def __init__(self, facts: Facts, queue: QueueBacklog) -> None:
        self.facts, self.queue = facts, queue

    def __call__(self, period: Period, by: Grouping | None):
        return stats_report(self.facts, period, by, self.queue)

    def names(self, by: Grouping):
        if by is Grouping.STATION:
            return STATIONS
        if by is Grouping.CLERK:
            return {user: f"{name} ({user})" for user, (_s, name, _p) in CLERKS.items()}
        return {}


def main(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.application import create_application
    from ui.supervisor.controller import SupervisorController
    from ui.supervisor.periods import PeriodChoice
    from ui.supervisor.window import SupervisorWindow
    from ui.supervisor.wording import wording
    from ui.tasks import TaskRunner

    app = create_application(sys.argv[:1], "vi")
    tasks = TaskRunner()
    words = wording()
    screen = SupervisorWindow(words)
    supervisor = Account("thu", "Phạm Thị Thu", Role.SUPERVISOR, None, None, True)
    controller = SupervisorController(
        screen,
        MonthSource(*month_facts()),
        tasks,
        supervisor,
        words,
        TZ,
        "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp",
        now=lambda: NOW,
    )
    screen.resize(1366, 768)
    screen.show()
    controller.set_period(PeriodChoice.MONTH, date(2026, 11, 20))
    controller.view.tabs.setCurrentIndex(1)  # by clerk
    for _ in range(100):
        app.processEvents()
        tasks.wait(100)
        if controller.overview is not None:
            break
    for _ in range(20):
        app.processEvents()
    screen.grab().save(str(out), "PNG")
    if len(sys.argv) > 2:
        pdf = Path(sys.argv[2])
        from ui.supervisor.report import write_pdf

        write_pdf(pdf, controller.overview, words, controller.report_text(controller.overview))
    tasks.shutdown()
    QApplication.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
