"""Reading analysed pages (Vietnamese OCR) in the background, and what their text suggests.

A page is read in two steps once its analysis is recorded, on its transforms as they are:
first a title read (the top of the page, a fraction of the time), whose suggestion is shown
at once, then the whole page for the PDF's text layer. Title reads of fresh pages go before
any whole read waiting, so a burst of pages is suggested as it arrives and the whole reads
fill the idle time after it. The text is kept with the page (station.ocr.records) and tied to
those transforms, so a page turned or cropped later is read again. A profile switched off
(station.ocr.switch: the settings dialog, `sohoa ocr off`) has none of it: no page is read,
nothing is suggested, and its PDFs carry no text layer. A suggestion names the component the
page's title matches; it is shown to the clerk, never applied here.
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
from station.ocr.switch import reads_text
from station.pipeline.profile import get_profile
from station.store import Store
from station.suggest import Suggestion, suggest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    page: Page
    text: PageText


def read_stored_page(
    store: Store, page_id: str, profile: str, title: bool = False
) -> PageText | None:
    """Read the page if it needs it; its text (fresh or kept), or None when there is nothing to
    read: OCR is off for the profile, the page is gone, not analysed yet, or was edited while
    it was read.
    With `title`, the top of the page is enough (any text kept for its shape will do)."""
    if not reads_text(store, profile):
        return None
    page = store.page(page_id)
    if page is None or page.deleted_at is not None:
        return None
    if analysis_state(page) is AnalysisState.PENDING:
        return None  # read after its analysis, on the transforms the analysis found
    basis = page_basis(page)
    kept = stored_text(store, page.id, basis, whole=not title)
    if kept is not None:
        return kept
    path = str(store.layout.absolute(page.original.path))
    job = ReadJob(page.id, path, page.original.sha256, page.dpi, page.transforms, title)
    text = read_job(job)
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


def read_in_background(
    store: Store, page_id: str, profile: str, title: bool = False
) -> Reading | None:
    """A page that cannot be read keeps no text and is not retried; finishing reads it again."""
    try:
        text = read_stored_page(store, page_id, profile, title)
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
    if not reads_text(store, profile):
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
    """Each page queued gets a title read, then a whole read; a page queued again while it
    waits is not read twice. Title reads go first, in the order queued, then whole reads, in
    that order. With `submit`, one job is handed out at a time and the next when the last
    reports back (`finished`), so a title read queued meanwhile overtakes every whole read still
    waiting, and one queued before a whole read's job began takes its turn; without `submit`,
    both reads run at once in the caller. Thread-safe."""

    def __init__(
        self,
        store: Store,
        profile: Callable[[], str],
        submit: Submit | None = None,
        hold_wholes: Callable[[], bool] | None = None,
    ) -> None:
        self.store = store
        self._profile = profile
        self._submit = submit
        # True while fresh pages are still being analysed: their title reads will follow, and a
        # whole read (a second of a core, not interruptible) started now would hold them up.
        self._hold_wholes = hold_wholes or (lambda: False)
        self._lock = threading.Lock()
        self._titles: dict[str, str] = {}  # page id -> profile, in the order queued
        self._wholes: dict[str, str] = {}
        self._running: str | None = None
        self._cleared = 0  # how many times the queue was cleared: older jobs are void

    @property
    def pending(self) -> int:
        """Pages with a read waiting or running."""
        with self._lock:
            return len(self._titles.keys() | self._wholes.keys() | self._ids_running())

    def queue(self, page_id: str) -> bool:
        """False when the profile never reads or the page already waits for both reads. (A
        profile switched off in the store is checked by the job, off the caller's thread.)"""
        profile = self._profile()
        if not get_profile(profile).ocr:
            return False
        with self._lock:
            if page_id in self._titles and page_id in self._wholes:
                return False
            self._titles.setdefault(page_id, profile)
            self._wholes.setdefault(page_id, profile)
        if self._submit is None:
            self._run_all()
        else:
            self._hand_out()
        return True

    def finished(self, page_id: str) -> None:
        """The job handed out for `page_id` reported back (or failed): the next one goes."""
        with self._lock:
            if self._running == page_id:
                self._running = None
        self._hand_out()

    def resume(self) -> None:
        """Hand out the next job if none runs: whole reads held back may go now."""
        self._hand_out()

    def clear(self) -> list[str]:
        with self._lock:
            dropped = sorted(self._titles.keys() | self._wholes.keys() | self._ids_running())
            self._titles, self._wholes, self._running = {}, {}, None
            self._cleared += 1
        return dropped

    def _ids_running(self) -> set[str]:
        return {self._running} if self._running is not None else set()

    def _take(self) -> tuple[str, Job] | None:
        """The next job, title reads first (the caller holds the lock)."""
        wholes = self._wholes if self._submit is None or not self._hold_wholes() else {}
        for waiting, title in ((self._titles, True), (wholes, False)):
            if waiting:
                page_id = next(iter(waiting))
                profile = waiting.pop(page_id)
                return page_id, self._job(page_id, profile, title)
        return None

    def _job(self, page_id: str, profile: str, title: bool) -> Job:
        cleared = self._cleared

        def job() -> Reading | None:
            if not title and self._steps_back(page_id, profile, cleared):
                return None
            return read_in_background(self.store, page_id, profile, title)

        return job

    def _steps_back(self, page_id: str, profile: str, cleared: int) -> bool:
        """A whole read that reaches a worker after a title read was queued (the workers were
        busy analysing a burst) goes back to the head of its line: the title read goes first."""
        with self._lock:
            if not self._titles or cleared != self._cleared:
                return False
            self._wholes = {page_id: profile, **self._wholes}
            return True

    def _hand_out(self) -> None:
        if self._submit is None:
            return
        with self._lock:
            if self._running is not None:
                return
            taken = self._take()
            if taken is None:
                return
            self._running = taken[0]
        self._submit(*taken)

    def _run_all(self) -> None:
        while True:
            with self._lock:
                taken = self._take()
            if taken is None:
                return
            taken[1]()
