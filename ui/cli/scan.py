"""`sohoa devices` and `sohoa scan`: scanners through the worker bridge into the store."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from app.capture import CaptureRequest, CaptureSession, PageCaptured, ScanEnded, fixed_target
from app.codes import BatchCodes, ReceiptRead
from app.context import AppContext
from app.counter import scan_target
from app.results import dossier_for_result, result_target
from app.separators import SeparatorRead
from drivers.bridge import Bridge
from drivers.contract import CancelToken, ColorMode, ScanSettings, Source, parse_options
from station.errors import StationError
from station.model import Dossier, DossierState, Procedure
from station.paper import parse_paper
from ui.cli.output import error_payload, print_error_line, print_json_line, print_warning_line
from ui.messages import separator_text

EXIT_ERROR = 3


@contextmanager
def cancel_on_interrupt(cancel: CancelToken) -> Iterator[None]:
    """The first Ctrl+C cancels the scan cleanly (pages so far are kept); a second one aborts."""
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if cancel.cancelled:
            signal.signal(signal.SIGINT, previous)
            raise KeyboardInterrupt
        cancel.cancel()

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@click.command("devices")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--in-process", is_flag=True, help="Run drivers in this process (debugging).")
@click.pass_obj
def devices_command(app: AppContext, as_json: bool, in_process: bool) -> None:
    """List scanners (máy quét): the virtual scanner, SANE and TWAIN devices."""
    bridge = app.bridge(in_process)
    try:
        rows = [_device_row(bridge, device) for device in bridge.list_devices()]
    finally:
        bridge.close()
    if as_json:
        print_json_line({"ok": True, "devices": rows}, indent=2)
        return
    for row in rows:
        area = row.get("max_area_mm") or ["?", "?"]
        sources = ",".join(row.get("sources", []))
        click.echo(f"{row['id']}\t{row['name']}\t{sources}\t{area[0]}x{area[1]} mm")


def _device_row(bridge: Bridge, device) -> dict[str, Any]:
    row: dict[str, Any] = {"id": device.id, "name": device.name, "driver": device.driver}
    try:
        caps = bridge.capabilities(device.id)
    except StationError as exc:
        row["error"] = error_payload(exc)["error"]
        return row
    row.update(
        sources=[s.value for s in caps.sources],
        resolutions=list(caps.resolutions),
        modes=[m.value for m in caps.color_modes],
        depths=list(caps.bit_depths),
        max_area_mm=list(caps.max_area_mm),
        options=[o.name for o in caps.options],
    )
    return row


@click.command("scan")
@click.option(
    "--device", default="virtual", show_default=True, help="Device id from `sohoa devices`."
)
@click.option(
    "--paper",
    default="auto",
    show_default=True,
    help="A0..A7, B4, B5, Letter, Legal, auto or WxH (mm).",
)
@click.option("--dpi", type=click.IntRange(50, 1200), default=300, show_default=True)
@click.option(
    "--mode", type=click.Choice([m.value for m in ColorMode]), default="color", show_default=True
)
@click.option("--depth", type=click.Choice(["1", "8", "16"]), default="8", show_default=True)
@click.option(
    "--source", type=click.Choice([s.value for s in Source]), default="flatbed", show_default=True
)
@click.option("--count", type=click.IntRange(1, 10000), default=None, help="Most sheets to feed.")
@click.option(
    "--option",
    "options",
    multiple=True,
    metavar="NAME=VALUE",
    help="Backend option, passed through.",
)
@click.option("--dossier", default=None, help="Dossier code (default: a new draft dossier).")
@click.option(
    "--component",
    default=None,
    help="Component code to tag the pages with (a finished dossier: its result, KQ1…).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON line per stored page, then a summary."
)
@click.option("--in-process", is_flag=True, help="Run the driver in this process (debugging).")
@click.pass_obj
def scan_command(
    app: AppContext,
    device: str,
    paper: str,
    dpi: int,
    mode: str,
    depth: str,
    source: str,
    count: int | None,
    options: tuple[str, ...],
    dossier: str | None,
    component: str | None,
    as_json: bool,
    in_process: bool,
) -> None:
    """Scan pages into the store; each page is printed once it is durable."""
    bridge: Bridge | None = None
    target = None
    try:
        settings = ScanSettings(
            paper=parse_paper(paper),
            dpi=dpi,
            mode=ColorMode(mode),
            source=Source(source),
            depth=1 if mode == ColorMode.LINEART else int(depth),
            count=count,
            options=parse_options(options),
        )
        target = _target(app, dossier, component) if dossier else None
        procedure = _procedure(app, target) if target else None
        request = CaptureRequest(
            device, settings, fixed_target(target and target.code, component, procedure)
        )
        bridge = app.bridge(in_process)
        with BatchCodes(app.store) as codes:
            report = codes.listening(lambda e: _report(as_json, e))
            session = CaptureSession(bridge, app.store, request, report)
            with cancel_on_interrupt(session.token):
                ended = session.run()
    except StationError as exc:
        ended = ScanEnded(0, exc, target.code if target else None)
    finally:
        if bridge is not None:
            bridge.close()
    if ended.error is not None and not isinstance(ended.error, StationError):
        raise ended.error
    _report_summary(as_json, ended.dossier_code, ended.pages, ended.error)
    if ended.error is not None:
        payload = error_payload(ended.error)["error"]
        print_error_line(payload["message_vi"], payload["message_en"])
        raise SystemExit(EXIT_ERROR) from ended.error


def _target(app: AppContext, dossier: str, component: str | None) -> Dossier:
    """An open dossier takes any of its components; a finished one, its result only."""
    found = dossier_for_result(app.store, app.catalog, dossier)  # or the hub's, for its result
    if found.state is DossierState.OPEN:
        return scan_target(app.store, app.catalog, found.code, component)
    return result_target(app.store, app.catalog, found.code, component)


def _procedure(app: AppContext, dossier: Dossier) -> Procedure | None:
    """The procedure separator sheets are checked against: the one the dossier was opened with."""
    return app.catalog.for_version(dossier.catalog_version).procedures.get(dossier.procedure_code)


def _report(as_json: bool, event: object) -> None:
    if isinstance(event, PageCaptured):
        _report_page(as_json, event)
    elif isinstance(event, SeparatorRead):
        _report_separator(as_json, event)
    elif isinstance(event, ReceiptRead):
        report_receipt(as_json, event)


def report_receipt(as_json: bool, event: ReceiptRead) -> None:
    if as_json:
        line = {"event": "receipt", "dossier": event.dossier_code, "created": event.created}
        print_json_line(line)
    elif event.created:
        click.echo(
            f"Hồ sơ mới từ giấy tiếp nhận / New dossier from the receipt: {event.dossier_code}"
        )
    else:
        click.echo(f"Hồ sơ theo giấy tiếp nhận / Dossier from the receipt: {event.dossier_code}")


def _report_separator(as_json: bool, event: SeparatorRead) -> None:
    line: dict[str, Any] = {
        "event": "separator",
        "sheet": event.sheet,
        "side": event.side,
        "outcome": event.outcome.value,
        "component": event.component,
        "procedure": event.procedure,
    }
    vi, en = separator_text(event.outcome.value, event.component, event.procedure)
    if as_json:
        line |= {"message_vi": vi, "message_en": en}
        print_json_line(line)
    else:
        click.echo(f"{vi} / {en}")
    if event.ignored:
        print_warning_line(vi, en)


def _report_page(as_json: bool, event: PageCaptured) -> None:
    page = event.page
    line = {
        "event": "page",
        "page_id": page.id,
        "dossier": page.dossier_code,
        "order": page.order,
        "sheet": event.sheet,
        "side": event.side,
        "width": event.width,
        "height": event.height,
        "dpi": event.dpi,
        "mode": event.mode,
        "sha256": page.sha256,
        "bytes": page.original.size,
    }
    if as_json:
        print_json_line(line)
    else:
        click.echo(
            f"#{page.order} {event.width}x{event.height} px {event.dpi} dpi {page.sha256[:12]}"
        )


def _report_summary(
    as_json: bool, dossier: str | None, stored: int, error: StationError | None
) -> None:
    if as_json:
        line: dict[str, Any] = {
            "event": "summary",
            "ok": error is None,
            "dossier": dossier,
            "pages": stored,
        }
        if error is not None:
            line["error"] = error_payload(error)["error"]
        print_json_line(line)
    else:
        click.echo(f"{stored} trang / pages -> {dossier}")
