"""The text a finished page carries into its PDF: the page's kept text when it was read on the
very transforms the page was rendered with, else the page read now (a page finished before the
background reader reached it, or analysed afresh by finishing). Finishing reads those pages in
its pool of worker processes, beside the encoding (station.workflow.finish_pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from station.model import Page, Transform
from station.ocr.jobs import ReadJob, read_job
from station.ocr.model import PageText
from station.ocr.records import basis_of, save_text, stored_text
from station.ocr.switch import reads_text
from station.store import Store

if TYPE_CHECKING:  # station.workflow's finishing imports this module
    from station.workflow.render import PageJob


class PageTexts:
    """The text of the pages one finish with `profile` builds; the store is used on the
    caller's thread only."""

    def __init__(self, store: Store, profile: str) -> None:
        self._store = store
        self.wanted = reads_text(store, profile)  # once for the finish, not per page

    def must_read(self, page: Page, job: PageJob) -> bool:
        """The page has no text kept for how it will be encoded (a page analysed afresh has
        none for transforms not found yet)."""
        if not self.wanted:
            return False
        return not job.replay or self.kept(page, job.transforms) is None

    def kept(self, page: Page, rendered_with: tuple[Transform, ...]) -> PageText | None:
        if not self.wanted:
            return None
        return stored_text(self._store, page.id, basis_of(page.original.sha256, rendered_with))

    def keep(self, page: Page, rendered_with: tuple[Transform, ...], text: PageText) -> None:
        save_text(self._store, page.id, basis_of(page.original.sha256, rendered_with), text)


def read_rendered(job: PageJob, rendered_with: tuple[Transform, ...]) -> PageText:
    """In a worker: the page as it was encoded, read."""
    return read_job(ReadJob(job.page_id, job.path, job.sha256, job.dpi, rendered_with))
