"""Background work without hand-rolled threads (Anki-style):

    tasks.db(tag_pages, store, ids, "1").success(refresh).run()

`db` is one serial thread for the screens' store calls, so edits reach SQLite in the order the
clerk made them; `work` runs images (thumbnails, analysis, PDFs); `background` is one thread
below those for what nobody waits on (whole-page reading, looking for codes), so on a two-core
PC a burst of fresh pages is analysed first; `device` is the scanner's own thread. Callbacks
always run on the GUI thread; a failure without its own handler goes to `failed`, which the
window shows.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QThreadPool, Signal

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


# How far below the GUI thread each pool's threads run (Linux nice values; Qt priorities on
# Windows and macOS). The db thread runs at the GUI's level: the screens wait on it.
_NICE = {"scan": 5, "work": 5, "background": 10}
_QT_PRIORITY = {
    "scan": QThread.Priority.LowPriority,
    "work": QThread.Priority.LowPriority,
    "background": QThread.Priority.LowestPriority,
}
_lowered = threading.local()
_HELD_POLL_S = 0.05


def _yield_to_the_gui_thread(pool: str) -> None:
    """Workers run below the GUI thread, so on a two-core counter PC a scan, its driver process
    and the analysis never keep the window waiting for a core."""
    if getattr(_lowered, "done", False) or pool not in _NICE:
        return
    _lowered.done = True
    QThread.currentThread().setPriority(_QT_PRIORITY[pool])  # Windows, macOS
    if sys.platform.startswith("linux"):  # Linux ignores that; a thread has its own nice value
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _NICE[pool])


class Task:
    def __init__(
        self, runner: TaskRunner, pool: QThreadPool, fn: Callable[..., Any], args, kwargs
    ) -> None:
        self._runner = runner
        self._pool = pool
        self._call = (fn, args, kwargs)
        self.on_success: Callback | None = None
        self.on_failure: Callback | None = None
        self.priority = 0
        self.cancelled = False

    def success(self, callback: Callback) -> Task:
        self.on_success = callback
        return self

    def failure(self, callback: Callback) -> Task:
        self.on_failure = callback
        return self

    def urgent(self) -> Task:
        self.priority = 1
        return self

    def run(self) -> Task:
        self._runner._started(self)
        self._pool.start(self._execute, self.priority)
        return self

    def cancel(self) -> None:
        """Drop the callbacks; the function itself still finishes if it already began."""
        self.cancelled = True

    def _execute(self) -> None:
        pool = self._pool.objectName()
        _yield_to_the_gui_thread(pool)
        if pool == "background":
            self._runner.wait_while_held()
        if self.cancelled:
            self._runner._report(self, None, None)
            return
        fn, args, kwargs = self._call
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the GUI thread, never lost
            self._runner._report(self, None, exc)
            return
        self._runner._report(self, result, None)


class TaskRunner(QObject):
    failed = Signal(object)  # an exception no task handled
    _finished = Signal(object, object, object)  # task, result, error

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        for name, count in (("db", 1), ("scan", 1), ("work", workers), ("background", 1)):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(count)
            pool.setObjectName(name)
            self._pools[name] = pool
        self._pending: set[Task] = set()
        self._closed = False
        # While true, the background thread waits before its next task (fresh pages are
        # being analysed: the clerk waits for those, nobody waits for background work).
        self.hold_background: Callable[[], bool] = lambda: False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def db(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        return Task(self, self._pools["db"], fn, args, kwargs)

    def work(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        return Task(self, self._pools["work"], fn, args, kwargs)

    def background(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Below `work`: for results nobody is waiting on."""
        return Task(self, self._pools["background"], fn, args, kwargs)

    def device(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """The scanner's own thread: device lists, capabilities, a capture session."""
        return Task(self, self._pools["scan"], fn, args, kwargs)

    @property
    def busy(self) -> int:
        return len(self._pending)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every pool is idle (shutdown and tests only, never from a screen)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())

    def shutdown(self, msecs: int = 30000) -> None:
        self._closed = True
        for pool in self._pools.values():
            pool.clear()
        self.wait(msecs)

    def wait_while_held(self) -> None:
        """On the background thread: until nothing holds it (or the runner closes)."""
        while not self._closed and self.hold_background():
            time.sleep(_HELD_POLL_S)

    def _started(self, task: Task) -> None:
        self._pending.add(task)

    def _report(self, task: Task, result: Any, error: BaseException | None) -> None:
        with contextlib.suppress(RuntimeError):  # the runner is gone: the app is closing
            self._finished.emit(task, result, error)

    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        self._pending.discard(task)
        if task.cancelled or self._closed:
            return
        if error is None:
            if task.on_success is not None:
                task.on_success(result)
        elif task.on_failure is not None:
            task.on_failure(error)
        else:
            if not isinstance(error, Exception):
                raise error
            log.error("background task failed", exc_info=error)
            self.failed.emit(error)
