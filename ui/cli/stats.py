"""`sohoa stats`: this station's figures for a period, as JSON or a table."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

import click

from app.context import AppContext
from station.stats import (
    Grouping,
    Period,
    PeriodError,
    PeriodProblem,
    StatsReport,
    chosen_period,
    report_to_json,
    station_report,
    zone,
)
from station.stats.periods import parse_day as parse_date
from ui.cli.output import print_json

NOT_AVAILABLE = "N/A"
# One station has no units: those are the hub's (sohoa hub stats --by unit).
STATION_GROUPINGS = (Grouping.STATION, Grouping.CLERK, Grouping.DAY)
_PERIOD_PROBLEMS = {
    PeriodProblem.UNTIL_WITHOUT_SINCE: "--until cần --since / --until needs --since",
    PeriodProblem.UNTIL_BEFORE_SINCE: "--until trước --since / --until is before --since",
}


def parse_day(value: str) -> date:
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY / use YYYY-MM-DD or DD/MM/YYYY"
        ) from None


def day_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else parse_day(value)


def time_zone(tz_name: str | None) -> tzinfo:
    try:
        return zone(tz_name)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise click.BadParameter(
            f"múi giờ không rõ / unknown time zone {tz_name!r}", param_hint="--tz"
        ) from exc


def period_of(since: date | None, until: date | None, tz: tzinfo) -> Period:
    try:
        return chosen_period(since, until, tz)
    except PeriodError as exc:
        raise click.UsageError(_PERIOD_PROBLEMS[exc.problem]) from None


@click.command("stats")
@click.option("--since", callback=day_option, help="First day, YYYY-MM-DD (default: today).")
@click.option("--until", callback=day_option, help="Last day, included (default: today).")
@click.option(
    "--by",
    type=click.Choice([g.value for g in STATION_GROUPINGS]),
    default=None,
    help="Split the figures.",
)
@click.option(
    "--tz",
    "tz_name",
    default=None,
    help="Time zone (default Asia/Ho_Chi_Minh; 'local': this PC's).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def stats_command(
    app: AppContext,
    since: date | None,
    until: date | None,
    by: str | None,
    tz_name: str | None,
    as_json: bool,
) -> None:
    """Figures of this station (thống kê): pages, dossiers, uploads, digitization rate."""
    period = period_of(since, until, time_zone(tz_name))
    report = station_report(app.store, app.catalog, period, Grouping(by) if by else None)
    station = app.store.station()
    payload = report_dict(report, {"id": station.id, "name": station.name})
    if as_json:
        print_json(payload)
    else:
        click.echo(render_table(payload, payload["station"]["name"]))


def report_dict(report: StatsReport, station: dict[str, str]) -> dict[str, Any]:
    return {"ok": True, "station": station, **report_to_json(report)}


# The table: one row per figure, one column for the total and one per group.
_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Trang đã lưu / Pages stored", ("pages", "stored")),
    ("Trang mỗi giờ / Pages per hour", ("pages", "per_hour")),
    ("Xóa mỗi 100 trang / Deletes per 100 pages", ("pages", "deletes_per_100")),
    ("Quét lại mỗi 100 trang / Rescans per 100 pages", ("pages", "rescans_per_100")),
    ("Khổ giấy / Paper sizes", ("pages", "paper_sizes")),
    ("Hồ sơ đã mở / Dossiers opened", ("dossiers", "opened")),
    ("Hồ sơ hoàn tất / Dossiers finished", ("dossiers", "finished")),
    ("  thiếu thành phần / with override", ("dossiers", "finished_with_override")),
    ("Hồ sơ mỗi ngày / Dossiers per day", ("dossiers", "finished_per_day")),
    ("Trang mỗi hồ sơ / Pages per dossier", ("dossiers", "pages_per_dossier")),
    ("Đã gửi xác nhận / Uploads confirmed", ("uploads", "confirmed")),
    ("Gửi lỗi / Upload failures", ("uploads", "failures")),
    ("Trang đầu→gửi, trung vị / First page→upload, median", ("uploads", "first_page_to_upload",
                                                             "median_seconds")),
    ("Trang đầu→gửi, P90 / First page→upload, p90", ("uploads", "first_page_to_upload",
                                                       "p90_seconds")),
    ("Hồ sơ tiếp nhận / Dossiers received", ("digitization", "received")),
    ("Hồ sơ đã số hóa / Dossiers digitized", ("digitization", "digitized")),
    ("Tỷ lệ số hóa (%) / Digitization rate (%)", ("digitization", "rate")),
)  # fmt: skip


def render_table(payload: dict[str, Any], title: str) -> str:
    """`payload` as report_to_json gives it; `title` names the station or the hub."""
    period = payload["period"]
    columns = [("Tổng / Total", payload["total"])]
    columns += [(group["key"] or "?", group) for group in payload["groups"]]
    head = (
        f"Thống kê / Statistics — {title}: "
        f"{period['since']} … {period['until']} ({period['timezone']})"
    )
    cells = [[label, *(_cell(figures, path) for _, figures in columns)] for label, path in _ROWS]
    header = ["", *(name for name, _ in columns)]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]
    lines = [head, ""]
    for row in [header, *cells]:
        first = row[0].ljust(widths[0])
        rest = (value.rjust(width) for value, width in zip(row[1:], widths[1:], strict=True))
        lines.append("  ".join([first, *rest]).rstrip())
    if payload["queue"] is not None:
        shown_in = datetime.fromisoformat(period["start"]).tzinfo
        lines += ["", _queue_line(payload["queue"], shown_in)]
    return "\n".join(lines)


def _cell(figures: dict[str, Any], path: tuple[str, ...]) -> str:
    value: Any = figures
    for key in path:
        value = value[key]
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, dict):
        return ", ".join(f"{size or '?'} {count}" for size, count in value.items()) or "-"
    if path[-1].endswith("_seconds"):
        return _duration(value)
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _duration(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}"


def _queue_line(queue: dict[str, Any], tz: tzinfo | None) -> str:
    line = (
        f"Chờ gửi / Waiting to upload: {queue['dossiers_waiting']} hồ sơ / dossiers"
        f" (lỗi / failed jobs {queue['jobs_failed']},"
        f" chưa xếp hàng / not queued {queue['dossiers_not_queued']})"
    )
    oldest = queue["oldest_finished_at"]
    if oldest is not None:
        when = datetime.fromisoformat(oldest).astimezone(tz).strftime("%Y-%m-%d %H:%M")
        line += f"; cũ nhất / oldest: {queue['oldest_dossier_code']} ({when})"
    return line
