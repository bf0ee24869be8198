"""`sohoa process IN... --out OUT.pdf`: the page pipeline on image files, both cores."""

from __future__ import annotations

import contextlib
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import click

from app.context import AppContext
from station.errors import ErrorCode, StationError
from station.model import utc_now
from station.pdf import EncodedPage, PdfMetadata, write_pdf
from station.pipeline.jobs import page_pool
from station.pipeline.profile import DEFAULT_PROFILE, PROFILES, get_profile
from ui.cli.output import error_payload, print_error_line, print_json_line, print_warning_line
from ui.cli.process_jobs import process_file

EXIT_ERROR = 3


@click.command("process")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--profile", type=click.Choice(list(PROFILES)), default=DEFAULT_PROFILE, show_default=True
)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Processes (default: all cores)."
)
@click.option("--pdfa", is_flag=True, help="Write PDF/A-2b.")
@click.option(
    "--ocr", is_flag=True, help="Read the pages (Vietnamese OCR) into an invisible text layer."
)
@click.option("--dossier", default="", help="Dossier code for the PDF metadata.")
@click.option("--procedure", default="", help="Procedure code for the PDF metadata.")
@click.option("--component", default="", help="Component code for the PDF metadata.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per page, then a summary.")
@click.pass_obj
def process_command(
    app: AppContext,
    inputs: tuple[Path, ...],
    out: Path,
    profile: str,
    workers: int | None,
    pdfa: bool,
    ocr: bool,
    dossier: str,
    procedure: str,
    component: str,
    as_json: bool,
) -> None:
    """Deskew, crop, orient, classify and encode image files into one compliant PDF."""
    get_profile(profile)
    pages: list[EncodedPage] = []
    failures = 0
    with page_pool(workers) as pool:
        futures = [pool.submit(process_file, str(path), profile, ocr) for path in inputs]
        for path, future in zip(inputs, futures, strict=True):
            try:
                results = future.result()
            except BrokenProcessPool:
                results = [
                    (
                        0,
                        None,
                        (
                            ErrorCode.IMAGE_UNREADABLE.value,
                            {"path": str(path), "detail": "worker died"},
                        ),
                    )
                ]
            for index, outcome, error in results:
                if error is not None:
                    failures += 1
                    _report_error(as_json, path, StationError(ErrorCode(error[0]), **error[1]))
                    continue
                assert outcome is not None
                if outcome.encoded is not None:
                    pages.append(outcome.encoded)
                _report_page(as_json, path, index, outcome.summary)
    metadata = _metadata(app, dossier or out.stem, procedure, component)
    written = _write(out, pages, metadata, pdfa) if pages else 0
    summary: dict[str, Any] = {
        "event": "summary",
        "ok": failures == 0,
        "pages": len(pages),
        "failed_files": failures,
        "out": str(out) if pages else None,
        "bytes": written,
    }
    if as_json:
        print_json_line(summary)
    else:
        click.echo(f"{len(pages)} trang / pages -> {out} ({written} bytes)")
    if failures:
        raise SystemExit(EXIT_ERROR)


def _metadata(app: AppContext, dossier: str, procedure: str, component: str) -> PdfMetadata:
    store = app.store
    return PdfMetadata(
        dossier_code=dossier,
        procedure=procedure,
        component=component,
        station=store.station().name,
        clerk=store.default_clerk_id(),
        scan_time=utc_now(),
    )


def _write(out: Path, pages: list[EncodedPage], metadata: PdfMetadata, pdfa: bool) -> int:
    """Written beside the target, then renamed: a reader never sees half a PDF."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    try:
        with temporary.open("wb") as handle:
            write_pdf(pages, metadata, handle, pdfa=pdfa)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return out.stat().st_size


def _report_page(as_json: bool, path: Path, index: int, summary: dict[str, Any]) -> None:
    line = {"event": "page", "file": str(path), "index": index, **summary}
    for vi, en in page_warnings(f"{path.name}#{index}", summary):
        print_warning_line(vi, en)
    if as_json:
        print_json_line(line)
    else:
        click.echo(
            f"{path.name}#{index}: skew {summary['skew_deg']:+.2f}°, {summary['colour']}, "
            f"{summary['bytes']} bytes{' (blank)' if summary['blank'] else ''}"
        )


def page_warnings(page: str, summary: dict[str, Any]) -> list[tuple[str, str]]:
    """(Vietnamese, English) lines for what a clerk must check: a resolution the file did not
    give, a page scanned below 200 dpi."""
    lines = []
    dpi = summary.get("dpi")
    size = _size_mm(summary)
    source = summary.get("dpi_source", "file")
    claimed = summary.get("file_dpi")
    said_vi = f" (tệp ghi {claimed} dpi)" if claimed else " (tệp không ghi dpi)"
    said_en = f" (the file says {claimed} dpi)" if claimed else " (the file gives no dpi)"
    if source == "inferred":
        paper = f" {summary['paper']}" if summary.get("paper") else ""
        lines.append(
            (
                f"{page}: độ phân giải suy ra {dpi} dpi{said_vi}, khổ {size}{paper}; "
                "hãy kiểm tra khổ giấy",
                f"{page}: resolution inferred as {dpi} dpi{said_en}, page {size}{paper}; "
                "check the paper size",
            )
        )
    elif source == "assumed":
        lines.append(
            (
                f"{page}: không xác định được độ phân giải{said_vi}, lấy {dpi} dpi, khổ {size}; "
                "hãy kiểm tra khổ giấy",
                f"{page}: resolution unknown{said_en}, taken as {dpi} dpi, page {size}; "
                "check the paper size",
            )
        )
    upsampled = summary.get("upsampled_from")
    if upsampled:
        lines.append(
            (
                f"{page}: quét ở {upsampled} dpi, dưới 200 dpi; đã nội suy lên 200 dpi "
                "(lớn hơn, không nét hơn), nên quét lại",
                f"{page}: scanned at {upsampled} dpi, below 200 dpi; resampled up to 200 dpi "
                "(bigger, not sharper), scan again if possible",
            )
        )
    return lines


def _size_mm(summary: dict[str, Any]) -> str:
    dpi = summary.get("scan_dpi") or summary.get("dpi") or 1
    width = summary.get("width_px", 0) / dpi * 25.4
    height = summary.get("height_px", 0) / dpi * 25.4
    return f"{width:.0f} x {height:.0f} mm"


def _report_error(as_json: bool, path: Path, error: StationError) -> None:
    payload = error_payload(error)["error"]
    if as_json:
        print_json_line({"event": "error", "file": str(path), "error": payload})
    print_error_line(payload["message_vi"], payload["message_en"])
