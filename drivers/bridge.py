"""Where a driver runs: in this process (debugging) or in a worker process (the default).

In a worker, a driver that segfaults or aborts becomes DRIVER_CRASHED; one that ignores a
cancel (or stalls) for `hang_grace` seconds is killed, reported as DRIVER_HUNG, and replaced by
a fresh worker on the next call. Pages arrive as read-only maps of the worker's spool files.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from functools import partial
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Protocol

from drivers.contract import (
    CancelToken,
    Capabilities,
    DeviceInfo,
    EventSink,
    ScannedPage,
    ScanSettings,
    ignore_events,
)
from drivers.registry import DEFAULT_DRIVERS, Registry
from drivers.spool import map_page, remove_spool
from drivers.worker import PageMessage, worker_main
from station.errors import ErrorCode, StationError

HANG_GRACE_SECONDS = 1.5  # so a hung driver is reported within 2 s of the cancel
STALL_SECONDS = 90.0  # a scanner silent this long (no row, no event) is treated as hung
CALL_SECONDS = 60.0


class Bridge(Protocol):
    def list_devices(self) -> list[DeviceInfo]: ...

    def capabilities(self, device_id: str) -> Capabilities: ...

    def scan(
        self, device_id: str, settings: ScanSettings, cancel: CancelToken, events: EventSink = ...
    ) -> Iterator[ScannedPage]: ...

    def close(self) -> None: ...


class InProcessBridge:
    """Drivers run in the caller's process: simplest to debug, no protection from crashes."""

    def __init__(self, specs: dict[str, str] | None = None) -> None:
        self.registry = Registry(dict(specs or DEFAULT_DRIVERS))

    def list_devices(self) -> list[DeviceInfo]:
        return self.registry.list_devices()

    def capabilities(self, device_id: str) -> Capabilities:
        return self.registry.for_device(device_id).capabilities(device_id)

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
    ) -> Iterator[ScannedPage]:
        yield from self.registry.for_device(device_id).scan(device_id, settings, cancel, events)

    def close(self) -> None:
        return None


class _Worker:
    def __init__(self, specs: dict[str, str], spool: Path) -> None:
        context = multiprocessing.get_context("spawn")
        # A flag in shared memory, not a multiprocessing.Event: Event.set() waits for every
        # waiter to wake, and a worker stuck in C with the GIL never wakes, so the cancel that
        # should end in DRIVER_HUNG after `hang_grace` hung the caller for good instead.
        self.cancelled = context.RawValue(ctypes.c_bool, False)
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=worker_main,
            args=(child, self.cancelled, specs, str(spool)),
            name="sohoa-driver-worker",
            daemon=True,
        )
        self.process.start()
        child.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def receive(self, timeout: float) -> tuple[str, Any] | None:
        ready = wait([self.conn, self.process.sentinel], timeout)
        if self.conn in ready:
            try:
                message: tuple[str, Any] = self.conn.recv()  # the worker sends (kind, payload)
                return message
            except (EOFError, OSError):
                pass
        elif not ready:
            return None
        self.process.join(timeout=1)
        raise StationError(ErrorCode.DRIVER_CRASHED, detail=_exit_detail(self.process.exitcode))

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


def _exit_detail(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-exitcode).name}"
    return f"exit code {exitcode}"


