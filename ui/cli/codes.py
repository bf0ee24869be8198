"""`sohoa codes FILE...`: the codes on each page of image and PDF files."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from app.codes import codes_in_file
from station.codes import CodeKind, FoundCode
from station.errors import StationError
from ui.cli.output import error_payload, print_error_line, print_json_line

EXIT_ERROR = 3
# Kinds whose parsed fields are printed; a dossier code's text is its field.
_WITH_FIELDS = (CodeKind.ID_CARD, CodeKind.SEPARATOR)


def code_record(path: Path, page: int, code: FoundCode) -> dict[str, Any]:
    record: dict[str, Any] = {
        "file": str(path),
        "page": page,
        "format": code.format,
        "text": code.text,
        "position": [[p.x, p.y] for p in code.position],
        "kind": code.kind.value,
    }
    if code.kind in _WITH_FIELDS and code.fields is not None:
        record["fields"] = asdict(code.fields)
    return record


def _results(
    files: tuple[Path, ...], pdf_dpi: int, jobs: int
) -> Iterator[tuple[Path, list[tuple[int, FoundCode]] | StationError]]:
    """Each file's codes, or its error, in the order the files were given."""
    if jobs <= 1:
        for path in files:
            try:
                yield path, codes_in_file(path, pdf_dpi)
            except StationError as error:
                yield path, error
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [(path, pool.submit(codes_in_file, path, pdf_dpi)) for path in files]
        for path, future in futures:
            try:
                yield path, future.result()
            except StationError as error:
                yield path, error


@click.command("codes")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pdf-dpi", type=click.IntRange(72, 1200), default=300, show_default=True)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per code found.")
def codes_command(files: tuple[Path, ...], pdf_dpi: int, jobs: int, as_json: bool) -> None:
    """Read QR, Data Matrix, PDF417, Code 128, Code 39… on every page (mã vạch, mã QR)."""
    failed = False
    for path, result in _results(files, pdf_dpi, jobs):
        if isinstance(result, StationError):
            failed = True
            payload = error_payload(result)["error"]
            if as_json:
                print_json_line({"file": str(path), "error": payload})
            print_error_line(payload["message_vi"], payload["message_en"])
            continue
        for page, code in result:
            if as_json:
                print_json_line(code_record(path, page, code))
            else:
                click.echo(f"{path.name}\t{page}\t{code.format}\t{code.kind.value}\t{code.text}")
    if failed:
        raise SystemExit(EXIT_ERROR)
