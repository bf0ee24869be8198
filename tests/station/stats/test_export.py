"""The supervisor's tables from known figures, and the CSV, XLSX and PDF files written from them,
read back: the same rows, the same numbers, Vietnamese intact."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pikepdf
import pypdfium2
import pytest

from station.stats import Grouping, Period, stats_report
from station.stats.export import (
    FIGURE_COLUMNS,
    Column,
    Overview,
    TableKind,
    Wording,
    daily_points,
    minutes,
    overview,
    paper_table,
    queue_table,
    write_csv,
    write_xlsx,
)
from station.stats.report_pdf import ReportText, write_report_pdf
from station.upload_facts import QueueBacklog
from tests.station.stats.scenario import FACTS, S1, S2, TZ, local
from tests.station.stats.test_figures import NOVEMBER_TOTAL

NOVEMBER = Period.month(2026, 11, TZ)
WORDING = Wording(
    headings={c: f"h:{c.value}" for c in Column} | {Column.PAGES: "Số trang"},
    titles={
        TableKind.STATIONS: "Theo trạm",
        TableKind.CLERKS: "Theo cán bộ",
        TableKind.DAYS: "Theo ngày",
        TableKind.PAPER: "Khổ giấy",
        TableKind.QUEUE: "Hàng đợi: gửi/lỗi",  # ':' and '/' are not allowed in sheet names
    },
    total="Tổng cộng",
    period="Kỳ báo cáo",
    name_headings={TableKind.STATIONS: "Trạm", TableKind.CLERKS: "Cán bộ"},
)
QUEUE = QueueBacklog(3, "D2", local("2026-11-03 14:30"), 1, 4, 1, 2, local("2026-11-03 14:31"))
NAMES = {
    TableKind.STATIONS: {S1: "Một cửa xã Tân Phú", S2: "Một cửa phường 3"},
    TableKind.CLERKS: {"lan": "Nguyễn Thị Lan (lan)"},
    TableKind.PAPER: {"": "(không rõ)"},
}


def _overview(period: Period = NOVEMBER) -> Overview:
    reports = [stats_report(FACTS, period, by, QUEUE) for by in
               (Grouping.STATION, Grouping.CLERK, Grouping.DAY)]  # fmt: skip
    return overview(*reports, NAMES)


def test_rows_per_station_hold_every_figure_with_waits_in_minutes() -> None:
    table = _overview().table(TableKind.STATIONS)
    assert table.columns == FIGURE_COLUMNS
    assert table.rows == (
        ("Một cửa xã Tân Phú", 7, 2.33, 2, 2.5, 1360.0, 2575.0, 1, 14.29, 14.29, 4, 2, 50.0, 50.0),
        ("Một cửa phường 3", 4, 2.0, 1, 3.0, 40.0, 40.0, 1, 0.0, 0.0, 2, 1, 50.0, 0.0),
    )
    assert table.total == (
        None, 11, 2.2, 3, 2.67, 145.0, 2575.0, 2, 9.09, 9.09, 6, 3, 50.0, 33.33
    )  # fmt: skip


def test_rows_per_clerk_keep_unnamed_clerks_by_their_id() -> None:
    table = _overview().table(TableKind.CLERKS)
    assert [row[0] for row in table.rows] == ["hoa", "Nguyễn Thị Lan (lan)", "minh"]
    assert table.rows[1][-4:] == (3, 2, 66.67, 100.0)
    assert table.rows[2][5:8] == (2575.0, 2575.0, 1)  # minh: 154,500 s, one failure


def test_minutes_round_half_up_to_two_decimals() -> None:
    assert (minutes(None), minutes(0.0), minutes(100.0), minutes(8700.0)) == (None, 0.0, 1.67,
                                                                              145.0)  # fmt: skip
    assert minutes(90.3) == 1.51  # 1.505 exactly, half up


def test_paper_mix_most_used_first_with_shares() -> None:
    table = paper_table(NOVEMBER_TOTAL, NAMES[TableKind.PAPER])
    assert table.rows == (("A4", 8, 72.73), ("(không rõ)", 2, 18.18), ("A3", 1, 9.09))
    assert table.total == (None, 11, 100.0)
    empty = stats_report(FACTS, Period.day(date(2026, 11, 10), TZ)).total
    assert paper_table(empty, {}).rows == () and paper_table(empty, {}).total == (None, 0, None)


def test_queue_backlog_in_local_time_and_nothing_without_a_queue() -> None:
    assert queue_table(QUEUE, NOVEMBER).rows == ((3, "D2", "2026-11-03 14:30", 1, 4, 1, 2, None),)
    assert queue_table(QUEUE, NOVEMBER, 5).rows[0][-1] == 5  # results awaiting scan
    assert queue_table(None, NOVEMBER).rows == ()


def test_every_day_of_the_month_gets_a_point_for_the_charts() -> None:
    days = _overview().days
    assert [d.day for d in days] == [date(2026, 11, n) for n in range(1, 31)]
    assert (days[2].pages, days[2].finished, days[2].rate) == (7, 2, 50.0)
    assert (days[9].pages, days[9].rate) == (0, None)  # 10 Nov: one upload only
    assert days[29].pages == 1  # 23:59:59 on the last day


def test_a_long_period_gets_points_for_its_active_days_only() -> None:
    year = Period.between(date(2026, 1, 1), date(2026, 12, 31), TZ)
    points = daily_points(stats_report(FACTS, year, Grouping.DAY))
    assert len(points) == len(stats_report(FACTS, year, Grouping.DAY).groups) < 20


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as found:
        return list(csv.reader(found))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def test_csv_reads_back_as_the_tables_under_their_titles(tmp_path: Path) -> None:
    view = _overview()
    path = tmp_path / "thang-11.csv"
    write_csv(path, view, WORDING)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets look for
    rows = _csv_rows(path)
    assert rows[0] == ["Kỳ báo cáo", "2026-11-01", "2026-11-30", "Asia/Ho_Chi_Minh"]
    at = rows.index(["Theo trạm"])
    assert rows[at + 1][:2] == ["Trạm", "Số trang"]
    assert rows[at + 1][2] == "h:pages_per_hour"
    stations = view.table(TableKind.STATIONS)
    expected = [*stations.rows, ("Tổng cộng", *stations.total[1:])]
    assert rows[at + 2 : at + 5] == [[_text(v) for v in row] for row in expected]
    days = rows[rows.index(["Theo ngày"]) + 1 :]
    assert days[0][0] == "h:name"  # no name heading given for days: the column's own
    assert days[4] == ["2026-11-05", "0", "", "0", "", "2575.0", "2575.0", "1", "", "", "0",
                       "0", "", ""]  # fmt: skip
    assert rows[-1] == ["3", "D2", "2026-11-03 14:30", "1", "4", "1", "2", ""]


def test_xlsx_has_a_sheet_per_table_with_numbers_as_numbers(tmp_path: Path) -> None:
    view = _overview()
    path = tmp_path / "thang-11.xlsx"
    write_xlsx(path, view, WORDING)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Kỳ báo cáo", "Theo trạm", "Theo cán bộ", "Theo ngày",
                               "Khổ giấy", "Hàng đợi  gửi lỗi"]  # fmt: skip
    assert [c.value for c in book["Kỳ báo cáo"][1]] == ["Kỳ báo cáo", "2026-11-01", "2026-11-30",
                                                        "Asia/Ho_Chi_Minh"]  # fmt: skip
    for kind, title in zip(TableKind, book.sheetnames[1:], strict=True):
        table = view.table(kind)
        found = [list(row) for row in book[title].iter_rows(values_only=True)]
        total = [("Tổng cộng", *table.total[1:])] if table.total else []
        assert found[1:] == [list(row) for row in (*table.rows, *total)]
    stations = book["Theo trạm"]
    assert stations["C2"].value == 2.33 and stations["C2"].number_format == "0.00"
    assert stations["B4"].value == 11 and stations["B4"].font.b


@pytest.fixture
def report(tmp_path: Path) -> Path:
    text = ReportText(
        title="Báo cáo số hóa hồ sơ",
        subtitle="Bộ phận Một cửa xã Tân Phú",
        period="Từ 01/11/2026 đến 30/11/2026",
        generated="Lập lúc 01/12/2026 08:00, người lập: Phạm Thị Thu",
        highlights=[("Số trang", "11"), ("Tỷ lệ số hóa", "50,00 %")],
        pages_chart="Số trang mỗi ngày",
        rate_chart="Tỷ lệ số hóa mỗi ngày (%)",
        target="Mục tiêu 80 %",
        page="Trang %1/%2",
    )
    path = tmp_path / "bao-cao.pdf"

    def vietnamese(column: Column, value: object) -> str:
        if value is None:
            return "—"
        return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)

    write_report_pdf(path, _overview(), WORDING, text, vietnamese)
    return path


def test_the_pdf_report_holds_the_period_the_tables_and_vietnamese(report: Path) -> None:
    document = pypdfium2.PdfDocument(str(report))
    pages = [page.get_textpage().get_text_range() for page in document]
    document.close()
    text = " ".join(" ".join(pages).split())
    for expected in (
        "Báo cáo số hóa hồ sơ",
        "Từ 01/11/2026 đến 30/11/2026",
        "người lập: Phạm Thị Thu",
        "Theo trạm",
        "Theo cán bộ",
        "Một cửa xã Tân Phú 7 2,33 2 2,50 1360,00 2575,00 1 14,29 14,29 4 2 50,00",
        "Nguyễn Thị Lan (lan) 5 2,50 1 3,00 145,00 145,00 0 20,00 20,00 3 2 66,67",
        "Tổng cộng 11 2,20 3 2,67 145,00 2575,00 2 9,09 9,09 6 3 50,00",
        "Số trang mỗi ngày",
        "Mục tiêu 80 %",
        "(không rõ) 2 18,18",
        f"Trang 1/{len(pages)}",
    ):
        assert expected in text, expected


def test_the_pdf_embeds_its_font(report: Path) -> None:
    with pikepdf.open(report) as pdf:
        fonts = [
            font
            for page in pdf.pages
            for font in page.Resources.Font.values()
            if "/DescendantFonts" in font
        ]
        assert fonts
        for font in fonts:
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert "DejaVu" in str(descriptor.FontName)
            assert "/FontFile2" in descriptor
