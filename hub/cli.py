"""`sohoa-hub ...`: run the reference provincial hub and manage station credentials."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from hub import dossiers, stations
from hub.catalog_cli import catalog_group
from hub.cli_accounts import access_log_command, station_group, users_group
from hub.cli_common import DATA, DSN, database, print_json
from hub.config import DEFAULT_ONLINE_WINDOW, DEFAULT_TOKEN_TTL, KIB, MIB, HubConfig
from hub.context import Hub
from hub.stats import StatsQuery, hub_report
from station import __version__
from station.stats.figures import Grouping
from station.stats.periods import Period, PeriodError, PeriodProblem, chosen_period, parse_day, zone
from station.stats.text_table import render_table


def _day_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY / use YYYY-MM-DD or DD/MM/YYYY"
        ) from None


_PERIOD_PROBLEMS = {
    PeriodProblem.UNTIL_WITHOUT_SINCE: "--until cần --since / --until needs --since",
    PeriodProblem.UNTIL_BEFORE_SINCE: "--until trước --since / --until is before --since",
}


def _period_of(since: date | None, until: date | None, tz_name: str | None) -> Period:
    try:
        tz = zone(tz_name)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise click.BadParameter(
            f"múi giờ không rõ / unknown time zone {tz_name!r}", param_hint="--tz"
        ) from exc
    try:
        return chosen_period(since, until, tz)
    except PeriodError as exc:
        raise click.UsageError(_PERIOD_PROBLEMS[exc.problem]) from None


_UNIT = click.option(
    "--unit",
    "unit_code",
    default=None,
    help='Unit (đơn vị) code, e.g. the agency code "000.00.14.H05"; default: the one the '
    "station reports.",
)
_UNIT_NAME = click.option("--unit-name", default=None, help='e.g. "UBND xã Đông Anh".')


def _unit(code: str | None, name: str | None) -> stations.Unit:
    try:
        return stations.Unit(code or "", name or "")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--unit") from exc


@click.group("hub", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="sohoa-hub", message="%(prog)s %(version)s"
)
def hub_group() -> None:
    """Reference provincial hub (máy chủ tiếp nhận hồ sơ của tỉnh)."""


@hub_group.command("add-station")
@DATA
@DSN
@click.option("--name", default=None, help='Display name (tên trạm), e.g. "Xã Đông Anh".')
@click.option(
    "--client-id",
    default=None,
    help="Station id, also its OAuth2 client id (default: made from --name).",
)
@_UNIT
@_UNIT_NAME
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def add_station_command(
    data_dir: Path,
    dsn: str | None,
    name: str | None,
    client_id: str | None,
    unit_code: str | None,
    unit_name: str | None,
    as_json: bool,
) -> None:
    """Register a station and print its client id and secret (the secret is shown only once)."""
    if not client_id and not name:
        raise click.UsageError("give --name or --client-id (cần tên trạm hoặc mã trạm)")
    unit = _unit(unit_code, unit_name)
    db = database(data_dir, dsn)
    try:
        if client_id:
            secret = stations.add_station(db, client_id, name, unit)
        else:
            client_id, secret = stations.add_named_station(db, name or "", unit=unit)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--client-id") from exc
    except stations.StationExists as exc:
        raise click.ClickException(f"station {exc} already exists (trạm đã có)") from exc
    if as_json:
        print_json(
            {
                "client_id": client_id,
                "client_secret": secret,
                "name": name or client_id,
                "unit_code": unit.code,
                "unit_name": unit.name,
            }
        )
        return
    click.echo(f"Mã trạm / client id: {client_id}")
    click.echo(f"Mật khẩu / client secret: {secret}")
    click.echo("Chỉ hiện một lần, hãy chép sang trạm ngay / shown only once: copy it now.")


@hub_group.command("set-unit")
@DATA
@DSN
@click.option("--station", "client_id", required=True, help="Station (client) id.")
@_UNIT
@_UNIT_NAME
def set_unit_command(
    data_dir: Path, dsn: str | None, client_id: str, unit_code: str | None, unit_name: str | None
) -> None:
    """Set a station's unit (đơn vị); without --unit, forget it (the reported one applies)."""
    unit = _unit(unit_code, unit_name)
    try:
        stations.set_unit(database(data_dir, dsn), client_id, unit)
    except stations.UnknownStation as exc:
        raise click.BadParameter(
            f"trạm {exc} chưa đăng ký / station {exc} is not registered", param_hint="--station"
        ) from exc
    click.echo(f"{client_id}: {unit.code or '-'} {unit.name}".rstrip())


