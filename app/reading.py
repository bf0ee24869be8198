"""Reading analysed pages (Vietnamese OCR) in the background, and what their text suggests.

A page is read once its analysis is recorded, on its transforms as they are; the text is kept
with the page (station.ocr.records) and tied to those transforms, so a page turned or cropped
later is read again. The profile's `ocr` switch turns all of it off. A suggestion names the
component the page's title matches; it is shown to the clerk, never applied here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.analysis import AnalysisState, analysis_state
from station.errors import StationError
from station.model import DossierState, Page, Procedure
from station.ocr.jobs import ReadJob, read_job
from station.ocr.model import PageText
from station.ocr.records import page_basis, save_text, stored_text, texts_of
from station.pipeline.profile import get_profile
from station.store import Store
from station.suggest import Suggestion, suggest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    page: Page
    text: PageText


def read_stored_page(store: Store, page_id: str, profile: str) -> PageText | None:
    """Read the page if it needs it; its text (fresh or kept), or None when there is nothing to
    read: OCR is off, the page is gone, not analysed yet, or was edited while it was read."""
    if not get_profile(profile).ocr:
        return None
    page = store.page(page_id)
    if page is None or page.deleted_at is not None:
        return None
    if analysis_state(page) is AnalysisState.PENDING:
        return None  # read after its analysis, on the transforms the analysis found
    basis = page_basis(page)
    kept = stored_text(store, page.id, basis)
    if kept is not None:
        return kept
    path = str(store.layout.absolute(page.original.path))
    text = read_job(ReadJob(page.id, path, page.original.sha256, page.dpi, page.transforms))
    current = store.page(page.id)
    if current is None or page_basis(current) != basis:
        return None  # edited meanwhile: it is queued again for its new shape
    save_text(store, page.id, basis, text)
    return text


def suggestions(
    procedure: Procedure, pages: list[Page], texts: dict[str, PageText]
) -> dict[str, Suggestion]:
    """What each untagged page's text suggests (pages without text or match get none)."""
    found: dict[str, Suggestion] = {}
    for page in pages:
        text = texts.get(page.id)
        if page.component_code is None and text is not None:
            hit = suggest(procedure, text)
            if hit is not None:
                found[page.id] = hit
    return found


def dossier_suggestions(store: Store, procedure: Procedure, code: str) -> dict[str, Suggestion]:
    """For a dossier opened on screen: its pages' kept text, matched (the store thread)."""
    pages = store.pages(code)
    return suggestions(procedure, pages, texts_of(store, pages))


def read_in_background(store: Store, page_id: str, profile: str) -> Reading | None:
    """A page that cannot be read keeps no text and is not retried; finishing reads it again."""
    try:
        text = read_stored_page(store, page_id, profile)
    except StationError:
        log.warning("reading page %s failed", page_id, exc_info=True)
        return None
    page = store.page(page_id)
    if text is None or page is None:
        return None
    return Reading(page, text)


def unread_pages(store: Store, profile: str) -> list[str]:
    """Analysed live pages of open dossiers without text for their present shape: those a
    crash or a close left unread. Oldest first."""
    if not get_profile(profile).ocr:
        return []
    pages = [
        page
        for dossier in store.dossiers(DossierState.OPEN)
        for page in store.pages(dossier.code)
        if analysis_state(page) is AnalysisState.DONE
        and stored_text(store, page.id, page_basis(page)) is None
    ]
    return [p.id for p in sorted(pages, key=lambda p: (p.created_at, p.order))]


Job = Callable[[], "Reading | None"]
Submit = Callable[[str, Job], None]


class ReadingQueue:
    """Each page queued once until its job reports back (`finished`), like AnalysisQueue.
    Without `submit`, jobs run at once in the caller."""

    def __init__(
        self, store: Store, profile: Callable[[], str], submit: Submit | None = None
    ) -> None:
        self.store = store
        self._profile = profile
        self._submit = submit
        self._lock = threading.Lock()
        self._queued: set[str] = set()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queued)

    def queue(self, page_id: str) -> bool:
        profile = self._profile()
        if not get_profile(profile).ocr:
            return False
        with self._lock:
            if page_id in self._queued:
                return False
            self._queued.add(page_id)

        def job() -> Reading | None:
            return read_in_background(self.store, page_id, profile)

        if self._submit is None:
            try:
                job()
            finally:
                self.finished(page_id)
        else:
            self._submit(page_id, job)
        return True

    def finished(self, page_id: str) -> None:
        with self._lock:
            self._queued.discard(page_id)

    def clear(self) -> list[str]:
        with self._lock:
            dropped, self._queued = sorted(self._queued), set()
        return dropped
