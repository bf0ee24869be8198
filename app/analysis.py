"""Analysis of stored pages (crop, deskew, orientation under the chosen profile) and its policy.

Every stored page is analysed once, or marked "analysis failed" for good; a clerk's edit made
while the page was analysed wins over the automatic result, and the page is analysed again
with the edit kept (a turn stays, the crop and deskew are found under it). Pages stored before
a crash or a close are found again at start (`unanalysed_pages`) and queued like fresh ones.

The mark "analysis failed" is kept in the page's `analysed_profile` as "failed:<profile>", so
finishing (which replays only the profile it finishes with) analyses such a page again from its
original, and the page is never queued again at start.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

import cv2
import numpy as np

from app.codes import copy_codes
from station.codes import ReadingCopy, reading_copy
from station.errors import ErrorCode, StationError
from station.model import DossierState, Page
from station.ocr.engine import read_title
from station.ocr.jobs import rotation_of
from station.ocr.model import PageText
from station.ocr.records import page_basis, save_text, stored_text
from station.ocr.switch import reads_text
from station.pipeline import transforms as tf
from station.pipeline.process import process_page, working_image
from station.pipeline.profile import get_profile, with_steps
from station.pipeline.transforms import apply_transforms
from station.store import PageChange, Store
from station.workflow import record_analysis, restore_pages, skip_blank_backs
from station.workflow.render import is_stitched

log = logging.getLogger(__name__)

FAILED_PREFIX = "failed:"
# A page the clerk edits while it is analysed is analysed again from its new transforms, up to
# this many times in a row; beyond, it is left for the next start (`unanalysed_pages`).
EDITS_FOLLOWED = 4
# The page went away or its dossier closed while it was analysed: nothing is left to record.
_GONE = (ErrorCode.PAGE_NOT_FOUND, ErrorCode.DOSSIER_FINISHED, ErrorCode.DOSSIER_CLOSED)


class AnalysisState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


def analysis_state(page: Page) -> AnalysisState:
    if page.analysed_profile is None:
        return AnalysisState.PENDING
    if page.analysed_profile.startswith(FAILED_PREFIX):
        return AnalysisState.FAILED
    return AnalysisState.DONE


@dataclass(frozen=True)
class Analysis:
    page: Page  # as recorded; its analysis state is DONE or FAILED
    image: np.ndarray | None = field(default=None, repr=False)  # the processed page, shrunk
    blank: bool = False  # the blank detector found nothing on it
    title: PageText | None = field(default=None, repr=False)  # its top read, with OCR on

    @property
    def failed(self) -> bool:
        return analysis_state(self.page) is AnalysisState.FAILED


def processed_pixels(store: Store, page: Page) -> np.ndarray:
    """The page as it now looks: its original with its transforms replayed."""
    data = store.read_image(page.original)
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if pixels is None:
        raise StationError(ErrorCode.IMAGE_UNREADABLE, path=page.original.path, detail="decode")
    return apply_transforms(working_image(pixels), page.dpi, page.transforms)


def shrink(pixels: np.ndarray, width: int, height: int) -> np.ndarray:
    scale = min(width / pixels.shape[1], height / pixels.shape[0], 1.0)
    if scale >= 1.0:
        return pixels
    size = (max(1, round(pixels.shape[1] * scale)), max(1, round(pixels.shape[0] * scale)))
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)


def analyse_page(
    store: Store,
    page_id: str,
    profile: str,
    image_size: tuple[int, int] = (150, 200),
    title: bool = False,
    pixels: np.ndarray | None = None,
    codes: bool = True,
) -> Analysis | None:
    """Analyse a page that still needs it; None when there is nothing to record (the page is
    gone or already settled). A clerk's edit made meanwhile wins: the page is analysed again
    from the edited transforms (a turn is kept, the crop and deskew found under it). A failure
    of the analysis itself is recorded as the persistent mark "analysis failed". With `title`
    and OCR on, the top of an untagged processed page is read and kept too. `pixels`: the
    original as `processed_pixels` would decode it, when the caller holds it already (a page
    just scanned). With `codes`, the codes on the original are read and kept with the page
    (app.codes.copy_codes); a caller that reads them elsewhere, later, turns it off."""
    failure: BaseException | None = None
    for _attempt in range(EDITS_FOLLOWED):
        page = store.page(page_id)
        if page is None or page.deleted_at is not None or page.analysed_profile == profile:
            return None
        if analysis_state(page) is AnalysisState.FAILED:
            return None
        try:
            return _analyse(store, page, profile, image_size, title, pixels, codes)
        except StationError as exc:
            if exc.code is ErrorCode.PAGE_EDITED:
                continue  # the clerk's edit stays, and the page is analysed again on top of it
            if exc.code in _GONE:
                return None
            failure = exc
        except Exception as exc:  # any failure becomes the page's mark
            failure = exc
        break
    if failure is None:  # edited again and again: left unanalysed, found again at start
        log.info("page %s kept being edited while it was analysed", page_id)
        return None
    log.warning("analysis of page %s failed", page_id, exc_info=failure)
    marked = mark_failed(store, page_id, profile)
    return Analysis(marked) if marked is not None else None


def _analyse(
    store: Store,
    page: Page,
    profile: str,
    size: tuple[int, int],
    title: bool,
    pixels: np.ndarray | None,
    codes: bool,
) -> Analysis | None:
    original = page.transforms
    if pixels is None:
        pixels = processed_pixels(store, replace(page, transforms=()))
    chosen = get_profile(profile)
    if any(t.kind == tf.ORIENT for t in original):  # the clerk turned it: keep that turn
        chosen = with_steps(chosen, orient=False)
    if is_stitched(page):  # levelled and laid on its paper by the stitcher: keep it whole
        chosen = with_steps(chosen, crop=False, deskew=False)
    # small: the original is let go before the codes are read
    copy = reading_copy(pixels) if codes else None
    processed = process_page(pixels, page.dpi, chosen, original)
    del pixels
    # Written only if the clerk did not edit the page meanwhile (PAGE_EDITED: analysed again)
    recorded = record_analysis(store, page.id, processed.transforms, profile, analysed=original)
    found = processed.analysis.blank
    blank = bool(found is not None and found.blank)
    # A page tagged already (a sticky component, a separator) needs no suggestion: its title
    # is left to the background reads, and the clerk waits less for the analysis.
    wanted = title and recorded.component_code is None and reads_text(store, profile)
    text = _title(store, recorded, processed.image) if wanted else None
    if copy is not None:  # after the title: the suggestion waits for nothing more
        _codes(store, recorded, copy)
    return Analysis(recorded, shrink(processed.image, *size), blank, text)


def _codes(store: Store, page: Page, copy: ReadingCopy) -> None:
    """The codes on the original, kept with the page; a failure here leaves the analysis good."""
    try:
        copy_codes(store, page, copy)
    except Exception:
        log.warning("reading the codes of page %s failed", page.id, exc_info=True)


def _title(store: Store, page: Page, image: np.ndarray) -> PageText | None:
    """The top of the page read on the pixels just processed, and kept: the suggestion needs
    no second decode and warp, nor a turn in the reading queue behind whole reads."""
    basis = page_basis(page)
    kept = stored_text(store, page.id, basis, whole=False)
    if kept is not None:
        return kept
    try:
        text = read_title(image, page.dpi, rotation_of(page.transforms))
    except StationError:  # no OCR engine: the reading queue reports it, the page stays
        log.warning("reading the title of page %s failed", page.id, exc_info=True)
        return None
    current = store.page(page.id)
    if current is None or page_basis(current) != basis:
        return None  # edited meanwhile: it is read again for its new shape
    save_text(store, page.id, basis, text)
    return text


def mark_failed(store: Store, page_id: str, profile: str) -> Page | None:
    """The persistent mark: the page keeps what it has, and is not queued again."""
    try:
        store.change_pages([PageChange(page_id, analysed_profile=FAILED_PREFIX + profile)])
    except StationError as exc:
        if exc.code in _GONE:
            return None
        raise
    return store.page(page_id)


def clear_failed(store: Store, page_ids: list[str]) -> list[str]:
    """The clerk asks for another try: the pages marked "analysis failed" among these lose the
    mark (keeping what they have), so they can be queued again. Returns their ids."""
    failed = [
        page.id
        for page in (store.page(page_id) for page_id in page_ids)
        if page is not None and page.deleted_at is None
        and analysis_state(page) is AnalysisState.FAILED
    ]  # fmt: skip
    if failed:
        store.change_pages([PageChange(page_id, analysed_profile=None) for page_id in failed])
    return failed


def unanalysed_pages(store: Store) -> list[Page]:
    """Live pages of open dossiers never analysed nor marked failed: those stored while the
    station crashed or closed. Oldest first, so they are analysed in the order scanned."""
    pages = [
        page
        for dossier in store.dossiers(DossierState.OPEN)
        for page in store.pages(dossier.code)
        if analysis_state(page) is AnalysisState.PENDING
    ]
    return sorted(pages, key=lambda p: (p.created_at, p.order))


def analyse_pending(store: Store, profile: str) -> list[Analysis]:
    """Analyse every page left unanalysed, one after the other (the CLI, or a test)."""
    done = []
    for page in unanalysed_pages(store):
        result = analyse_page(store, page.id, profile)
        if result is not None:
            done.append(result)
    return done


Job = Callable[[], "Analysis | None"]
Submit = Callable[[str, Job], None]


class AnalysisQueue:
    """Schedules analyses: each page is queued once, whoever asks (a fresh page, the pages left
    over at start), until its job reports back with `finished`. `submit(page_id, job)` puts the
    job on a worker (the GUI's task runner); without it, jobs run at once in the caller.
    Thread-safe; `profile` is read when a page is queued. With `titles`, each job reads the top
    of its page too; with `codes`, its codes (see analyse_page)."""

    def __init__(
        self,
        store: Store,
        profile: Callable[[], str],
        submit: Submit | None = None,
        titles: bool = False,
        codes: bool = True,
    ):
        self.store = store
        self._profile = profile
        self._submit = submit
        self._titles = titles
        self._codes = codes
        self._lock = threading.Lock()
        self._queued: set[str] = set()
        self.analysed: list[Callable[[Page], object]] = []  # told on the worker, page recorded

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queued)

    def is_queued(self, page_id: str) -> bool:
        with self._lock:
            return page_id in self._queued

    def queue(
        self,
        page_id: str,
        image_size: tuple[int, int] = (150, 200),
        pixels: np.ndarray | None = None,
    ) -> bool:
        """False when the page is queued already. `pixels`: see analyse_page."""
        with self._lock:
            if page_id in self._queued:
                return False
            self._queued.add(page_id)
        profile = self._profile()

        def job() -> Analysis | None:
            found = analyse_page(
                self.store, page_id, profile, image_size, self._titles, pixels, self._codes
            )
            if found is not None and not found.failed:
                for listener in self.analysed:
                    listener(found.page)
            return found

        if self._submit is None:
            try:
                job()
            finally:
                self.finished(page_id)
        else:
            self._submit(page_id, job)
        return True

    def queue_all(self, page_ids: list[str], image_size: tuple[int, int] = (150, 200)) -> int:
        return sum(self.queue(page_id, image_size) for page_id in page_ids)

    def finished(self, page_id: str) -> None:
        with self._lock:
            self._queued.discard(page_id)

    def clear(self) -> list[str]:
        """Forget every queued page (their jobs are being cancelled); returns their ids."""
        with self._lock:
            dropped, self._queued = sorted(self._queued), set()
        return dropped


def left_over(store: Store) -> list[str]:
    """The ids of `unanalysed_pages`, to queue at start."""
    return [page.id for page in unanalysed_pages(store)]


@dataclass(frozen=True)
class LeftOver:
    """What start-up recovered: every live page a killed writer stored (a scan or an import cut
    short, analysed or not) and every page left unanalysed (also those stored while the station
    closed); `page_ids` are the unanalysed ones, to queue."""

    page_ids: list[str]
    per_dossier: dict[str, int]  # recovered pages of each open dossier, in the order scanned

    @property
    def recovered(self) -> int:
        return sum(self.per_dossier.values())


def left_over_pages(store: Store) -> LeftOver:
    pending = unanalysed_pages(store)
    killed = store.pages_stored_by(store.recovery.dead_sessions)
    both = sorted([*killed, *pending], key=lambda p: (p.created_at, p.order))
    recovered = {page.id: page for page in both}
    per_dossier: dict[str, int] = {}
    for page in recovered.values():
        per_dossier[page.dossier_code] = per_dossier.get(page.dossier_code, 0) + 1
    return LeftOver([page.id for page in pending], per_dossier)


def skip_blank_back(store: Store, analysis: Analysis) -> bool:
    """A back side found blank once analysed is skipped: soft-deleted and recorded as skipped
    (not as the clerk's delete), so its file stays and the clerk can bring it back. The side
    is the page's own and the skips are events in the store, so a back side analysed after a
    restart is skipped too and counted with the others. A front side is never skipped, nor an
    imported page, nor a page the clerk brought back once. On the store's thread; True when
    the page was skipped."""
    if not analysis.blank:
        return False
    page = store.page(analysis.page.id)
    if page is None or page.deleted_at is not None or page.side != "back":
        return False
    if page.id in store.blank_back_skips(page.dossier_code).ever:
        return False
    skip_blank_backs(store, [page.id])
    return True


def skipped_blank_backs(store: Store, dossier_code: str) -> list[str]:
    """The dossier's back sides skipped and not brought back, in scan order."""
    return store.blank_back_skips(dossier_code).skipped


def restore_blank_backs(store: Store, dossier_code: str) -> list[str]:
    """Bring back every skipped back side of the dossier (they are never skipped again)."""
    skipped = skipped_blank_backs(store, dossier_code)
    if skipped:
        restore_pages(store, skipped)
    return skipped
