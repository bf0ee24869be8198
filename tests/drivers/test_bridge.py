"""The worker bridge keeps the station alive when a driver aborts, segfaults, hangs or raises."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from drivers.bridge import InProcessBridge, WorkerBridge
from drivers.contract import CancelToken, ColorMode, PageProgress, ScanSettings, Source
from station.errors import ErrorCode, StationError

BAD = "tests.drivers.misbehaving"


def bridge_for(driver: str, tmp_path: Path, **kwargs) -> WorkerBridge:
    return WorkerBridge({"bad": f"{BAD}:{driver}"}, spool_root=tmp_path, **kwargs)


def _collect(
    bridge, device: str, cancel: CancelToken | None = None
) -> tuple[list, StationError | None]:
    pages, error = [], None
    try:
        for page in bridge.scan(device, ScanSettings(source=Source.ADF), cancel or CancelToken()):
            pages.append(np.array(page.pixels))
            page.close()
    except StationError as exc:
        error = exc
    return pages, error


@pytest.mark.parametrize(
    ("driver", "signal_name"), [("AbortDriver", "SIGABRT"), ("SegfaultDriver", "SIGSEGV")]
)
def test_a_crashing_driver_becomes_a_typed_error_and_the_worker_is_replaced(
    tmp_path, driver, signal_name
) -> None:
    with bridge_for(driver, tmp_path) as bridge:
        started = time.monotonic()
        pages, error = _collect(bridge, "bad:x")
        assert time.monotonic() - started < 2.0
        assert error is not None and error.code is ErrorCode.DRIVER_CRASHED
        assert signal_name in error.params["detail"]
        assert [int(p[0, 0]) for p in pages] == [10, 20]  # pages before the crash are kept
        assert bridge.worker_pid is None  # the dead worker is gone
        assert [d.id for d in bridge.list_devices()] == [f"bad:{driver[:-6].lower()}"]
        assert bridge.worker_pid is not None and bridge.worker_pid != os.getpid()


def test_a_driver_that_ignores_cancel_is_killed_within_two_seconds(tmp_path) -> None:
    with bridge_for("SleepDriver", tmp_path) as bridge:
        cancel = CancelToken()
        hung_pid = None
        pages, error = [], None
        try:
            for page in bridge.scan("bad:sleep", ScanSettings(source=Source.ADF), cancel):
                pages.append(page)
                if len(pages) == 2:
                    hung_pid = bridge.worker_pid
                    threading.Timer(0.2, cancel.cancel).start()
                    cancelled_at = time.monotonic() + 0.2
        except StationError as exc:
            error = exc
        assert error is not None and error.code is ErrorCode.DRIVER_HUNG
        assert time.monotonic() - cancelled_at < 2.0
        assert len(pages) == 2
        # The calling process carries on with a fresh worker.
        assert bridge.list_devices()[0].id == "bad:sleep"
        assert bridge.worker_pid != hung_pid


def test_a_driver_stuck_in_c_with_the_gil_is_killed_after_the_cancel(tmp_path) -> None:
    """The worker cannot even take note of the cancel; the caller must not wait on it (a
    multiprocessing.Event's set() waits for its waiters to wake, and hung here for good)."""
    with bridge_for("GilHoldingDriver", tmp_path) as bridge:
        cancel = CancelToken()
        outcome: dict[str, object] = {}

        def scan() -> None:
            pages = 0
            try:
                for page in bridge.scan("bad:gil", ScanSettings(source=Source.ADF), cancel):
                    page.close()
                    pages += 1
                    if pages == 2:
                        outcome["hung_pid"] = bridge.worker_pid
                        threading.Timer(0.2, cancel.cancel).start()
            except StationError as exc:
                outcome["error"] = exc
            outcome["ended"] = time.monotonic()

        started = time.monotonic()
        caller = threading.Thread(target=scan, daemon=True)
        caller.start()
        caller.join(timeout=15)
        assert not caller.is_alive(), "the cancel left the caller waiting"
        error = outcome.get("error")
        assert isinstance(error, StationError) and error.code is ErrorCode.DRIVER_HUNG
        assert float(outcome["ended"]) - started < 5.0  # type: ignore[arg-type]
        assert bridge.list_devices()[0].id == "bad:gil"
        assert bridge.worker_pid != outcome["hung_pid"]


def test_a_stalled_driver_is_declared_hung_without_any_cancel(tmp_path) -> None:
    with bridge_for("SleepDriver", tmp_path, stall_timeout=0.3) as bridge:
        last_page = None
        try:
            for _page in bridge.scan("bad:sleep", ScanSettings(source=Source.ADF), CancelToken()):
                last_page = time.monotonic()
        except StationError as exc:
            assert exc.code is ErrorCode.DRIVER_HUNG
        assert last_page is not None and time.monotonic() - last_page < 2.0


def test_a_call_that_hangs_is_reported_and_the_worker_replaced(tmp_path) -> None:
    with bridge_for("HangingCapabilitiesDriver", tmp_path, call_timeout=0.5) as bridge:
        with pytest.raises(StationError) as caught:
            bridge.capabilities("bad:hang-caps")
        assert caught.value.code is ErrorCode.DRIVER_HUNG
        assert bridge.list_devices()[0].id == "bad:hang-caps"


def test_a_python_exception_in_a_driver_is_a_typed_error_and_the_worker_survives(tmp_path) -> None:
    with bridge_for("RaisingDriver", tmp_path) as bridge:
        pages, error = _collect(bridge, "bad:raise")
        assert len(pages) == 2
        assert error is not None and error.code is ErrorCode.DRIVER_CRASHED
        assert "vendor driver bug" in error.params["detail"]
        pid = bridge.worker_pid
        pages, _ = _collect(bridge, "bad:raise")
        assert len(pages) == 2 and bridge.worker_pid == pid


def test_pages_arrive_as_maps_of_spool_files_that_close_removes(tmp_path) -> None:
    with bridge_for("GoodDriver", tmp_path) as bridge:
        pages = list(bridge.scan("bad:good", ScanSettings(source=Source.ADF), CancelToken()))
        assert [int(p.pixels[5, 5]) for p in pages] == [10, 20]
        assert all(isinstance(p.pixels, np.memmap) for p in pages)
        files = [Path(p.pixels.filename) for p in pages]
        assert all(f.exists() for f in files)
        for page in pages:
            page.close()
        assert not any(f.exists() for f in files)


def test_leaving_a_scan_early_stops_the_worker_scan(tmp_path) -> None:
    with bridge_for("SleepDriver", tmp_path) as bridge:
        scan = bridge.scan("bad:sleep", ScanSettings(source=Source.ADF), CancelToken())
        next(scan)
        started = time.monotonic()
        scan.close()
        assert time.monotonic() - started < 2.5
        assert bridge.list_devices()[0].id == "bad:sleep"


def test_sane_through_the_worker_keeps_pixels_events_and_errors(tmp_path) -> None:
    events: list = []
    with WorkerBridge(spool_root=tmp_path) as bridge:
        settings = ScanSettings(
            dpi=50, mode=ColorMode.GRAY, options=(("test-picture", "Solid white"),)
        )
        (page,) = list(bridge.scan("sane:test:0", settings, CancelToken(), events.append))
        assert page.pixels.shape == (393, 393) and (page.pixels == 255).all()
        assert any(isinstance(e, PageProgress) for e in events)
        failing = ScanSettings(dpi=50, options=(("read-return-value", "SANE_STATUS_JAMMED"),))
        with pytest.raises(StationError) as caught:
            list(bridge.scan("sane:test:0", failing, CancelToken()))
        assert caught.value.code is ErrorCode.SCANNER_JAMMED


def test_in_process_bridge_runs_the_same_drivers() -> None:
    bridge = InProcessBridge({"bad": f"{BAD}:GoodDriver"})
    pages = list(bridge.scan("bad:good", ScanSettings(source=Source.ADF), CancelToken()))
    assert [int(p.pixels[0, 0]) for p in pages] == [10, 20]
