"""`sohoa stats`: this station's figures for a period, as JSON or a table."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Any

import click

from app.context import AppContext
from app.reports import local_report
from station.stats import (
    Grouping,
    Period,
    PeriodError,
    PeriodProblem,
    StatsReport,
    chosen_period,
    report_to_json,
    zone,
)
from station.stats.periods import parse_day as parse_date
from station.stats.text_table import render_table
from ui.cli.output import print_json

# One station has no units: those are the hub's (sohoa-hub stats --by unit).
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
    report = local_report(app.store, app.catalog, period, Grouping(by) if by else None)
    station = app.store.station()
    payload = report_dict(report, {"id": station.id, "name": station.name})
    if as_json:
        print_json(payload)
    else:
        click.echo(render_table(payload, payload["station"]["name"]))


def report_dict(report: StatsReport, station: dict[str, str]) -> dict[str, Any]:
    return {"ok": True, "station": station, **report_to_json(report)}