@hub_group.command("stats")
@DATA
@DSN
@click.option("--since", callback=_day_option, help="First day, YYYY-MM-DD (default: today).")
@click.option("--until", callback=_day_option, help="Last day, included (default: today).")
@click.option(
    "--by", type=click.Choice([g.value for g in Grouping]), default=None, help="Split the figures."
)
@click.option(
    "--offline-after",
    default=DEFAULT_ONLINE_WINDOW,
    show_default=True,
    type=click.IntRange(min=0),
    help="Seconds without a heartbeat or facts before a station counts as offline.",
)
@click.option("--tz", "tz_name", default=None, help="Time zone (default Asia/Ho_Chi_Minh).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats_command(
    data_dir: Path,
    dsn: str | None,
    since: date | None,
    until: date | None,
    by: str | None,
    offline_after: int,
    tz_name: str | None,
    as_json: bool,
) -> None:
    """Figures across stations (thống kê toàn tỉnh), per station, clerk, unit or day."""
    period = _period_of(since, until, tz_name)
    query = StatsQuery(period, Grouping(by) if by else None)
    payload = hub_report(database(data_dir, dsn), query, offline_after)
    if as_json:
        print_json(payload)
        return
    click.echo(render_table(payload, "Máy chủ tỉnh / Hub"))
    if payload["results_awaiting_oldest_at"] is not None:
        click.echo(
            f"  chờ lâu nhất / longest wait: {payload['results_awaiting_oldest_days']} ngày / days"
            f" (tiếp nhận / received {payload['results_awaiting_oldest_at']})"
        )
    click.echo("")
    click.echo(_stations_table(payload["stations"]))


def _stations_table(rows: list[dict[str, Any]]) -> str:
    lines = ["Trạm / Stations (… kết quả chờ số hóa / results awaiting scan):"]
    for row in rows:
        state = "trực tuyến / online" if row["online"] else "mất kết nối / offline"
        seen = row["last_seen_at"] or "chưa thấy / never seen"
        unit = row["unit_code"] or "-"
        waiting = "N/A" if row["results_awaiting"] is None else row["results_awaiting"]
        lines.append(f"  {row['station_id']}\t{unit}\t{state}\t{seen}\t{row['name']}\t{waiting}")
    return "\n".join(lines)


