"""The driver worker process: runs drivers so a crash or hang cannot take the station down."""

from __future__ import annotations

import os
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np

from drivers.contract import CancelToken, ScannedPage, ScanSettings
from drivers.registry import Registry
from drivers.spool import FilePageWriter, spool_array
from station.errors import ErrorCode, StationError


@dataclass(frozen=True)
class PageMessage:
    path: str
    shape: tuple[int, ...]
    dtype: str
    meta: dict[str, Any]


def worker_main(conn: Connection, cancelled: Any, specs: dict[str, str], spool: str) -> None:
    """Serve requests until the parent closes the pipe. Messages are (kind, payload) tuples.
    `cancelled`: a shared boolean (ctypes c_bool) the parent sets to cancel the scan under way."""
    registry = Registry(specs)
    spool_dir = Path(spool)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        kind = request[0]
        try:
            if kind == "list":
                conn.send(("result", registry.list_devices()))
            elif kind == "caps":
                conn.send(("result", registry.for_device(request[1]).capabilities(request[1])))
            elif kind == "scan":
                _scan(conn, cancelled, registry, request[1], request[2], spool_dir)
                conn.send(("done", None))
        except StationError as exc:
            conn.send(("error", (exc.code.value, _plain(exc.params))))
        except Exception as exc:  # a driver bug must reach the caller as a typed error
            detail = f"{type(exc).__name__}: {exc}"
            conn.send(
                (
                    "error",
                    (
                        ErrorCode.DRIVER_CRASHED.value,
                        {"detail": detail, "trace": traceback.format_exc()},
                    ),
                )
            )


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int | float | str | bool) else str(v) for k, v in params.items()}


def _scan(
    conn: Connection,
    cancelled: Any,
    registry: Registry,
    device_id: str,
    settings: ScanSettings,
    spool_dir: Path,
) -> None:
    cancel = CancelToken()
    stop = threading.Event()

    def watch() -> None:  # wakes a driver blocked in C (sane_cancel) as soon as the parent asks
        while not stop.wait(0.05):
            if cancelled.value:
                cancel.cancel()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        driver = registry.for_device(device_id)
        for page in driver.scan(
            device_id,
            settings,
            cancel,
            lambda e: conn.send(("event", e)),
            lambda: FilePageWriter(spool_dir),
        ):
            conn.send(("page", _page_message(page, spool_dir)))
    finally:
        stop.set()
        watcher.join(timeout=1)


def _page_message(page: ScannedPage, spool_dir: Path) -> PageMessage:
    pixels = page.pixels
    filename = getattr(pixels, "filename", None)
    if isinstance(pixels, np.memmap) and filename and Path(filename).parent == spool_dir:
        path = Path(filename)
    else:
        path = spool_array(spool_dir, pixels)
    meta = {
        "dpi": page.dpi,
        "mode": page.mode,
        "source": page.source,
        "sheet": page.sheet,
        "side": page.side,
        "depth": page.depth,
        "device_id": page.device_id,
        "paper": page.paper,
    }
    message = PageMessage(str(path), tuple(pixels.shape), pixels.dtype.str, meta)
    del pixels, page  # drop the worker's mapping; the parent maps the file itself
    return message


def worker_pid() -> int:
    return os.getpid()
