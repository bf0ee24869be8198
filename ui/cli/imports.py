"""`sohoa import FILE...` and `sohoa watch DIR`: files and hot folders into the store."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from drivers.importer import PDF_IMAGE_MODES, HotFolder, ImportedPage, import_files
from drivers.importer.hot_folder import is_ignored
from station.capture import PageOrigin, draft_dossier, store_encoded, store_pixels
from station.errors import StationError
from station.model import Dossier, Page
from station.store import Store
from ui.cli.context import AppContext
from ui.cli.output import error_payload, print_error_line, print_json_line
from ui.cli.targets import resolve_target

EXIT_ERROR = 3


class _Importer:
    """Stores imported pages into one dossier, creating a draft one on the first page if needed."""

    def __init__(self, store: Store, target: Dossier | None, component: str | None, as_json: bool):
        self.store, self.target, self.component, self.as_json = store, target, component, as_json
        self.pages = 0
        self.failures = 0

    def import_paths(
        self, paths: list[Path], pdf_dpi: int, pdf_images: str
    ) -> list[tuple[Path, StationError]]:
        """Returns the files that failed with why (pages before a file's damage are kept)."""
        failed: list[tuple[Path, StationError]] = []
        for result in import_files(paths, pdf_dpi=pdf_dpi, pdf_images=pdf_images):
            if result.error is not None:
                self.report_error(result.path, result.error)
                failed.append((result.path, result.error))
            elif result.page is not None:
                self.report_page(result.path, self.store_page(result.page, result.path))
        return failed

    def store_page(self, imported: ImportedPage, path: Path) -> Page:
        self.target = self.target or draft_dossier(self.store)
        origin = PageOrigin(f"import:{path.name}", "", self.component)
        if imported.original is not None and imported.media_type is not None:
            page = store_encoded(
                self.store,
                self.target.code,
                imported.original,
                imported.media_type,
                imported.dpi,
                origin,
            )
        else:
            page = store_pixels(self.store, self.target.code, imported.pixels, imported.dpi, origin)
        self.pages += 1
        return page

    def report_page(self, path: Path, page: Page) -> None:
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

    def report_error(self, path: Path, error: StationError) -> None:
        self.failures += 1
        payload = error_payload(error)["error"]
        if self.as_json:
            print_json_line({"event": "error", "file": str(path), "error": payload})
        print_error_line(payload["message_vi"], payload["message_en"])

    def summary(self) -> None:
        line: dict[str, Any] = {
            "event": "summary",
            "ok": self.failures == 0,
            "dossier": self.target.code if self.target else None,
            "pages": self.pages,
            "failed_files": self.failures,
        }
        if self.as_json:
            print_json_line(line)
        else:
            click.echo(f"{self.pages} trang / pages, {self.failures} tệp lỗi / failed files")


def _importer(
    app: AppContext, dossier: str | None, component: str | None, as_json: bool
) -> _Importer:
    target = resolve_target(app, dossier, component) if dossier else None
    return _Importer(app.store, target, component, as_json)


_pdf_options = [
    click.option("--pdf-dpi", type=click.IntRange(72, 1200), default=300, show_default=True),
    click.option(
        "--pdf-images",
        type=click.Choice(PDF_IMAGE_MODES),
        default="render",
        show_default=True,
        help="Render PDF pages, or take their embedded images as they are.",
    ),
    click.option("--dossier", default=None, help="Dossier code (default: a new draft dossier)."),
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
@click.pass_obj
def import_command(
    app: AppContext,
    files: tuple[Path, ...],
    pdf_dpi: int,
    pdf_images: str,
    dossier: str | None,
    component: str | None,
    as_json: bool,
) -> None:
    """Import PDF, TIFF, JPEG or PNG files; a bad file is reported and the others still import."""
    importer = _importer(app, dossier, component, as_json)
    importer.import_paths(list(files), pdf_dpi, pdf_images)
    importer.summary()
    if importer.failures:
        raise SystemExit(EXIT_ERROR)


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
    importer = _importer(app, dossier, component, as_json)
    hot = HotFolder(folder, settle_seconds=settle)
    try:
        while True:
            for path in hot.poll():
                failures = importer.import_paths([path], pdf_dpi, pdf_images)
                if failures:
                    payload = error_payload(failures[0][1])["error"]
                    hot.mark_failed(path, f"{payload['message_vi']}\n{payload['message_en']}")
                else:
                    hot.mark_done(path)
            if once and not _pending(hot):
                break
            time.sleep(min(0.5, settle / 4))
    except KeyboardInterrupt:
        pass
    importer.summary()


def _pending(hot: HotFolder) -> bool:
    """Files still waiting in the folder (not yet settled, or not yet handed over)."""
    return any(entry.is_file() and not is_ignored(entry.name) for entry in hot.directory.iterdir())
