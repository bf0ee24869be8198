"""`sohoa sync …`: log in to the hub, run the sender, look at and retry the outbox."""

from __future__ import annotations

import logging
import sys
from functools import partial
from typing import Any

import click

from app.context import AppContext, province_catalog_dir
from station.errors import ErrorCode, StationError
from station.model import DossierState, utc_now
from station.store.permissions import protect_data_folder
from sync.catalog_fetch import pin_hub_key
from sync.crashes import SenderCrash, last_crash
from sync.credentials import keyring_available, save_secret
from sync.enqueue import enqueue_finished
from sync.failures import PermanentError, TransientError
from sync.jobs import Job, JobState
from sync.outbox import Outbox
from sync.settings import SyncSettings, load_settings, save_settings
from sync.transport import HubHttp
from sync.worker import SyncWorker
from sync.worker_events import SyncEvent
from sync.worker_events import WorkerEventKind as EventKind
from ui.cli.output import print_json, print_json_line
from ui.messages import error_text, warning_text

ACL_FAILED = (
    "không giới hạn được quyền truy cập thư mục dữ liệu cho riêng tài khoản này (icacls lỗi);"
    " người dùng khác của máy có thể đọc dữ liệu công dân",
    "the data folder could not be closed to other users of this computer (icacls failed);"
    " citizens' data may be readable by them",
)


@click.group("sync")
def sync_group() -> None:
    """Send finished dossiers to the hub (đồng bộ hồ sơ)."""


