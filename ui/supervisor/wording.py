"""The supervisor screen's words and number formats, shared by the screen, the exports and the
PDF so all three say the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from station.stats.export import KINDS, Cell, Column, Kind, Overview, TableKind, Wording

translate = QCoreApplication.translate
NOT_AVAILABLE = "—"


def wording() -> Wording:
    """Headings and titles in the application's language (call after the translators load)."""
    return Wording(
        headings={
            Column.NAME: translate("Supervisor", "Name"),
            Column.PAGES: translate("Supervisor", "Pages"),
            Column.PAGES_PER_HOUR: translate("Supervisor", "Pages per hour"),
            Column.DOSSIERS_FINISHED: translate("Supervisor", "Dossiers finished"),
            Column.PAGES_PER_DOSSIER: translate("Supervisor", "Pages per dossier"),
            Column.UPLOAD_MEDIAN_MINUTES: translate(
                "Supervisor", "First page to upload, median (min)"
            ),
            Column.UPLOAD_P90_MINUTES: translate("Supervisor", "First page to upload, p90 (min)"),
            Column.UPLOAD_FAILURES: translate("Supervisor", "Upload failures"),
            Column.RESCANS_PER_100: translate("Supervisor", "Rescans per 100 pages"),
            Column.DELETES_PER_100: translate("Supervisor", "Deletes per 100 pages"),
            Column.RECEIVED: translate("Supervisor", "Dossiers received"),
            Column.DIGITIZED: translate("Supervisor", "Dossiers digitized"),
            Column.DIGITIZATION_RATE: translate("Supervisor", "Digitization rate (%)"),
            Column.ELECTRONIC_RESULT_RATE: translate("Supervisor", "Electronic results (%)"),
            Column.RESULTS_AWAITING: translate("Supervisor", "Results awaiting scan"),
            Column.PAPER_SIZE: translate("Supervisor", "Paper size"),
            Column.SHARE: translate("Supervisor", "Share (%)"),
            Column.WAITING: translate("Supervisor", "Dossiers waiting to upload"),
            Column.OLDEST_DOSSIER: translate("Supervisor", "Oldest waiting dossier"),
            Column.OLDEST_FINISHED_AT: translate("Supervisor", "Finished at"),
            Column.NOT_QUEUED: translate("Supervisor", "Not queued"),
            Column.JOBS_QUEUED: translate("Supervisor", "Files queued"),
            Column.JOBS_UPLOADING: translate("Supervisor", "Files uploading"),
            Column.JOBS_FAILED: translate("Supervisor", "Files failed"),
        },
        titles={
            TableKind.STATIONS: translate("Supervisor", "By station"),
            TableKind.CLERKS: translate("Supervisor", "By clerk"),
            TableKind.DAYS: translate("Supervisor", "By day"),
            TableKind.PAPER: translate("Supervisor", "Paper sizes"),
            TableKind.QUEUE: translate("Supervisor", "Upload queue"),
        },
        total=translate("Supervisor", "Total"),
        period=translate("Supervisor", "Period"),
        name_headings={
            TableKind.STATIONS: translate("Supervisor", "Station"),
            TableKind.CLERKS: translate("Supervisor", "Clerk"),
            TableKind.DAYS: translate("Supervisor", "Day"),
        },
    )


def unknown_names() -> dict[str, str]:
    """What an empty key stands for: a clerk or paper size nobody recorded."""
    return {"": translate("Supervisor", "(unknown)")}


def format_cell(column: Column, value: Cell) -> str:
    """A cell as the screen (and the PDF) shows it, in the application's locale."""
    if value is None:
        return NOT_AVAILABLE
    kind = KINDS[column]
    if kind is Kind.TEXT or isinstance(value, str):
        return str(value)
    if kind is Kind.COUNT:
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "f", 2)


