"""Pages encoded for their PDF in the background, as soon as they are analysed, so that Finish
only assembles, signs and queues.

Each analysed page is replayed and encoded in a low-priority worker process (the GUI thread and
the scan keep their core) and kept in `prerender/<page id>.enc` under the data directory,
owner-only like the pages themselves. The file starts with a key made of everything the
encoding depends on (the original's sha256, dpi, profile and transforms): a page rotated,
re-cropped or analysed under another profile no longer matches and is encoded again, by the
background worker when the window asks (`refresh`) or by Finish itself. A file is pickled
`EncodedPage`: only this account can write the folder, as for the station's database.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import cv2

from station.model import Page
from station.pdf import EncodedPage
from station.pipeline.profile import DEFAULT_PROFILE
from station.store import Store
from station.store.files import ensure_dir, remove_quietly
from station.store.permissions import PRIVATE_FILE
from station.workflow.finish import page_job
from station.workflow.render import PageJob, render_page

log = logging.getLogger(__name__)

FOLDER = "prerender"
SUFFIX = ".enc"
CLAIM = ".claim"  # a page being encoded now, by the process whose id the file holds
STALE_CLAIM = 600.0  # seconds: a claim older than this was left by a process that died
VERSION = 1  # raised when the encoders change what they write


def job_key(job: PageJob) -> bytes:
    """Everything the page's encoding depends on, hashed."""
    transforms = [{"kind": t.kind, "params": t.params} for t in job.transforms]
    facts = [VERSION, job.sha256, job.dpi, job.profile, job.replay, transforms]
    text = json.dumps(facts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest().encode("ascii")


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode("ascii")


class RenderCache:
    """One file per page; thread-safe (a file is written under a temporary name, renamed)."""

    def __init__(self, home: Path) -> None:
        self.root = Path(home) / FOLDER

    def _path(self, page_id: str) -> Path:
        return self.root / f"{page_id}{SUFFIX}"

    def get(self, job: PageJob) -> EncodedPage | None:
        """The page as encoded for this very job, or None (never rendered, or since changed)."""
        try:
            data = self._path(job.page_id).read_bytes()
        except OSError:
            return None
        key, _, rest = data.partition(b"\n")
        digest, _, body = rest.partition(b"\n")
        if key != job_key(job) or digest != _digest(body):
            return None  # another encoding, or a file torn by a power cut: encode again
        try:
            found = pickle.loads(body)
        except Exception:  # written by another version: encode again
            return None
        return found if isinstance(found, EncodedPage) else None

    def has(self, job: PageJob) -> bool:
        try:
            with self._path(job.page_id).open("rb") as handle:
                return handle.readline().rstrip(b"\n") == job_key(job)
        except OSError:
            return False

    def put(self, job: PageJob, encoded: EncodedPage) -> None:
        ensure_dir(self.root)
        target = self._path(job.page_id)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        pickled = pickle.dumps(encoded, protocol=pickle.HIGHEST_PROTOCOL)
        body = job_key(job) + b"\n" + _digest(pickled) + b"\n" + pickled
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(body)
            os.replace(temporary, target)
        except BaseException:
            remove_quietly(temporary)
            raise

    def drop(self, page_ids: Iterable[str]) -> None:
        for page_id in page_ids:
            remove_quietly(self._path(page_id))
            remove_quietly(self._claim_path(page_id))

    # Claims: the background worker and Finish never encode the same page at once. Each takes
    # the page's claim (a file created only if absent) before encoding it; the background
    # skips a page claimed, Finish waits for a page the background is encoding.

    def _claim_path(self, page_id: str) -> Path:
        return self.root / f"{page_id}{CLAIM}"

    def claim(self, page_id: str) -> bool:
        """True when this process now holds the page's claim (a stale one is taken over)."""
        ensure_dir(self.root)
        path = self._claim_path(page_id)
        for _ in range(2):
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
            except FileExistsError:
                if self._holder_alive(path):
                    return False
                remove_quietly(path)  # its process is gone: taken over
                continue
            with os.fdopen(descriptor, "w") as handle:
                handle.write(str(os.getpid()))
            return True
        return False

    def claimed(self, page_id: str) -> bool:
        """Another live process holds the page's claim."""
        return self._holder_alive(self._claim_path(page_id))

    def release(self, page_ids: Iterable[str]) -> None:
        for page_id in page_ids:
            path = self._claim_path(page_id)
            if _holder(path) == os.getpid():
                remove_quietly(path)

    def _holder_alive(self, path: Path) -> bool:
        holder = _holder(path)
        if holder is None:
            return False
        if holder == os.getpid():
            return False  # this very process: not "another"
        try:
            if time.time() - path.stat().st_mtime > STALE_CLAIM:
                return False
            os.kill(holder, 0)
        except ProcessLookupError:
            return False
        except OSError:  # PermissionError: alive, under another account; gone meanwhile
            return path.exists()
        return True


def _holder(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip() or "0") or None
    except (OSError, ValueError):
        return None


def dossier_page_ids(store: Store, code: str) -> list[str]:
    """Every page the dossier ever had, deleted ones too: what its cache files are named."""
    return [p.id for p in store.pages(code)] + [p.id for p in store.deleted_pages(code)]


def render_into(home: str, job: PageJob) -> str | None:
    """In the worker: encode the page and keep it, so its bytes never cross back into the
    window's process. The error code when the page could not be encoded. A page Finish has
    claimed is left to Finish."""
    cache = RenderCache(Path(home))
    if cache.has(job) or not cache.claim(job.page_id):
        return None
    try:
        return encode_claimed(cache, job)
    finally:
        cache.release([job.page_id])


def encode_claimed(cache: RenderCache, job: PageJob) -> str | None:
    """Encode a page whose claim this process holds, and keep it; the error code, if any."""
    result = render_page(job)
    if result.error is not None:
        return result.error[0]
    if result.encoded is not None:
        cache.put(job, result.encoded)
    return None


def _background_worker() -> None:
    """Below the window and the scanner in the scheduler, one OpenCV thread."""
    if hasattr(os, "nice"):
        os.nice(10)
    cv2.setNumThreads(1)


class Prerenderer:
    """Encodes analysed pages in one background worker process, in the order asked.
    `profile` is the profile Finish will use (the window sets it when the clerk picks
    another). Any thread may call `page_analysed` or `refresh`; `close` stops the worker
    (what is half done is dropped). While `hold()` is true (fresh pages wait for their
    analysis, which the clerk waits for), pages are kept back until `resume`."""

    def __init__(self, store: Store, profile: str = DEFAULT_PROFILE) -> None:
        self.store = store
        self.cache = RenderCache(store.layout.home)
        self.profile = profile
        self.hold: Callable[[], bool] = lambda: False
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[tuple[str, bytes], Future[str | None]] = {}  # (page, key)
        self._held: dict[str, Page] = {}  # page id -> the page as last asked for
        self._closed = False

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._running) + len(self._held)

    def page_analysed(self, page: Page) -> bool:
        """Queue the page unless its current encoding is kept already; True when queued."""
        if page.deleted_at is not None or page.analysed_profile is None:
            return False
        if self.hold():
            with self._lock:
                if self._closed:
                    return False
                self._held.pop(page.id, None)
                self._held[page.id] = page  # to the back: the order asked
            return True
        return self._submit(page)

    def resume(self) -> int:
        """Queue the pages held back, if nothing holds them any more; how many were queued."""
        if self.hold():
            return 0
        with self._lock:
            held, self._held = list(self._held.values()), {}
        return sum(self._submit(page) for page in held)

    def _submit(self, page: Page) -> bool:
        job = page_job(self.store, page, self.profile)
        if not job.replay or self.cache.has(job):
            return False
        running = (job.page_id, job_key(job))
        with self._lock:
            if self._closed or running in self._running:
                return False
            future = self._worker().submit(render_into, str(self.store.layout.home), job)
            self._running[running] = future
        future.add_done_callback(lambda done: self._keep(job, done))
        return True

    def refresh(self, pages: Iterable[Page]) -> int:
        """After edits: queue the pages whose kept encoding no longer matches."""
        return sum(self.page_analysed(page) for page in pages)

    def wait(self, timeout: float = 600.0) -> bool:
        """Until every queued page is kept or dropped (a bench, a test); False on timeout."""
        deadline = time.monotonic() + timeout
        while self.pending:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._held.clear()
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_background_worker,
            )
        return self._pool

    def _keep(self, job: PageJob, done: Future[str | None]) -> None:
        try:
            problem = None if done.cancelled() else done.result()
            if problem is not None:  # Finish encodes it and says what is wrong
                log.warning("page %s not rendered ahead: %s", job.page_id, problem)
        except Exception as exc:  # the worker died: Finish encodes the page itself
            log.warning("page %s not rendered ahead: %s", job.page_id, exc)
        finally:
            with self._lock:
                self._running.pop((job.page_id, job_key(job)), None)
