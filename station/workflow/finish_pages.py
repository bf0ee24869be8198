"""The pages of a finish, each encoded (unless it was encoded ahead) and read (unless its text is
kept), on one pool of worker processes, every core.

A page's encoding and its reading are one job in a worker process: reading in threads of the
finishing process took the GIL from the assembly and ran beside a full pool of encoders, and
reading costs about three times encoding (0.9 s of a core a page against 0.3 s, A4 colour,
300 dpi), so it needs the whole pool as much as encoding does. Jobs are handed out a few at a
time, from the last page back, and each is looked at again just before it goes: a page the
background has encoded or read meanwhile (app.prerender, app.reading) is not done twice. A page
the background is encoding at that very moment (`Rendered.claim` refused) is waited for, not
encoded again; Finish claims the pages it encodes itself, so the background leaves them.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from station.errors import ErrorCode, StationError
from station.model import Page, Transform
from station.ocr.layer import PageTexts, read_rendered
from station.ocr.model import PageText
from station.pdf import EncodedPage
from station.pipeline.jobs import page_pool
from station.workflow.render import PageJob, PageResult, render_page

WAIT_STEP = 0.05  # seconds between looks at a page the background is encoding


class Rendered(Protocol):
    """Pages encoded ahead of time (app.prerender keeps them on disk)."""

    def has(self, job: PageJob) -> bool: ...

    def get(self, job: PageJob) -> EncodedPage | None: ...

    def claim(self, page_id: str) -> bool:
        """True: this finish encodes the page and the background leaves it; False: the
        background is encoding it now."""
        ...

    def claimed(self, page_id: str) -> bool:
        """Another live process is still encoding the page."""
        ...

    def release(self, page_ids: Sequence[str]) -> None: ...


@dataclass(frozen=True)
class PageTask:
    job: PageJob
    encode: bool
    read: bool


@dataclass(frozen=True)
class PageWork:
    result: PageResult | None  # None: not encoded by this task
    text: PageText | None
    error: tuple[str, dict[str, Any]] | None = None  # a StationError, as a pickle-safe pair


def work_on(task: PageTask) -> PageWork:
    """In a worker: encode, then read on the transforms the page was encoded with."""
    result = render_page(task.job) if task.encode else None
    if result is not None and (result.error is not None or result.encoded is None):
        return PageWork(result, None, result.error)  # unreadable, or a blank page dropped
    if not task.read:
        return PageWork(result, None)
    try:
        return PageWork(result, read_rendered(task.job, rendered_with(task.job, result)))
    except StationError as exc:
        return PageWork(result, None, (exc.code.value, dict(exc.params)))


def rendered_with(job: PageJob, result: PageResult | None) -> tuple[Transform, ...]:
    """What the page's encoding was made with: a fresh analysis, else the job's transforms."""
    if result is not None and result.analysis is not None:
        return result.analysis
    return job.transforms


@dataclass(frozen=True)
class FinishedPage:
    page: Page
    result: PageResult  # encoded (.encoded None: a blank page dropped), with any fresh analysis
    text: PageText | None


@dataclass
class _Slot:
    index: int  # in the dossier's order
    page: Page
    job: PageJob
    task: PageTask
    waits: bool = False  # the background is encoding it: taken from the cache when done
    running: Future[PageWork] | None = None


class FinishPages:
    """The pages, each with its encoding and text (see the module). Use once, as an
    iterator, and close() it (a finish that failed): what was not started is dropped and the
    pages this finish claimed are given back."""

    def __init__(
        self,
        pages: Sequence[tuple[Page, PageJob]],
        texts: PageTexts,
        rendered: Rendered | None,
        workers: int | None,
    ) -> None:
        self._texts = texts
        self._rendered = rendered
        planned = [self._plan(index, page, job) for index, (page, job) in enumerate(pages)]
        # Last page first: the window's reader reads from the first page on, so the two meet
        # once instead of reaching the same pages together. The pages the background is
        # encoding now come last of all: its worker, a low-priority process, gets a core once
        # this finish's own jobs are out of the way.
        mine = [s for s in reversed(planned) if not s.waits]
        self._slots = mine + [s for s in planned if s.waits]
        self._claimed = [s.page.id for s in self._slots if s.task.encode and rendered is not None]
        busy = sum(1 for s in self._slots if s.task.encode or s.task.read)
        count = min(workers or 1, busy)
        self._pool: Executor | None = page_pool(count) if count > 1 else None
        self._ahead = count + 1  # jobs out at a time: every worker busy, one waiting
        self._submitted = 0

    @property
    def encoding(self) -> int:
        """Pages this finish encodes itself."""
        return sum(1 for s in self._slots if s.task.encode)

    def _plan(self, index: int, page: Page, job: PageJob) -> _Slot:
        kept = self._rendered
        encode = kept is None or not kept.has(job)
        waits = encode and kept is not None and not kept.claim(page.id)
        read = self._texts.must_read(page, job)
        return _Slot(index, page, job, PageTask(job, encode and not waits, read), waits)

    def __iter__(self) -> Generator[tuple[int, FinishedPage], None, None]:
        """Each page with its place in the dossier's order, as it is done."""
        for position, slot in enumerate(self._slots):
            self._hand_out(position)
            yield slot.index, self._finished(slot)

    def _hand_out(self, position: int) -> None:
        """Jobs go out in order, `_ahead` at a time; each looked at again as it goes."""
        while self._pool is not None and self._submitted < len(self._slots):
            if self._submitted - position >= self._ahead:
                return
            slot = self._slots[self._submitted]
            self._submitted += 1
            slot.task = self._still_needed(slot)
            if slot.task.encode or slot.task.read:
                slot.running = self._pool.submit(work_on, slot.task)

    def _still_needed(self, slot: _Slot) -> PageTask:
        task = slot.task
        if task.read and not self._texts.must_read(slot.page, slot.job):
            return PageTask(task.job, task.encode, False)  # read in the background meanwhile
        return task

    def _finished(self, slot: _Slot) -> FinishedPage:
        if slot.running is None:
            slot.task = self._still_needed(slot)
        work = self._work(slot)
        result = work.result
        if result is None:
            result = self._kept_result(slot)
        text = work.text
        if text is None and result.encoded is not None:
            text = self._texts.kept(slot.page, rendered_with(slot.job, result))
        elif text is not None:
            self._texts.keep(slot.page, rendered_with(slot.job, result), text)
        return FinishedPage(slot.page, result, text)

    def _work(self, slot: _Slot) -> PageWork:
        if slot.running is None:
            busy = slot.task.encode or slot.task.read
            return self._work_here(slot.task) if busy else PageWork(None, None)
        try:
            work = slot.running.result()
        except BrokenProcessPool:
            detail = {"path": slot.job.path, "detail": "worker died"}
            work = PageWork(None, None, (ErrorCode.IMAGE_UNREADABLE.value, detail))
        slot.running = None
        return _checked(work)

    def _kept_result(self, slot: _Slot) -> PageResult:
        """The page encoded ahead: once the background is done with it if it is on it now;
        encoded here after all if the background gave up or the file is gone."""
        kept = self._rendered
        if kept is not None:
            while slot.waits and kept.claimed(slot.page.id) and not kept.has(slot.job):
                time.sleep(WAIT_STEP)
            encoded = kept.get(slot.job)
            if encoded is not None:
                return PageResult(slot.page.id, encoded, None)
        work = self._work_here(PageTask(slot.job, True, False))
        assert work.result is not None
        return work.result

    @staticmethod
    def _work_here(task: PageTask) -> PageWork:
        return _checked(work_on(task))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._rendered is not None:
            self._rendered.release(self._claimed)
            self._claimed = []


def _checked(work: PageWork) -> PageWork:
    if work.error is not None:
        code, params = work.error
        raise StationError(ErrorCode(code), **params)
    return work
