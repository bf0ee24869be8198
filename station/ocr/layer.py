"""The text a finished page carries into its PDF: the page's kept text when it was read on the
very transforms the page was rendered with, else the page read now (a page finished before the
background reader reached it, or analysed afresh by finishing).

Pages read now are read side by side on threads (Tesseract lets go of the GIL while it
recognises), while later pages are still being encoded: read one after the other, the text
took most of a Finish that came before the background reader (45 s for 20 pages)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from station.model import Page, Transform
from station.ocr.jobs import ReadJob, read_job
from station.ocr.model import PageText
from station.ocr.records import basis_of, save_text, stored_text
from station.ocr.switch import reads_text
from station.pdf import EncodedPage
from station.store import Store


@dataclass
class PendingText:
    """An encoded page whose text is kept already, being read, or not wanted."""

    encoded: EncodedPage
    page_id: str = ""
    basis: str = ""
    kept: PageText | None = None
    reading: Future[PageText] | None = None

    def done(self) -> bool:
        return self.reading is None or self.reading.done()

    def result(self, store: Store) -> EncodedPage:
        """The page with its text; a text read now is kept (on the caller's thread: the
        store's)."""
        text = self.kept
        if self.reading is not None:
            text = self.reading.result()
            save_text(store, self.page_id, self.basis, text)
            self.reading, self.kept = None, text
        return self.encoded if text is None else replace(self.encoded, text=text)


class TextReaders:
    """Reads the pages one finish with `profile` needs text for, `workers` at a time; close()
    drops what was not started (a finish that failed)."""

    def __init__(
        self,
        store: Store,
        profile: str,
        workers: int | None,
        read: Callable[[ReadJob], PageText] = read_job,
    ) -> None:
        self._store = store
        self._wanted = reads_text(store, profile)  # once for the finish, not per page
        self._pool = ThreadPoolExecutor(max(1, workers or 1), thread_name_prefix="text")
        self._read = read

    def text_of(
        self, page: Page, encoded: EncodedPage, rendered_with: tuple[Transform, ...]
    ) -> PendingText:
        if not self._wanted:
            return PendingText(encoded)
        store = self._store
        basis = basis_of(page.original.sha256, rendered_with)
        kept = stored_text(store, page.id, basis)
        if kept is not None:
            return PendingText(encoded, page.id, basis, kept)
        path = str(store.layout.absolute(page.original.path))
        job = ReadJob(page.id, path, page.original.sha256, page.dpi, rendered_with)
        return PendingText(encoded, page.id, basis, reading=self._pool.submit(self._read, job))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
