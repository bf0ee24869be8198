"""`sohoa import FILE...` and `sohoa watch DIR`: files and hot folders into the store."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from app.codes import BatchCodes, ReceiptRead
from app.context import AppContext
from app.counter import scan_target
from app.imports import ImportFailed, ImportOptions, ImportSession, PageImported
from drivers.importer import PDF_IMAGE_MODES, HotFolder
from station.errors import StationError
from station.model import Page
from station.paper import PaperSize, parse_paper
from station.stitch import StitchError
from ui.cli.output import error_payload, print_error_line, print_json_line
from ui.cli.scan import report_receipt
from ui.stitch.messages import stitch_error_text

EXIT_ERROR = 3


class _Report:
    """Prints each imported page or failed file as it happens (and the receipt that chose the
    dossier), then a summary."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def __call__(self, event: object) -> None:
        if isinstance(event, PageImported):
            self.page(event.path, event.page)
        elif isinstance(event, ImportFailed):
            self.error(event.path, event.error)
        elif isinstance(event, ReceiptRead):
            report_receipt(self.as_json, event)

    def page(self, path: Path, page: Page) -> None:
        if self.as_json:
            print_json_line(
                {
                    "event": "page",
                    "file": str(path),
                    "page_id": page.id,
                    "dossier": page.dossier_code,
                    "order": page.order,
                    "dpi": page.dpi,
                    "sha256": page.sha256,
                    "bytes": page.original.size,
                    "media_type": page.original.media_type,
                }
            )
        else:
            click.echo(f"#{page.order} {path.name} {page.sha256[:12]}")

    def error(self, path: Path, error: StationError) -> None:
        payload = error_payload(error)["error"]
        if self.as_json:
            print_json_line({"event": "error", "file": str(path), "error": payload})
        print_error_line(payload["message_vi"], payload["message_en"])

    def stitched(self, page: Page, parts: int) -> None:
        if self.as_json:
            print_json_line(
                {
                    "event": "stitched",
                    "page_id": page.id,
                    "dossier": page.dossier_code,
                    "order": page.order,
                    "paper": page.paper_size,
                    "dpi": page.dpi,
                    "parts": parts,
                }
            )
        else:
            click.echo(f"#{page.order} {page.paper_size}: {parts} phần ghép / parts stitched")

    def summary(self, session: ImportSession) -> None:
        pages, failures = len(session.pages), len(session.failed)
        line: dict[str, Any] = {
            "event": "summary",
            "ok": failures == 0,
            "dossier": session.dossier_code,
            "pages": pages,
            "failed_files": failures,
        }
        if self.as_json:
            print_json_line(line)
        else:
            click.echo(f"{pages} trang / pages, {failures} tệp lỗi / failed files")


def _session(
    app: AppContext,
    dossier: str | None,
    component: str | None,
    report: Callable[[object], None],
    pdf_dpi: int,
    pdf_images: str,
) -> ImportSession:
    target = scan_target(app.store, app.catalog, dossier, component) if dossier else None
    options = ImportOptions(pdf_dpi, pdf_images)
    return ImportSession(app.store, target and target.code, component, report, options)


def _describe(error: StationError) -> str:
    payload = error_payload(error)["error"]
    return f"{payload['message_vi']}\n{payload['message_en']}"


_pdf_options = [
    click.option("--pdf-dpi", type=click.IntRange(72, 1200), default=300, show_default=True),
    click.option(
        "--pdf-images",
        type=click.Choice(PDF_IMAGE_MODES),
        default="render",
        show_default=True,
        help="Render PDF pages, or take their embedded images as they are.",
    ),
    click.option(
        "--dossier",
        default=None,
        help="Dossier code (default: the one the first page's receipt names, else a new draft).",
    ),
    click.option("--component", default=None, help="Component code to tag the pages with."),
    click.option(
        "--json", "as_json", is_flag=True, help="One JSON line per page or error, then a summary."
    ),
]


def _with_options(function):
    for option in reversed(_pdf_options):
        function = option(function)
    return function


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_with_options
@click.option(
    "--stitch",
    "stitch_paper",
    default=None,
    metavar="PAPER",
    help="The files are overlapping parts of one sheet: store them as one page of this paper "
    "(A0, A1, A2, A3 or WxH mm), the parts kept as its originals.",
)
@click.pass_obj
def import_command(
    app: AppContext,
    files: tuple[Path, ...],
    pdf_dpi: int,
    pdf_images: str,
    dossier: str | None,
    component: str | None,
    as_json: bool,
    stitch_paper: str | None,
) -> None:
    """Import PDF, TIFF, JPEG or PNG files; a bad file is reported and the others still import."""
    paper = _stitch_paper(stitch_paper)
    report = _Report(as_json)
    with BatchCodes(app.store) as codes:
        session = _session(app, dossier, component, codes.listening(report), pdf_dpi, pdf_images)
        session.import_paths(list(files))
        if paper is not None and not session.failed:
            parts = list(session.pages)
            try:
                page = session.stitch(paper)
            except StitchError as error:
                _refuse_stitch(error, [_part_name(p) for p in parts], as_json)
                report.summary(session)
                raise SystemExit(EXIT_ERROR) from error
            codes.add(page)
            report.stitched(page, len(parts))
    report.summary(session)
    if session.failed:
        raise SystemExit(EXIT_ERROR)


def _stitch_paper(text: str | None) -> PaperSize | None:
    if text is None:
        return None
    paper = parse_paper(text)
    if paper.is_auto:
        raise click.BadParameter("choose a paper size, not auto", param_hint="--stitch")
    return paper


def _part_name(page: Page) -> str:
    return page.source_device.removeprefix("import:")


def _refuse_stitch(error: StitchError, files: list[str], as_json: bool) -> None:
    """Why the parts make no page; they stay in the dossier as pages, so nothing is lost."""
    vi, en = stitch_error_text(error, files)
    vi += " Các phần đã nhập vẫn là các trang của hồ sơ."
    en += " The imported parts stay in the dossier as pages."
    if as_json:
        payload = {"code": error.code.value, "message_vi": vi, "message_en": en}
        print_json_line({"event": "error", "error": payload})
    print_error_line(vi, en)


@click.command("watch")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--settle",
    type=float,
    default=2.0,
    show_default=True,
    help="Seconds a file must stay unchanged.",
)
@click.option("--once", is_flag=True, help="Import what is there, then stop.")
@_with_options
@click.pass_obj
def watch_command(
    app: AppContext,
    folder: Path,
    settle: float,
    once: bool,
    pdf_dpi: int,
    pdf_images: str,
    dossier: str | None,
    component: str | None,
    as_json: bool,
) -> None:
    """Watch a hot folder that a large-format scanner saves into; imported files move to done/,
    files that fail move to failed/ with the reason beside them."""
    report = _Report(as_json)
    with BatchCodes(app.store) as codes, contextlib.suppress(KeyboardInterrupt):
        session = _session(app, dossier, component, codes.listening(report), pdf_dpi, pdf_images)
        session.watch(HotFolder(folder, settle_seconds=settle), _describe, once=once)
    report.summary(session)
