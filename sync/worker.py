"""The background sender: one thread, one job at a time, everything it knows kept in SQLite.

Owned by the GUI (start/pause/resume/stop) or run in the foreground by `sohoa sync run`.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from station import __version__
from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from station.catalog_local import with_local
from station.errors import ErrorCode, StationError
from station.model import utc_now
from station.store import Layout
from station.store.database import Database
from station.store.files import sha256_file
from sync.backoff import Backoff
from sync.catalog_fetch import CatalogUpdate, catalog_directory
from sync.catalog_refresh import CatalogRefresher, CatalogSchedule
from sync.crashes import crash_detail, record_crash
from sync.facts_reporter import FactsReporter
from sync.failures import Interrupted, PermanentError, TransientError
from sync.hub_connection import build_target
from sync.hub_target import CHUNK, HubTarget
from sync.jobs import Job, JobKind, JobState, QueueStatus, to_text
from sync.metrics import send_metrics
from sync.outbox import Checkpoint, Outbox
from sync.purge import purge_confirmed
from sync.results_elsewhere import learn_results_elsewhere
from sync.settings import DatabaseSettings, SyncSettings
from sync.supervisor import Restarts, supervise
from sync.target import RemoteFile, Target, UploadProgress
from sync.throttle import Pace
from sync.worker_events import Listener, Listeners, SyncEvent, WorkerEventKind

log = logging.getLogger(__name__)

LOCK_NAME = "sync.lock"
TARGET_CONFIRMED = "target_confirmed"  # checkpoint: the receiver has the job, not yet recorded
PROGRESS_WRITE_SECONDS = 0.5  # an upload's bytes sent reach the database at most this often


@dataclass(frozen=True)
class WorkerOptions:
    backoff: Backoff = field(default_factory=Backoff)
    poll_seconds: float = 5.0  # how often an idle worker looks for new jobs
    heartbeat_seconds: float = 60.0
    metrics_seconds: float = 300.0  # how often the station's facts go to the hub
    purge_seconds: float = 3600.0
    chunk_size: int = CHUNK
    restarts: Restarts = field(default_factory=Restarts)  # of a sender that crashed
    catalog_seconds: float | None = None  # between catalog fetches; None: sync catalog_hours
    catalog_retry_seconds: float = 300.0  # the first pause after a failed catalog fetch


@dataclass(frozen=True)
class WorkerStatus:
    running: bool
    paused: bool
    online: bool | None  # None until the first answer or failure
    current_job: int | None
    queue: QueueStatus | None  # as of the last job the worker finished


class SyncWorker:
    def __init__(
        self,
        home: Path,
        target: Target | None = None,
        options: WorkerOptions | None = None,
        catalog: Callable[[], Catalog] | None = None,
        database: Database | None = None,
        checkpoint: Checkpoint | None = None,
    ) -> None:
        """`catalog`: the station's current catalog as the app has it (built in, the province's
        version, the station's additions), asked each time the facts are judged for the hub so a
        version fetched meanwhile counts; the frontends pass it. Without it, only the built-in
        catalog and the station's additions (no province version: sync cannot load one).
        `database`: the store's, when the worker runs beside a store in this process;
        otherwise the worker opens the station's database itself while it runs.
        `checkpoint`: called at each point a job's change passes (tests kill the process
        there)."""
        self.home = home
        self.options = options or WorkerOptions()
        self._catalog = catalog
        self._fallback_catalog: Catalog | None = None
        self._database = database
        self._checkpoint = checkpoint or (lambda _name: None)
        self._facts: FactsReporter | None = None
        self._given_target = target
        self._target: Target | None = target
        self._listeners = Listeners()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._resumed = threading.Event()
        self._reload = threading.Event()
        self._resumed.set()
        self._thread: threading.Thread | None = None
        self._running = False
        self._online: bool | None = None
        self._current: int | None = None
        self._queue: QueueStatus | None = None
        self._failures = 0  # in a row, across jobs: the network's state, not one job's
        self._sent = 0  # the furthest offset the current job reached in this attempt
        self._hold_until = 0.0
        self._next_heartbeat = 0.0
        self._next_metrics = 0.0
        self._next_purge = 0.0
        self._catalogs = CatalogRefresher(
            catalog_directory(home), self._catalog_updated, self._problem
        )

    # control (any thread) ---------------------------------------------------
    def subscribe(self, listener: Listener) -> Any:
        """Returns a function that unsubscribes."""
        return self._listeners.add(listener)

    def start(self) -> None:
        """Call from the main thread (the GUI's), which alone may set signal handlers."""
        if self._thread is not None and self._thread.is_alive():
            return
        _ignore_sigpipe()
        self._stop.clear()
        self._thread = threading.Thread(target=self._supervised, name="sohoa-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Finish the current chunk, leave the job queued, release the database."""
        self._stop.set()
        self._resumed.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def pause(self) -> None:
        self._resumed.clear()
        self._listeners.emit(SyncEvent(WorkerEventKind.PAUSED))

    def resume(self) -> None:
        self._resumed.set()
        self._hold_until = 0.0
        self._wake.set()
        self._listeners.emit(SyncEvent(WorkerEventKind.RESUMED))

    def reload_settings(self) -> None:
        """After a login or a settings change: the next job builds its target afresh."""
        self._reload.set()
        self.wake()

    def wake(self) -> None:
        """New jobs or a retry-now: look at the queue without waiting for the next poll."""
        self._hold_until = 0.0
        self._wake.set()

    def status(self) -> WorkerStatus:
        return WorkerStatus(
            self._running, not self._resumed.is_set(), self._online, self._current, self._queue
        )

    # the loop (the worker's thread, or the caller's for `sync run`) ---------
    def _supervised(self) -> None:
        supervise(self.run, self._stop, self._crashed, self.options.restarts)

    def run_supervised(self) -> None:
        """`sohoa sync run`: the sender in the caller's thread, kept alive as `start` keeps it
        in its own, until stopped (Ctrl-C raises KeyboardInterrupt through it). Another sender
        holding the lock ends it with that error, as an unsupervised run would."""
        supervise(self.run, self._stop, self._crashed, self.options.restarts, fatal=_locked_out)

    def run_once_recorded(self) -> None:
        """`sohoa sync run --once`: one pass; a crash is recorded for `sync status` (as a
        supervised sender's is) and raised, since nothing here would start the pass again."""
        try:
            self.run(once=True)
        except StationError:
            raise
        except Exception as exc:
            self._record_crash(exc)
            raise

    def _crashed(self, error: BaseException, delay: float) -> None:
        if isinstance(error, StationError):  # another sender holds the lock, a broken database
            self._problem(error)
            return
        detail = self._record_crash(error)
        crashed = SyncEvent(WorkerEventKind.CRASHED, delay=delay, error_params={"detail": detail})
        self._listeners.emit(crashed)

    def _record_crash(self, error: BaseException) -> str:
        """Kept where `sohoa sync status` reads it; the crash may have been the database's, so
        failing to record it is only logged."""
        try:
            if self._database is not None:
                return record_crash(self._database, error).detail
            with Outbox.open(self.home) as outbox:
                return record_crash(outbox.database, error).detail
        except Exception:
            log.exception("the sender's crash could not be recorded")
            return crash_detail(error)

    def run(
        self, once: bool = False, until_idle: bool = False, timeout: float | None = None
    ) -> None:
        """Send jobs until stopped. `once`: only what is due now. `until_idle`: until no job
        is queued or uploading (parked ones stay parked), or `timeout` seconds pass."""
        _ignore_sigpipe()
        lock = FileLock(str(self.home / LOCK_NAME), timeout=0, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            raise StationError(ErrorCode.SYNC_WORKER_RUNNING, path=str(self.home)) from None
        deadline = None if timeout is None else time.monotonic() + timeout
        self._running = True
        self._listeners.emit(SyncEvent(WorkerEventKind.STARTED))
        try:
            with self._open_outbox() as outbox:
                released = outbox.release_interrupted()  # safe: we hold the only worker lock
                if released:
                    log.info("%s interrupted upload(s) back in the queue", released)
                self._facts = FactsReporter(outbox.database)
                try:
                    self._loop(outbox, once, until_idle, deadline)
                finally:
                    self._facts = None
        finally:
            if self._target is not None and self._target is not self._given_target:
                self._target.close()
                self._target = None
            self._running = False
            lock.release()
            self._listeners.emit(SyncEvent(WorkerEventKind.STOPPED))

    def _open_outbox(self) -> Outbox:
        if self._database is None:
            return Outbox.open(self.home, checkpoint=self._checkpoint)
        return Outbox(self._database, Layout(self.home), checkpoint=self._checkpoint)

    def _loop(self, outbox: Outbox, once: bool, until_idle: bool, deadline: float | None) -> None:
        while not self._stop.is_set():
            if deadline is not None and time.monotonic() > deadline:
                return
            if not self._resumed.is_set():
                self._resumed.wait(self.options.poll_seconds)
                continue
            wait = self._hold_until - time.monotonic()
            job = outbox.claim_next() if wait <= 0 else None
            if job is None:
                self._housekeeping(outbox, talk=wait <= 0)
                self._queue = outbox.status()
                if once:
                    return
                if until_idle and not outbox.waiting_count():
                    return
                self._sleep(outbox, wait)
                continue
            self._process(outbox, job)
            self._queue = outbox.status()
            if self._hold_until <= time.monotonic():
                self._heartbeat_if_due(outbox)  # a station draining a long queue is online
                self._catalog_if_due(outbox)  # and its catalog need not wait for the end

    def _sleep(self, outbox: Outbox, hold: float) -> None:
        due = outbox.next_due_at()
        until_due = self.options.poll_seconds
        if due is not None:
            until_due = (due - utc_now()).total_seconds()
        delay = max(0.01, min(self.options.poll_seconds, max(hold, until_due)))
        self._wake.wait(delay)
        self._wake.clear()

    # one job ---------------------------------------------------------------
    def _process(self, outbox: Outbox, job: Job) -> None:
        self._current = job.id
        self._sent = job.sent_bytes
        started = WorkerEventKind.JOB_STARTED
        self._listeners.emit(SyncEvent(started, job.id, job.dossier_code, job.sent_bytes, job.size))
        try:
            target = self._target_for(outbox)
            if job.kind is JobKind.FILE:
                self._send_file(outbox, target, job)
            elif job.kind is JobKind.RESULT:
                target.commit_result(job)
            else:
                target.commit_manifest(job)
            self._checkpoint(TARGET_CONFIRMED)
            outbox.mark_done(job.id)  # with its upload_confirmed event, in one transaction
            self._went_online()
            self._failures = 0
            self._listeners.emit(SyncEvent(WorkerEventKind.JOB_DONE, job.id, job.dossier_code))
        except Interrupted:
            outbox.reschedule(job.id, 0)
        except TransientError as exc:
            self._retry_later(outbox, job, exc, progressed=self._sent > job.sent_bytes)
        except PermanentError as exc:
            outbox.park(job.id, exc.error)
            self._went_online()
            log.warning("job %s on hold: %s", job.id, exc.error.code.value)
            self._listeners.emit(_failed(job, exc.error))
        except StationError as exc:  # local: not configured, no secret, database trouble
            self._retry_later(outbox, job, TransientError(exc))
            self._problem(exc)
        except Exception:
            # Nothing above expected this. The job waits its turn, so it cannot hold up the
            # queue, and the supervisor starts the sender again.
            with contextlib.suppress(StationError):
                outbox.reschedule(job.id, self.options.backoff.delay(job.attempts))
            raise
        finally:
            self._current = None

    def _send_file(self, outbox: Outbox, target: Target, job: Job) -> None:
        source = outbox.layout.absolute(job.path)
        if not source.is_file():
            raise PermanentError(StationError(ErrorCode.SYNC_LOCAL_FILE_MISSING, path=job.path))
        if sha256_file(source) != job.sha256:
            raise PermanentError(StationError(ErrorCode.SYNC_LOCAL_FILE_CHANGED, path=job.path))

        # Each write is an fsync, and a flaky link resumes every few MB; the hub's offset, not
        # this figure, is where an upload resumes. An attempt that fails writes its last one.
        latest = written = job.sent_bytes  # the last offset, and what the database holds
        written_at = time.monotonic()

        def sent(offset: int) -> None:
            nonlocal latest, written, written_at
            self._sent = max(self._sent, offset)
            latest = offset
            if time.monotonic() - written_at >= PROGRESS_WRITE_SECONDS:
                outbox.record_progress(job.id, offset)
                written, written_at = offset, time.monotonic()
            self._went_online()
            self._listeners.emit(
                SyncEvent(WorkerEventKind.JOB_PROGRESS, job.id, job.dossier_code, offset, job.size)
            )

        progress = UploadProgress(
            record_url=lambda url: outbox.record_upload_url(job.id, url),
            record_sent=sent,
            stopping=lambda: self._stop.is_set() or not self._resumed.is_set(),
        )
        try:
            _confirm(job, target.upload_file(job, source, progress))
        except BaseException:
            if latest != written:
                outbox.record_progress(job.id, latest)
            raise

    def _retry_later(
        self, outbox: Outbox, job: Job, exc: TransientError, progressed: bool = False
    ) -> None:
        attempts = None
        if progressed:
            # As tus-js-client does: the attempt moved the offset, so the link works; the
            # backoff starts over and the next attempt starts at once.
            self._failures = 0
            attempts = 0
            delay = exc.retry_after or 0.0
        else:
            self._failures += 1
            failures = max(self._failures, job.attempts)
            delay = self.options.backoff.delay(failures, exc.retry_after)
        outbox.reschedule(job.id, delay, exc.error, attempts=attempts)
        # The network or the server, not this job, is the trouble: everything waits.
        self._hold_until = time.monotonic() + delay
        log.info("job %s: %s; again in %.1fs", job.id, exc.error.code.value, delay)
        # A cut connection is not "offline" while the hub still answers a cheap probe.
        if exc.offline and self._online is not False and not self._reachable():
            self._online = False
            offline = SyncEvent(WorkerEventKind.OFFLINE, error_code=exc.error.code.value)
            self._listeners.emit(offline)
        self._listeners.emit(
            SyncEvent(
                WorkerEventKind.JOB_RETRY,
                job.id,
                job.dossier_code,
                delay=delay,
                error_code=exc.error.code.value,
                error_params={k: str(v) for k, v in exc.error.params.items()},
            )
        )

    def _reachable(self) -> bool:
        probe = getattr(self._target, "reachable", None)
        return bool(probe()) if callable(probe) else False

    def _target_for(self, outbox: Outbox) -> Target:
        if self._reload.is_set() and self._given_target is None:
            self._reload.clear()
            if self._target is not None:
                self._target.close()
                self._target = None
        if self._target is None:
            settings = outbox.settings()
            pace = Pace(settings.bandwidth_kbps * 1024, stop=self._stop)
            self._target = build_target(settings, pace, self.options.chunk_size)
        return self._target

    def _went_online(self) -> None:
        if self._online is not True:
            self._online = True
            self._listeners.emit(SyncEvent(WorkerEventKind.ONLINE))

    def _problem(self, error: StationError) -> None:
        log.warning("sync: %s", error.code.value)
        params = {k: str(v) for k, v in error.params.items()}
        self._listeners.emit(
            SyncEvent(WorkerEventKind.PROBLEM, error_code=error.code.value, error_params=params)
        )

    # housekeeping ------------------------------------------------------------
    def _housekeeping(self, outbox: Outbox, talk: bool) -> None:
        """Purge due copies; send a heartbeat and the station's facts unless the hub asked us to
        hold off (`talk`)."""
        now = time.monotonic()
        if now >= self._next_purge:
            self._next_purge = now + self.options.purge_seconds
            removed = purge_confirmed(outbox, outbox.settings().retention_days)
            if removed:
                self._listeners.emit(SyncEvent(WorkerEventKind.PURGED, total=len(removed)))
        if not talk or not outbox.settings().configured:
            return
        self._heartbeat_if_due(outbox)
        if now >= self._next_metrics:
            self._next_metrics = now + self.options.metrics_seconds
            self._results_elsewhere(outbox)  # first, so the facts sent count them already
            self._metrics(outbox)
        self._catalog_if_due(outbox)

    def _heartbeat_if_due(self, outbox: Outbox) -> None:
        now = time.monotonic()
        if now >= self._next_heartbeat and outbox.settings().configured:
            self._next_heartbeat = now + self.options.heartbeat_seconds
            self._heartbeat(outbox)

    def _catalog_if_due(self, outbox: Outbox) -> None:
        now = time.monotonic()
        if not self._catalogs.due(now):
            return
        settings = outbox.settings()
        every = self._catalog_every(settings)
        if not every or settings.target != "hub" or not settings.configured:
            return
        try:
            target = self._target_for(outbox)
        except StationError as exc:  # no secret, say: the heartbeat reports it
            log.info("catalog not fetched: %s", exc.code.value)
            return
        if isinstance(target, HubTarget):
            schedule = CatalogSchedule(every, self.options.catalog_retry_seconds)
            self._catalogs.refresh(DatabaseSettings(outbox.database), target.http, schedule, now)

    def _catalog_every(self, settings: SyncSettings) -> float:
        if self.options.catalog_seconds is not None:
            return self.options.catalog_seconds
        return settings.catalog_hours * 3600.0

    def _catalog_updated(self, update: CatalogUpdate) -> None:
        version = update.bundle.version if update.bundle else ""
        self._listeners.emit(SyncEvent(WorkerEventKind.CATALOG_UPDATED, version=version))

    def _metrics(self, outbox: Outbox) -> None:
        if self._facts is None:
            return
        try:
            send_metrics(self._facts, self._target_for(outbox), self._catalog_for())
        except (TransientError, PermanentError) as exc:
            log.info("metrics not sent: %s", exc.error.code.value)
        except StationError as exc:
            self._problem(exc)

    def _results_elsewhere(self, outbox: Outbox) -> None:
        try:
            learned = learn_results_elsewhere(outbox.database, self._target_for(outbox))
        except (TransientError, PermanentError) as exc:
            log.info("results handed over elsewhere not asked: %s", exc.error.code.value)
            return
        except StationError as exc:  # not configured, no secret: the facts round reports it
            log.info("results handed over elsewhere not asked: %s", exc.code.value)
            return
        if learned is not None and learned.new:  # the screens showing them read them again
            told = SyncEvent(WorkerEventKind.RESULTS_ELSEWHERE, total=learned.new)
            self._listeners.emit(told)

    def _catalog_for(self) -> Catalog:
        """What the received dossiers are judged against (a paper result, digitized)."""
        if self._catalog is not None:
            return self._catalog()
        if self._fallback_catalog is None:  # no frontend gave one: no province version here
            built_in = load_catalog([bundled_catalog_dir()])
            self._fallback_catalog = with_local(built_in, Layout(self.home).catalog)
        return self._fallback_catalog

    def _heartbeat(self, outbox: Outbox) -> None:
        status = outbox.status()
        oldest = status.oldest_queued_at
        body = {
            "station_id": outbox.station_id(),
            "version": __version__,
            "queue": {
                "queued": status.counts[JobState.QUEUED] + status.counts[JobState.UPLOADING],
                "failed": status.counts[JobState.FAILED],
                "oldest_queued_at": None if oldest is None else to_text(oldest),
            },
            "at": to_text(utc_now()),
        }
        try:
            self._target_for(outbox).heartbeat(body)
            self._went_online()
        except (TransientError, PermanentError) as exc:
            log.info("heartbeat not sent: %s", exc.error.code.value)
        except StationError as exc:
            self._problem(exc)


def _locked_out(error: BaseException) -> bool:
    return isinstance(error, StationError) and error.code is ErrorCode.SYNC_WORKER_RUNNING


def _ignore_sigpipe() -> None:
    """Python ignores SIGPIPE, but a C library loaded in process (SANE backends do) may put the
    default back; then writing to a connection the network dropped would kill the whole
    station instead of raising EPIPE, which the upload turns into a resume."""
    if hasattr(signal, "SIGPIPE") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def _confirm(job: Job, remote: RemoteFile) -> None:
    """Done means the receiver computed the same sha256, nothing less."""
    if remote.state != "complete" or (remote.sha256 or "").lower() != job.sha256.lower():
        raise PermanentError(
            StationError(
                ErrorCode.SYNC_CHECKSUM_MISMATCH,
                file=job.file_name,
                expected=job.sha256,
                actual=remote.sha256 or remote.state,
            )
        )


def _failed(job: Job, error: StationError) -> SyncEvent:
    params = {k: str(v) for k, v in error.params.items()}
    return SyncEvent(
        WorkerEventKind.JOB_FAILED,
        job.id,
        job.dossier_code,
        error_code=error.code.value,
        error_params=params,
    )