@hub_group.command("serve")
@DATA
@DSN
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8750, show_default=True, type=int)
@click.option("--token-ttl", default=DEFAULT_TOKEN_TTL, show_default=True, type=int)
@click.option("--online-window", default=DEFAULT_ONLINE_WINDOW, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option(
    "--require-signatures",
    is_flag=True,
    help="Refuse PDFs without the clerk's digital signature (bắt buộc ký số).",
)
@click.option(
    "--heartbeats-per-minute",
    default=HubConfig.heartbeats_per_minute,
    show_default=True,
    type=click.IntRange(min=1),
    help="Heartbeats one station may send a minute (per hub process); beyond: 429.",
)
@click.option(
    "--metrics-per-minute",
    default=HubConfig.metrics_per_minute,
    show_default=True,
    type=click.IntRange(min=1),
    help="Metrics requests one station may send a minute (per hub process); beyond: 429.",
)
@click.option(
    "--personal-reads-per-minute",
    default=HubConfig.personal_reads_per_minute,
    show_default=True,
    type=click.IntRange(min=1),
    help="Logged reads of personal data (a dossier, a hand-over look-up, figures per clerk) one"
    " station or account may make a minute (per hub process); beyond: 429.",
)
@click.option(
    "--access-log-days",
    default=HubConfig.access_log_days,
    show_default=True,
    type=click.IntRange(min=1),
    help="Days an access log entry is kept; older ones are deleted (nhật ký truy cập).",
)
@click.option(
    "--figures-cache-seconds",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds each hub process reuses a figures report (the dashboard, /api/v1/stats);"
    " up to ten times that, an older one is answered while the next is made.",
)
@click.option(
    "--free-disk-margin",
    "free_disk_margin_mib",
    default=HubConfig.free_disk_margin // MIB,
    show_default=True,
    type=click.IntRange(min=0),
    help="MiB of free disk space the data folder keeps; a larger upload gets 507.",
)
@click.option(
    "--upload-min-rate",
    "upload_min_rate_kib",
    default=HubConfig.upload_min_rate / KIB,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="KiB/s an upload must average; a slower trickle is cut (408) and frees its upload.",
)
@click.option(
    "--upload-ttl-hours",
    default=HubConfig.upload_ttl / 3600,
    show_default=True,
    type=click.FloatRange(min=0.0001),
    help="Hours an unfinished upload is kept; then it expires and its bytes are removed.",
)
@click.option(
    "--upload-sweep-minutes",
    default=HubConfig.upload_sweep_interval / 60,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Minutes between two sweeps of expired, unfinished uploads.",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a client has to send a request's headers.",
)
def serve_command(
    data_dir: Path,
    dsn: str | None,
    host: str,
    port: int,
    token_ttl: int,
    online_window: int,
    workers: int,
    require_signatures: bool,
    heartbeats_per_minute: int,
    metrics_per_minute: int,
    personal_reads_per_minute: int,
    access_log_days: int,
    figures_cache_seconds: float,
    free_disk_margin_mib: int,
    upload_min_rate_kib: float,
    upload_ttl_hours: float,
    upload_sweep_minutes: float,
    header_timeout: float,
) -> None:
    """Run the hub's HTTP server."""
    from hub.server import serve  # uvicorn is imported only when serving

    config = HubConfig(
        data_dir=data_dir,
        dsn=dsn,
        token_ttl=token_ttl,
        online_window=online_window,
        require_signatures=require_signatures,
        heartbeats_per_minute=heartbeats_per_minute,
        metrics_per_minute=metrics_per_minute,
        personal_reads_per_minute=personal_reads_per_minute,
        access_log_days=access_log_days,
        figures_cache_seconds=figures_cache_seconds,
        free_disk_margin=free_disk_margin_mib * MIB,
        upload_min_rate=upload_min_rate_kib * KIB,
        upload_ttl=max(1, round(upload_ttl_hours * 3600)),
        upload_sweep_interval=upload_sweep_minutes * 60,
    )
    serve(config, host, port, workers, header_timeout)


@hub_group.command("stations")
@DATA
@DSN
@click.option("--online-window", default=DEFAULT_ONLINE_WINDOW, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stations_command(data_dir: Path, dsn: str | None, online_window: int, as_json: bool) -> None:
    """List stations with their last heartbeat (danh sách trạm)."""
    rows = stations.list_stations(database(data_dir, dsn), online_window)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = "online" if row["online"] else "offline"
        seen = row["last_heartbeat_at"] or "-"
        click.echo(f"{row['station_id']}\t{state}\t{seen}\t{row['name']}")


_LS_COLUMNS = (
    ("station_id", "Trạm/station"),
    ("dossier_code", "Hồ sơ/dossier"),
    ("component_code", "Thành phần/component"),
    ("file_name", "Tệp/file"),
    ("bytes", "Bytes"),
    ("sha256", "SHA-256"),
    ("received_at", "Nhận lúc/received at"),
)


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


@hub_group.command("ls")
@DATA
@DSN
@click.option("--station", default=None, help="Only this station's files.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def ls_command(data_dir: Path, dsn: str | None, station: str | None, as_json: bool) -> None:
    """List the files of committed dossiers (các tệp đã nhận)."""
    hub = Hub(HubConfig(data_dir=data_dir, dsn=dsn), database(data_dir, dsn))
    files = dossiers.received_files(hub, station)
    if as_json:
        print_json(files)
        return
    if not files:
        click.echo("Chưa nhận tệp nào / no files received yet.")
        return
    table = [[title for _, title in _LS_COLUMNS]]
    table += [[_cell(entry[key]) for key, _ in _LS_COLUMNS] for entry in files]
    widths = [max(len(row[i]) for row in table) for i in range(len(_LS_COLUMNS))]
    for row in table:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


hub_group.add_command(users_group)
hub_group.add_command(station_group)
hub_group.add_command(access_log_command)
hub_group.add_command(catalog_group)


def run() -> None:
    """Entry point of the `sohoa-hub` command."""
    hub_group(prog_name="sohoa-hub")


if __name__ == "__main__":
    run()