class WorkerBridge:
    def __init__(
        self,
        specs: dict[str, str] | None = None,
        spool_root: Path | None = None,
        hang_grace: float = HANG_GRACE_SECONDS,
        stall_timeout: float = STALL_SECONDS,
        call_timeout: float = CALL_SECONDS,
    ) -> None:
        self._specs = dict(specs or DEFAULT_DRIVERS)
        root = spool_root or Path(tempfile.gettempdir())
        root.mkdir(parents=True, exist_ok=True)
        self._spool = Path(tempfile.mkdtemp(prefix="sohoa-spool-", dir=root))
        self.hang_grace = hang_grace
        self.stall_timeout = stall_timeout
        self.call_timeout = call_timeout
        self._worker: _Worker | None = None

    # lifecycle -----------------------------------------------------------------------------
    def _ensure(self) -> _Worker:
        if self._worker is None or not self._worker.alive():
            if self._worker is not None:
                self._worker.kill()
            self._worker = _Worker(self._specs, self._spool)
        return self._worker

    def _discard(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None

    def close(self) -> None:
        if self._worker is not None:
            with contextlib.suppress(Exception):
                self._worker.conn.close()
                self._worker.process.join(timeout=1)
        self._discard()
        shutil.rmtree(self._spool, ignore_errors=True)

    def __enter__(self) -> WorkerBridge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def worker_pid(self) -> int | None:
        return self._worker.process.pid if self._worker is not None else None

    # calls ----------------------------------------------------------------------------------
    def list_devices(self) -> list[DeviceInfo]:
        devices: list[DeviceInfo] = self._call(("list",))
        return devices

    def capabilities(self, device_id: str) -> Capabilities:
        caps: Capabilities = self._call(("caps", device_id))
        return caps

    def _call(self, request: tuple[str, ...]) -> Any:
        """Send `request` (a name and its arguments) and return the worker's unpickled answer."""
        worker = self._ensure()
        worker.conn.send(request)
        try:
            message = worker.receive(self.call_timeout)
        except StationError:
            self._discard()
            raise
        if message is None:
            self._discard()
            raise StationError(
                ErrorCode.DRIVER_HUNG, detail=f"{request[0]} > {self.call_timeout:g} s"
            )
        kind, payload = message
        if kind == "error":
            raise _rebuild(payload)
        return payload

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
    ) -> Iterator[ScannedPage]:
        worker = self._ensure()
        worker.cancelled.value = False
        worker.conn.send(("scan", device_id, settings))
        finished = False
        try:
            for kind, payload in self._messages(worker, cancel, device_id):
                if kind == "event":
                    events(payload)
                elif kind == "page":
                    yield _page(payload)
                elif kind == "error":
                    finished = True
                    raise _rebuild(payload)
                elif kind == "done":
                    finished = True
                    return
        except StationError as exc:
            finished = True
            if exc.code in (ErrorCode.DRIVER_CRASHED, ErrorCode.DRIVER_HUNG):
                self._discard()
            raise
        finally:
            if not finished:  # the caller stopped early: stop the worker's scan as well
                self._abandon(worker)

    def _messages(
        self, worker: _Worker, cancel: CancelToken, device_id: str
    ) -> Iterator[tuple[str, Any]]:
        deadline: float | None = None  # set once a cancel is sent: after it, the worker dies
        last = time.monotonic()
        while True:
            now = time.monotonic()
            if deadline is None and (cancel.cancelled or now - last > self.stall_timeout):
                worker.cancelled.value = True
                deadline = now + self.hang_grace
            if deadline is not None and now > deadline:
                raise StationError(
                    ErrorCode.DRIVER_HUNG,
                    device=device_id,
                    detail=f"no answer {self.hang_grace:g} s after cancel",
                )
            message = worker.receive(0.05)
            if message is not None:
                last = time.monotonic()
                yield message

    def _abandon(self, worker: _Worker) -> None:
        if not worker.alive():
            return
        worker.cancelled.value = True
        end = time.monotonic() + self.hang_grace
        try:
            while time.monotonic() < end:
                message = worker.receive(0.05)
                if message is None:
                    continue
                kind, payload = message
                if kind == "page":
                    remove_spool(Path(payload.path))
                elif kind in ("done", "error"):
                    return
        except StationError:
            pass
        self._discard()


def _rebuild(payload: tuple[str, dict[str, Any]]) -> StationError:
    code, params = payload
    return StationError(ErrorCode(code), **params)


def _page(message: PageMessage) -> ScannedPage:
    path = Path(message.path)
    meta = message.meta
    return ScannedPage(
        pixels=map_page(path, message.shape, message.dtype),
        dpi=meta["dpi"],
        mode=meta["mode"],
        source=meta["source"],
        sheet=meta["sheet"],
        side=meta["side"],
        depth=meta["depth"],
        device_id=meta["device_id"],
        paper=meta["paper"],
        release=partial(remove_spool, path),
    )