def format_day(day: date) -> str:
    """dd/MM/yyyy, as dates are written in Viet Nam (and never a two-digit year)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "dd/MM/yyyy")


def period_text(view: Overview) -> str:
    period = view.period
    first, last = format_day(period.first_day), format_day(period.last_day)
    if period.first_day == period.last_day:
        return translate("Supervisor", "Day %1").replace("%1", first)
    return translate("Supervisor", "From %1 to %2").replace("%1", first).replace("%2", last)


def highlights(view: Overview) -> list[tuple[str, str]]:
    """The key figures above the tables, and at the top of the PDF."""
    total = view.total
    rate = format_cell(Column.DIGITIZATION_RATE, total.digitization.rate)
    items = [
        (translate("Supervisor", "Pages"), format_cell(Column.PAGES, total.pages.stored)),
        (translate("Supervisor", "Dossiers finished"),
         format_cell(Column.DOSSIERS_FINISHED, total.dossiers.finished)),
        (translate("Supervisor", "Digitization rate"),
         rate if total.digitization.rate is None else f"{rate} %"),
        (translate("Supervisor", "Upload failures"),
         format_cell(Column.UPLOAD_FAILURES, total.uploads.failures)),
    ]  # fmt: skip
    if view.queue is not None:
        items.append(
            (translate("Supervisor", "Waiting to upload"),
             format_cell(Column.WAITING, view.queue.dossiers_waiting))
        )  # fmt: skip
    return items


def queue_text(view: Overview) -> str:
    queue = view.queue
    if queue is None or queue.oldest_dossier_code is None or queue.oldest_finished_at is None:
        return translate("Supervisor", "Nothing waiting to upload.")
    when = queue.oldest_finished_at
    return (
        translate("Supervisor", "Oldest waiting: %1, finished %2")
        .replace("%1", queue.oldest_dossier_code)
        .replace("%2", format_moment(when))
    )


def format_moment(moment: datetime) -> str:
    """A wall-clock time on the PC's clock, as the main window shows times (the figures are
    still counted by the days of the period's zone)."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{format_day(local.date())} {local.strftime('%H:%M')}"


def wrap_heading(text: str, width: int = 14) -> str:
    """A long heading on two lines, broken at the space nearest its middle."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces: Sequence[int] = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{text[:cut]}\n{text[cut + 1 :]}"


def formulas() -> dict[Column, str]:
    """How each figure is computed, for its tooltip (station.stats.figures is the reference)."""
    return {
        Column.PAGES: translate("Supervisor", "Pages stored in the period (page_stored events)."),
        Column.PAGES_PER_HOUR: translate(
            "Supervisor", "Pages ÷ hours in which at least one page was stored."
        ),
        Column.DOSSIERS_FINISHED: translate("Supervisor", "Dossiers finished in the period."),
        Column.PAGES_PER_DOSSIER: translate(
            "Supervisor", "Pages of the finished dossiers ÷ dossiers finished."
        ),
        Column.UPLOAD_MEDIAN_MINUTES: translate(
            "Supervisor", "Median of (hub confirmed the upload − first page stored), minutes."
        ),
        Column.UPLOAD_P90_MINUTES: translate(
            "Supervisor", "90th percentile of (upload confirmed − first page stored), minutes."
        ),
        Column.UPLOAD_FAILURES: translate(
            "Supervisor", "Upload attempts the hub refused or that failed."
        ),
        Column.RESCANS_PER_100: translate(
            "Supervisor", "100 × pages rescanned (not undone) ÷ pages stored."
        ),
        Column.DELETES_PER_100: translate(
            "Supervisor", "100 × pages deleted (not undone) ÷ pages stored."
        ),
        Column.RECEIVED: translate(
            "Supervisor", "Dossiers received in the period (by receipt date, NgayTiepNhan)."
        ),
        Column.DIGITIZED: translate(
            "Supervisor",
            "Received dossiers with a file for a submitted component and, when the procedure "
            "returns a paper result, a file for a result component.",
        ),
        Column.DIGITIZATION_RATE: translate(
            "Supervisor",
            "KPI 4.2 = 100 × dossiers digitized ÷ dossiers received, by receipt date. A dossier "
            "whose result is on paper counts only once its result is scanned too; 0 received: —.",
        ),
        Column.ELECTRONIC_RESULT_RATE: translate(
            "Supervisor",
            "KPI 4.1 = 100 × dossiers with an electronic result ÷ received dossiers whose "
            "procedure returns a result.",
        ),
        Column.SHARE: translate("Supervisor", "100 × pages of this size ÷ pages stored."),
        Column.WAITING: translate("Supervisor", "Finished dossiers the hub has not confirmed yet."),
        Column.RESULTS_AWAITING: translate(
            "Supervisor", "Finished dossiers whose paper result is not scanned yet."
        ),
    }


def card_formulas() -> list[str]:
    """The tooltips of `highlights`, in the same order."""
    found = formulas()
    return [
        found[Column.PAGES],
        found[Column.DOSSIERS_FINISHED],
        found[Column.DIGITIZATION_RATE],
        found[Column.UPLOAD_FAILURES],
        found[Column.WAITING],
    ]
