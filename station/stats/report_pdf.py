"""The printable report for the monthly meeting: the period, key figures, the tables by station
and by clerk, pages and digitization rate per day as bars, the paper mix and the upload queue.

A4 landscape, DejaVu Sans embedded so Vietnamese prints everywhere. The caller gives every word
(`ReportText`, `Wording`) and the formatter the screen uses, so the paper shows what the screen
shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from station.stats.export import (
    KINDS,
    TARGET_RATE,
    Cell,
    Column,
    DayPoint,
    Kind,
    Overview,
    Table,
    TableKind,
    Wording,
    heading_row,
    table_rows,
)

Formatter = Callable[[Column, Cell], str]
FONT = "DejaVu"
_MARGIN = 10.0
_INK = (33, 37, 41)
_MUTED = (108, 117, 125)
_BAR = (47, 111, 171)
_TARGET = (200, 60, 50)
_GRID = (222, 226, 230)
_HEAD_FILL = (233, 239, 246)
TABLES = (TableKind.STATIONS, TableKind.CLERKS)
SIDE_TABLES = (TableKind.PAPER, TableKind.QUEUE)


@dataclass(frozen=True)
class ReportText:
    title: str
    subtitle: str  # the station or unit
    period: str  # the period, worded
    generated: str  # when and by whom
    highlights: Sequence[tuple[str, str]]  # key figures: label, value as the screen shows it
    pages_chart: str
    rate_chart: str
    target: str  # the legend of the 80 % line
    page: str  # "%1 / %2": this page, the number of pages


def write_report_pdf(
    path: Path, view: Overview, wording: Wording, text: ReportText, fmt: Formatter
) -> None:
    pdf = _ReportPdf(text.page)
    pdf.add_page()
    _header(pdf, text)
    _highlights(pdf, text.highlights)
    for kind in TABLES:
        _table(pdf, view.table(kind), wording, fmt)
    _charts(pdf, view.days, text, fmt)
    for kind in SIDE_TABLES:
        if view.table(kind).rows:
            _table(pdf, view.table(kind), wording, fmt)
    pdf.output(str(path))


class _ReportPdf(FPDF):
    def __init__(self, page_words: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        fonts = resources.files("resources") / "fonts"
        self.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=14)
        self.alias_nb_pages()
        self._page_words = page_words
        self.set_creator("SoHoa Station")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 7)
        self.set_text_color(*_MUTED)
        words = self._page_words.replace("%1", str(self.page_no())).replace("%2", "{nb}")
        self.cell(0, 4, words, align="R")


def _header(pdf: FPDF, text: ReportText) -> None:
    pdf.set_title(f"{text.title} — {text.period}")
    pdf.set_text_color(*_INK)
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 8, text.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 5, text.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, text.period, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*_MUTED)
    pdf.cell(0, 4, text.generated, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _highlights(pdf: FPDF, items: Sequence[tuple[str, str]]) -> None:
    if not items:
        return
    width = (pdf.epw - 4 * (len(items) - 1)) / len(items)
    top = pdf.get_y()
    for n, (label, value) in enumerate(items):
        x = pdf.l_margin + n * (width + 4)
        pdf.set_draw_color(*_GRID)
        pdf.set_fill_color(248, 249, 250)
        pdf.rect(x, top, width, 15, style="DF")
        pdf.set_xy(x + 2, top + 1.5)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*_MUTED)
        pdf.cell(width - 4, 4, label)
        pdf.set_xy(x + 2, top + 6)
        pdf.set_font(FONT, "B", 13)
        pdf.set_text_color(*_INK)
        pdf.cell(width - 4, 7, value)
    pdf.set_y(top + 19)


def _table(pdf: FPDF, table: Table, wording: Wording, fmt: Formatter) -> None:
    rows = table_rows(table, wording)
    if pdf.will_page_break(22):
        pdf.add_page()
    pdf.set_text_color(*_INK)
    pdf.set_font(FONT, "B", 10.5)
    pdf.cell(0, 6, wording.titles.get(table.kind, table.kind.value), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 7.5)
    widths = _widths(table.columns, pdf.epw - 0.1)  # float slack: fpdf refuses > epw
    total_row = len(rows) if table.total is not None else -1
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        line_height=4,
        headings_style=FontFace(emphasis="B", fill_color=_HEAD_FILL),
        text_align=tuple(_align(c) for c in table.columns),
        padding=(0.8, 1.2),
        borders_layout="HORIZONTAL_LINES",
    ) as grid:
        grid.row(heading_row(table, wording))
        for number, values in enumerate(rows, 1):
            style = FontFace(emphasis="B") if number == total_row else None
            row = grid.row(style=style)
            for column, value in zip(table.columns, values, strict=True):
                row.cell(value if isinstance(value, str) else fmt(column, value))
    pdf.ln(4)


def _widths(columns: Sequence[Column], page_width: float) -> list[float]:
    if columns[0] is not Column.NAME:  # a small table: text wider than numbers
        wanted = [45.0 if KINDS[c] is Kind.TEXT else 28.0 for c in columns]
        scale = min(1.0, page_width / sum(wanted))
        return [w * scale for w in wanted]
    name = 42.0
    rest = (page_width - name) / (len(columns) - 1)
    return [name, *([rest] * (len(columns) - 1))]


def _align(column: Column) -> str:
    return "LEFT" if KINDS[column] is Kind.TEXT else "RIGHT"


# charts ---------------------------------------------------------------------------------------
def _charts(pdf: FPDF, days: Sequence[DayPoint], text: ReportText, fmt: Formatter) -> None:
    if not days:
        return
    height = 62.0
    if pdf.will_page_break(height + 4):
        pdf.add_page()
    top = pdf.get_y()
    width = (pdf.epw - 8) / 2
    labels = _day_labels(days)
    pages = [float(d.pages) for d in days]

    def whole(value: float) -> str:
        return fmt(Column.PAGES, round(value))

    with pdf.local_context():  # colours and line widths stay inside the charts
        _bars(pdf, pdf.l_margin, top, width, height, text.pages_chart, pages, labels, whole)
        _bars(pdf, pdf.l_margin + width + 8, top, width, height, text.rate_chart,
              [d.rate for d in days], labels, whole, ceiling=100.0,
              target=(TARGET_RATE, text.target))  # fmt: skip
    pdf.set_y(top + height + 4)


def _bars(
    pdf: FPDF,
    x: float,
    y: float,
    width: float,
    height: float,
    title: str,
    values: Sequence[float | None],
    labels: Sequence[str],
    axis_text: Callable[[float], str],
    ceiling: float | None = None,
    target: tuple[float, str] | None = None,
) -> None:
    pdf.set_text_color(*_INK)
    pdf.set_font(FONT, "B", 9.5)
    pdf.set_xy(x, y)
    pdf.cell(width, 5, title)
    left, bottom = x + 14, y + height - 6
    plot_w, plot_h = width - 16, height - 14
    top_value = ceiling or _nice_ceiling(max((v or 0.0) for v in values))
    pdf.set_font(FONT, "", 6.5)
    for step in range(5):  # grid lines and the axis at quarters of the top value
        tick = top_value * step / 4
        line_y = bottom - plot_h * step / 4
        pdf.set_draw_color(*_GRID)
        pdf.line(left, line_y, left + plot_w, line_y)
        pdf.set_text_color(*_MUTED)
        pdf.set_xy(x, line_y - 2)
        pdf.cell(13, 4, axis_text(tick), align="R")
    slot = plot_w / max(len(values), 1)
    label_every = max(1, math.ceil(len(values) / 16))
    pdf.set_fill_color(*_BAR)
    for n, value in enumerate(values):
        if value is not None and (value or target is not None):  # a rate of 0 still shows
            bar_h = max(plot_h * min(value, top_value) / top_value, 0.4)
            pdf.rect(left + n * slot + slot * 0.15, bottom - bar_h, slot * 0.7, bar_h, style="F")
        if n % label_every == 0:
            pdf.set_xy(left + n * slot - 3, bottom + 0.8)
            pdf.cell(slot + 6, 3.5, labels[n], align="C")
    if target is not None:
        level, legend = target
        line_y = bottom - plot_h * level / top_value
        pdf.set_draw_color(*_TARGET)
        pdf.set_line_width(0.4)
        pdf.set_dash_pattern(dash=1.5, gap=1)
        pdf.line(left, line_y, left + plot_w, line_y)
        pdf.set_dash_pattern()
        pdf.set_line_width(0.2)
        pdf.set_text_color(*_TARGET)
        pdf.set_xy(left + plot_w - 40, line_y - 4)
        pdf.cell(40, 3.5, legend, align="R")


def _nice_ceiling(value: float) -> float:
    """Four grid steps of 1, 2 or 5 × 10ⁿ reaching at least `value` (whole steps for counts)."""
    step = max(value, 4.0) / 4
    power = 10.0 ** math.floor(math.log10(step))
    for factor in (1, 2, 5, 10):
        if factor * power >= step:
            return 4.0 * max(1, round(factor * power))
    return 4.0 * 10 * power


def _day_labels(days: Sequence[DayPoint]) -> list[str]:
    one_month = len({(d.day.year, d.day.month) for d in days}) == 1
    return [f"{d.day.day}" if one_month else f"{d.day.day}/{d.day.month}" for d in days]