@sync_group.command("login")
@click.option("--url", required=True, help="The hub's base URL, https://…")
@click.option("--client-id", required=True, help="This station's client id at the hub.")
@click.option("--ca-bundle", default=None, help="PEM file of the province's CA.")
@click.option("--proxy", default=None, help="Proxy URL (default: HTTPS_PROXY).")
@click.option("--bandwidth-kbps", type=click.IntRange(0), default=None, help="Upload cap, KB/s.")
@click.option("--retention-days", type=click.IntRange(0), default=None, help="Keep sent files.")
@click.option(
    "--secret-file", default=None, help="Owner-only file for the secret (no keyring here)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def login_command(app: AppContext, as_json: bool, **options: Any) -> None:
    """Store the hub address and client id; the secret is read from standard input."""
    secret = sys.stdin.readline().strip()
    if not secret:
        raise click.UsageError("the client secret is read from standard input")
    changes = {k: v for k, v in options.items() if v is not None}
    current = load_settings(app.store)
    wanted = SyncSettings(**{**current.__dict__, **changes, "target": "hub"})
    if wanted.secret_path is None and not keyring_available():
        raise StationError(ErrorCode.SYNC_NO_KEYRING)
    _verify(wanted, secret)
    where = save_secret(wanted, secret)
    save_settings(app.store, **changes, target="hub")
    catalog_key = _pin_catalog_key(app, wanted, secret)
    warnings = ["secret_in_file"] if where == "file" else []
    if as_json:
        print_json(
            {
                "ok": True,
                "url": wanted.url,
                "client_id": wanted.client_id,
                "secret_stored_in": where,
                "catalog_key": catalog_key,
                "warnings": [_warning(w) for w in warnings],
            }
        )
    else:
        click.echo(f"Đã đăng nhập / Logged in: {wanted.client_id} @ {wanted.url}")
        if catalog_key:
            click.echo(f"Khóa ký danh mục / Catalog signing key: {catalog_key}")
    for code in warnings:
        vi, en = warning_text(code)
        click.echo(f"Cảnh báo: {vi} | Warning: {en}", err=True)


def _verify(settings: SyncSettings, secret: str) -> None:
    http = HubHttp(settings, lambda: secret)
    try:
        http.tokens.token()
    except (TransientError, PermanentError) as exc:
        raise exc.error from None
    finally:
        http.close()


def _pin_catalog_key(app: AppContext, settings: SyncSettings, secret: str) -> str:
    """The hub's catalog key, pinned now (sync/catalog_fetch.py); "" if it has none or cannot
    say right now (the first `sohoa catalog update` pins it then)."""
    http = HubHttp(settings, lambda: secret)
    try:
        return pin_hub_key(app.store, http, province_catalog_dir(app.home))
    except (TransientError, PermanentError, StationError):
        return ""
    finally:
        http.close()


def _warning(code: str) -> dict[str, str]:
    vi, en = warning_text(code)
    return {"code": code, "message_vi": vi, "message_en": en}


@sync_group.command("configure")
@click.option("--ca-bundle", default=None)
@click.option("--proxy", default=None)
@click.option("--bandwidth-kbps", type=click.IntRange(0), default=None)
@click.option("--retention-days", type=click.IntRange(0), default=None)
@click.option("--folder", default=None, help="Send to this shared folder instead of the hub.")
@click.option("--target", type=click.Choice(["hub", "folder"]), default=None)
@click.option(
    "--catalog-hours",
    type=click.IntRange(0),
    default=None,
    help="Fetch the province's catalog this often (0: only 'catalog update').",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def configure_command(app: AppContext, as_json: bool, **options: Any) -> None:
    """Change sync settings (never the secret: use login for that)."""
    changes = {k: v for k, v in options.items() if v is not None}
    if changes.get("folder") and "target" not in changes:
        changes["target"] = "folder"
    settings = save_settings(app.store, **changes)
    if as_json:
        print_json({"ok": True, "settings": settings_dict(settings)})
    else:
        for key, value in settings_dict(settings).items():
            click.echo(f"{key} = {value}")


def settings_dict(settings: SyncSettings) -> dict[str, Any]:
    return dict(settings.__dict__)  # holds no secret: SyncSettings has no field for one


@sync_group.command("run")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
@click.option("--json", "as_json", is_flag=True, help="One JSON event per line.")
@click.pass_obj
def run_command(app: AppContext, once: bool, as_json: bool) -> None:
    """Send queued jobs in the foreground until Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if app.home.is_dir() and not protect_data_folder(app.home):  # Windows: the folder's ACL
        click.echo(f"Cảnh báo: {ACL_FAILED[0]} | Warning: {ACL_FAILED[1]}", err=True)
    # The facts for the hub are judged against the catalog the station's other commands use
    # (the province's version included), taken again when the sender fetches a new version.
    worker = SyncWorker(app.home, catalog=lambda: app.catalog, database=app.store.database)
    worker.subscribe(_print_event_json if as_json else _print_event)
    worker.subscribe(partial(_follow_catalog, app))
    try:
        if once:
            worker.run_once_recorded()
        else:
            worker.run_supervised()  # restarted after a crash, which `sync status` then shows
    except KeyboardInterrupt:
        click.echo("Đã dừng / Stopped.", err=True)


def _follow_catalog(app: AppContext, event: SyncEvent) -> None:
    if event.kind is EventKind.CATALOG_UPDATED:
        app.reload_catalog()


def _print_event_json(event: SyncEvent) -> None:
    print_json_line(event.__dict__)


def _print_event(event: SyncEvent) -> None:
    if event.kind is EventKind.JOB_PROGRESS:
        return
    if event.kind is EventKind.CATALOG_UPDATED:
        vi, en = catalog_updated_texts(event.version)
        click.echo(f"{event.kind.value} — {vi} | {en}")
        return
    if event.kind is EventKind.RESULTS_ELSEWHERE:
        vi, en = results_elsewhere_texts(event.total)
        click.echo(f"{event.kind.value} — {vi} | {en}")
        return
    if event.kind is EventKind.CRASHED:
        vi, en = _crash_texts(str(event.error_params.get("detail", "")), event.delay)
        click.echo(f"{event.kind.value} — {vi} | {en}", err=True)
        return
    line = f"{event.kind.value}"
    if event.job_id is not None:
        line += f" #{event.job_id} {event.dossier_code}"
    if event.error_code:
        vi, en = error_text(StationError(ErrorCode(event.error_code), **event.error_params))
        line += f" — {vi} | {en}"
    click.echo(line)


@sync_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def status_command(app: AppContext, as_json: bool) -> None:
    """Jobs per state, the oldest waiting one, the last error."""
    with Outbox.of(app.store) as outbox:
        status = outbox.status()
        failed = outbox.jobs(JobState.FAILED)
        settings = outbox.settings()
        crash = last_crash(outbox.database)
    oldest = status.oldest_queued_at
    age = None if oldest is None else round((utc_now() - oldest).total_seconds(), 1)
    data = {
        "ok": True,
        "configured": settings.configured,
        "target": settings.target,
        "url": settings.url,
        "client_id": settings.client_id,
        "counts": status.counts,
        "oldest_queued_at": oldest,
        "oldest_queued_age_seconds": age,
        "last_error": _error_dict(status.last_error),
        "failed": [_job_dict(j) for j in failed],
        "last_crash": _crash_dict(crash),
    }
    if as_json:
        print_json(data)
        return
    counts = "  ".join(f"{k}: {v}" for k, v in status.counts.items())
    click.echo(f"{counts}  oldest: {age if age is not None else '-'} s")
    if crash is not None:
        vi, en = _last_crash_texts(crash)
        click.echo(f"{vi} | {en}")
    for job in failed:
        vi, en = _texts(job.error_code, job.error_params)
        click.echo(f"  #{job.id} {job.dossier_code} {job.file_name or 'manifest'}: {vi} | {en}")


def catalog_updated_texts(version: str) -> tuple[str, str]:
    return (
        f"Danh mục thủ tục đã cập nhật: phiên bản {version}",
        f"Procedure catalog updated: version {version}",
    )


def results_elsewhere_texts(count: int) -> tuple[str, str]:
    return (
        f"{count} kết quả của hồ sơ tiếp nhận tại đây đã được trả tại bàn khác của đơn vị",
        f"{count} result(s) of dossiers received here handed over at another desk of the unit",
    )


def _crash_texts(detail: str, delay: float) -> tuple[str, str]:
    return (
        f"Bộ gửi dừng do lỗi ngoài dự kiến ({detail}); tự chạy lại sau {delay:.0f} giây",
        f"The sender stopped on an unexpected error ({detail}); restarting in {delay:.0f} s",
    )


def _last_crash_texts(crash: SenderCrash) -> tuple[str, str]:
    at = crash.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return (
        f"Lần dừng do lỗi gần nhất của bộ gửi: {at} ({crash.detail})",
        f"The sender's last crash: {at} ({crash.detail})",
    )


def _crash_dict(crash: SenderCrash | None) -> dict[str, Any] | None:
    if crash is None:
        return None
    vi, en = _last_crash_texts(crash)
    return {"at": crash.at, "detail": crash.detail, "message_vi": vi, "message_en": en}


def _texts(code: str | None, params: dict[str, Any]) -> tuple[str, str]:
    try:
        return error_text(StationError(ErrorCode(code or ""), **params))
    except ValueError:
        return str(code), str(code)


def _error_dict(last: dict[str, Any] | None) -> dict[str, Any] | None:
    if last is None:
        return None
    vi, en = _texts(last["code"], last["params"])
    return {**last, "message_vi": vi, "message_en": en}


def _job_dict(job: Job) -> dict[str, Any]:
    vi, en = _texts(job.error_code, job.error_params)
    return {
        "id": job.id,
        "dossier_code": job.dossier_code,
        "kind": job.kind,
        "file_name": job.file_name,
        "state": job.state,
        "attempts": job.attempts,
        "error": {"code": job.error_code, "params": job.error_params, "message_vi": vi,
                  "message_en": en},
    }  # fmt: skip


@sync_group.command("retry")
@click.argument("job_id", type=int, required=False)
@click.option("--all-failed", is_flag=True, help="Every job on hold.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def retry_command(app: AppContext, job_id: int | None, all_failed: bool, as_json: bool) -> None:
    """Retry a job now (or every job on hold): back in the queue, backoff reset."""
    if (job_id is None) == (not all_failed):
        raise click.UsageError("give a JOB id or --all-failed")
    with Outbox.of(app.store) as outbox:
        if all_failed:
            count = outbox.retry_all_failed()
        else:
            count = int(outbox.retry(job_id).state is JobState.QUEUED)
    if as_json:
        print_json({"ok": True, "requeued": count})
    else:
        click.echo(f"Đã xếp lại / Requeued: {count}")


@sync_group.command("enqueue")
@click.argument("codes", nargs=-1)
@click.option(
    "--all-finished", is_flag=True, help="Every finished dossier (and result) not yet queued."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def enqueue_command(
    app: AppContext, codes: tuple[str, ...], all_finished: bool, as_json: bool
) -> None:
    """Queue finished dossiers and the results finished for them (those finished before sync
    existed, or that failed to queue)."""
    if all_finished:
        codes = tuple(d.code for d in app.store.dossiers(DossierState.FINISHED))
    if not codes:
        raise click.UsageError("give dossier CODEs or --all-finished")
    queued = {code: len(enqueue_finished(app.store, app.catalog, code.strip())) for code in codes}
    if as_json:
        print_json({"ok": True, "jobs": queued})
    else:
        for code, count in queued.items():
            click.echo(f"{code}: {count}")
