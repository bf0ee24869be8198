"""The monthly meeting's PDF: the words for `station.stats.report_pdf`, in the app's language,
and the screen's own number format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from station.stats.export import Overview, Wording
from station.stats.report_pdf import ReportText, write_report_pdf
from ui.supervisor.wording import format_cell, highlights, period_text

translate = QCoreApplication.translate


def report_text(view: Overview, station_title: str, generated: str) -> ReportText:
    """Call on the GUI thread (translations); the PDF itself is written on a worker."""
    return ReportText(
        title=translate("Supervisor", "Dossier digitization report"),
        subtitle=station_title,
        period=period_text(view),
        generated=generated,
        highlights=highlights(view),
        pages_chart=translate("Supervisor", "Pages per day"),
        rate_chart=translate("Supervisor", "Digitization rate per day (%)"),
        target=translate("Supervisor", "Target 80 %"),
        page=translate("Supervisor", "Page %1 of %2"),
    )


def write_pdf(path: Path, view: Overview, wording: Wording, text: ReportText) -> None:
    write_report_pdf(path, view, wording, text, format_cell)
