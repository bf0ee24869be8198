"""Import and the hot folder: files (PDF, TIFF, JPEG, PNG…) into one dossier's pages.

The one import loop of the station, used by `sohoa import`, `sohoa watch` and the GUI. A bad
file is reported and the others still import; pages before a file's damage are kept. With no
dossier given, the first page chooses it as in a scan batch: a receipt's dossier code takes that
dossier up (or creates it), anything else starts a draft.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.codes import first_page_dossier
from app.stitching import stitch_stored
from drivers.importer import HotFolder, ImportedPage, import_files
from drivers.importer.hot_folder import is_ignored
from station.capture import PageOrigin, store_encoded, store_pixels
from station.errors import StationError
from station.model import Page
from station.paper import PaperSize
from station.store import Store

Listener = Callable[[object], None]


@dataclass(frozen=True)
class PageImported:
    path: Path
    page: Page


@dataclass(frozen=True)
class ImportFailed:
    path: Path
    error: StationError


@dataclass(frozen=True)
class ImportOptions:
    pdf_dpi: int = 300
    pdf_images: str = "render"  # render PDF pages, or take their embedded images as they are


class ImportSession:
    """Stores imported pages into one dossier. With none given, the first page chooses it: the
    dossier its receipt names (a ReceiptRead event tells which), else a new draft one; with
    `drafts` off, a first page naming no dossier ends the import with nothing stored
    (`no_dossier` says so), for a frontend that has no use for a draft."""

    def __init__(
        self,
        store: Store,
        dossier_code: str | None = None,
        component_code: str | None = None,
        listener: Listener | None = None,
        options: ImportOptions = ImportOptions(),  # frozen
        drafts: bool = True,
    ) -> None:
        self.store = store
        self.dossier_code = dossier_code
        self.component_code = component_code
        self.listener = listener if listener is not None else (lambda _event: None)
        self.options = options
        self.drafts = drafts
        self.no_dossier = False
        self.cancelled = False
        self.pages: list[Page] = []
        self.failed: list[ImportFailed] = []

    def cancel(self) -> None:
        """From any thread: no page after the one being stored; the pages stored stay."""
        self.cancelled = True

    def import_paths(self, paths: Sequence[Path]) -> list[ImportFailed]:
        """The files of this call that failed, with why."""
        failed: list[ImportFailed] = []
        options = self.options
        for result in import_files(
            list(paths), pdf_dpi=options.pdf_dpi, pdf_images=options.pdf_images
        ):
            if self.cancelled:
                break
            if result.error is not None:
                failure = ImportFailed(result.path, result.error)
                failed.append(failure)
                self.failed.append(failure)
                self.listener(failure)
            elif result.page is not None:
                code = self.dossier_code or self._choose_dossier(result.page)
                if code is None:
                    break
                page = self._store(code, result.page, result.path)
                self.listener(PageImported(result.path, page))
        return failed

    def _choose_dossier(self, first: ImportedPage) -> str | None:
        """The dossier the first page names, or a draft; None when there is none to take."""
        chosen = first_page_dossier(self.store, first.pixels, self.listener, self.drafts)
        self.dossier_code, self.no_dossier = chosen, chosen is None
        return chosen

    def _store(self, code: str, imported: ImportedPage, path: Path) -> Page:
        origin = PageOrigin(
            f"import:{path.name}", imported.paper or "", self.component_code,
            imported.dpi_source, imported.file_dpi,
        )  # fmt: skip
        if imported.original is not None and imported.media_type is not None:
            page = store_encoded(self.store, code, imported.original,
                                 imported.media_type, imported.dpi, origin)  # fmt: skip
        else:
            page = store_pixels(self.store, code, imported.pixels, imported.dpi,
                                origin)  # fmt: skip
        self.pages.append(page)
        return page

    def stitch(self, paper: PaperSize) -> Page:
        """The pages imported so far are parts of one sheet: stitch them into one page of
        `paper` that takes their place (they stay as its originals). On a StitchError the
        parts stay as pages."""
        page = stitch_stored(self.store, [p.id for p in self.pages], paper)
        self.pages = [page]
        return page

    def watch(
        self,
        hot: HotFolder,
        describe: Callable[[StationError], str],
        once: bool = False,
        stop: Callable[[], bool] = lambda: False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Import each file once it settles: imported files move to done/, failed ones to
        failed/ with `describe(error)` beside them. `once`: stop when the folder is empty."""
        while not stop():
            for path in hot.poll():
                failures = self.import_paths([path])
                if failures:
                    hot.mark_failed(path, describe(failures[0].error))
                else:
                    hot.mark_done(path)
            if once and not pending_files(hot):
                return
            sleep(min(0.5, hot.settle_seconds / 4))


def pending_files(hot: HotFolder) -> bool:
    """Files still waiting in the folder (not yet settled, or not yet handed over)."""
    return any(entry.is_file() and not is_ignored(entry.name) for entry in hot.directory.iterdir())
