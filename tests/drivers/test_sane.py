"""The SANE driver against libsane's `test` backend (frontend-tester), scanimage as the oracle."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from drivers.contract import CancelToken, ColorMode, PageProgress, ScanSettings, Side, Source
from drivers.sane.driver import SaneDriver
from drivers.sane.libsane import Handle, Status
from station.errors import ErrorCode, StationError
from station.paper import parse_paper
from tests.conftest import REPO
from tests.drivers.sane_oracle import scanimage

DEVICE = "sane:test:0"
DPI = 50
BED_PX = 393  # 200 mm at 50 dpi

pytestmark = pytest.mark.skipif(
    shutil.which("scanimage") is None, reason="needs sane-utils (scripts/setup.sh installs it)"
)


def scan(*options: tuple[str, str], driver: SaneDriver | None = None, **settings) -> list:
    settings.setdefault("dpi", DPI)
    chosen = ScanSettings(options=tuple(options), **settings)
    return list((driver or SaneDriver()).scan(DEVICE, chosen, CancelToken()))


def single(*options: tuple[str, str], **settings) -> np.ndarray:
    (page,) = scan(*options, **settings)
    return page.pixels


def test_lists_the_frontend_tester_devices() -> None:
    ids = [d.id for d in SaneDriver().list_devices()]
    assert {"sane:test:0", "sane:test:1"} <= set(ids)


def test_capabilities_of_the_test_device() -> None:
    caps = SaneDriver().capabilities(DEVICE)
    assert caps.sources == (Source.FLATBED, Source.ADF)
    assert set(caps.color_modes) == {ColorMode.COLOR, ColorMode.GRAY, ColorMode.LINEART}
    assert caps.bit_depths == (1, 8, 16)
    assert caps.max_area_mm == (200.0, 200.0)
    assert 300 in caps.resolutions
    assert {"read-return-value", "three-pass", "hand-scanner"} <= {o.name for o in caps.options}


@pytest.mark.parametrize(
    ("mode", "depth", "sane_mode", "picture"),
    [
        (ColorMode.GRAY, 8, "Gray", "Grid"),
        (ColorMode.COLOR, 8, "Color", "Color pattern"),
        (ColorMode.LINEART, 1, "Gray", "Grid"),
        (ColorMode.GRAY, 16, "Gray", "Color pattern"),
        (ColorMode.COLOR, 16, "Color", "Color pattern"),
    ],
)
def test_pixels_equal_scanimage(mode, depth, sane_mode, picture) -> None:
    (page,) = scan(("test-picture", picture), mode=mode, depth=depth)
    expected = scanimage(
        "--mode",
        sane_mode,
        "--depth",
        str(depth),
        "--resolution",
        str(DPI),
        "--test-picture",
        picture,
    )
    assert page.pixels.shape == expected.shape
    assert page.pixels.dtype == expected.dtype
    np.testing.assert_array_equal(page.pixels, expected)
    assert (page.mode, page.depth, page.dpi) == (mode, depth, DPI)


def sigpipe_ignored() -> bool:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("SigIgn:"))
    return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))


@pytest.mark.parametrize("mode", [ColorMode.GRAY, ColorMode.COLOR])
def test_a_scan_leaves_sigpipe_ignored_so_a_dropped_connection_raises(mode) -> None:
    """The test backend's reader thread puts SIGPIPE back to default when a frame ends; left
    so, the next write to a connection the hub closed would kill the station outright."""
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    scan(("test-picture", "Grid"), ("non-blocking", "yes"), mode=mode)
    assert sigpipe_ignored()
    with pytest.raises(StationError):
        scan(("read-return-value", "SANE_STATUS_JAMMED"), mode=mode)
    assert sigpipe_ignored()


@pytest.mark.parametrize(("picture", "value"), [("Solid black", 0), ("Solid white", 255)])
def test_solid_pictures_have_known_values(picture: str, value: int) -> None:
    gray = single(("test-picture", picture), mode=ColorMode.GRAY)
    assert gray.shape == (BED_PX, BED_PX) and (gray == value).all()
    wide = single(("test-picture", picture), mode=ColorMode.GRAY, depth=16)
    assert wide.dtype == np.uint16 and (wide == value * 257).all()


def test_one_bit_colour_grid_matches_the_eight_bit_grid() -> None:
    one = single(("test-picture", "Grid"), mode=ColorMode.COLOR, depth=1)
    eight = single(("test-picture", "Grid"), mode=ColorMode.COLOR, depth=8)
    assert set(np.unique(one)) == {0, 255}
    np.testing.assert_array_equal(one, np.where(eight >= 128, 255, 0))


@pytest.mark.parametrize("mode", [ColorMode.GRAY, ColorMode.COLOR])
def test_sixteen_bit_in_both_byte_orders_gives_the_same_pixels(mode) -> None:
    native = single(("test-picture", "Color pattern"), mode=mode, depth=16)
    swapped = single(
        ("test-picture", "Color pattern"), ("invert-endianess", "yes"), mode=mode, depth=16
    )
    assert len(np.unique(native)) > 2
    np.testing.assert_array_equal(native, swapped)


@pytest.mark.parametrize("order", ["RGB", "RBG", "GBR", "GRB", "BRG", "BGR"])
def test_three_pass_colour_in_every_frame_order_equals_single_pass(order: str) -> None:
    single_pass = single(("test-picture", "Color pattern"), mode=ColorMode.COLOR)
    three = single(
        ("test-picture", "Color pattern"), ("three-pass", "yes"), ("three-pass-order", order),
        mode=ColorMode.COLOR,
    )  # fmt: skip
    np.testing.assert_array_equal(three, single_pass)


def test_hand_scanner_height_is_learnt_at_the_end() -> None:
    events: list = []
    settings = ScanSettings(dpi=DPI, mode=ColorMode.GRAY, options=(("hand-scanner", "yes"),))
    (page,) = list(SaneDriver().scan(DEVICE, settings, CancelToken(), events.append))
    expected = scanimage(
        "--mode", "Gray", "--depth", "8", "--resolution", str(DPI), "--hand-scanner=yes", fmt="pnm"
    )
    np.testing.assert_array_equal(page.pixels, expected)
    progress = [e for e in events if isinstance(e, PageProgress)]
    assert progress and all(e.total_rows is None for e in progress)
    assert progress[-1].rows == expected.shape[0]


def test_adf_runs_empty_after_ten_sheets_and_that_ends_the_batch() -> None:
    pages = scan(mode=ColorMode.GRAY, source=Source.ADF, dpi=25)
    assert len(pages) == 10
    assert [p.sheet for p in pages] == list(range(1, 11))
    assert all(p.side is Side.FRONT and p.source is Source.ADF for p in pages)


def test_adf_count_limits_the_batch() -> None:
    assert len(scan(mode=ColorMode.GRAY, source=Source.ADF, dpi=25, count=3)) == 3


@pytest.mark.parametrize(
    "transfer",
    [
        (("read-limit", "yes"), ("read-limit-size", "7")),
        (("read-delay", "yes"), ("read-delay-duration", "1000")),
        (("non-blocking", "yes"),),
        (("select-fd", "yes"),),
        (
            ("non-blocking", "yes"),
            ("select-fd", "yes"),
            ("read-limit", "yes"),
            ("read-limit-size", "33"),
        ),
    ],
    ids=["read-limit", "read-delay", "non-blocking", "select-fd", "all"],
)
def test_every_transfer_mode_gives_the_same_page(transfer) -> None:
    baseline = single(("test-picture", "Color pattern"), mode=ColorMode.COLOR, dpi=25)
    page = single(("test-picture", "Color pattern"), *transfer, mode=ColorMode.COLOR, dpi=25)
    np.testing.assert_array_equal(page, baseline)


def test_pixels_lost_per_line_shrink_the_width_without_shearing_the_page() -> None:
    # scanimage itself ignores the padding ppl-loss adds to each line (its output shears), so
    # the oracle here is the same grid scanned without loss: every line must start in place.
    page = single(("test-picture", "Grid"), ("ppl-loss", "7"), mode=ColorMode.GRAY)
    full = single(("test-picture", "Grid"), mode=ColorMode.GRAY)
    assert page.shape == (BED_PX, BED_PX - 7)
    np.testing.assert_array_equal(page, full[:, : BED_PX - 7])


STATUSES = {
    "SANE_STATUS_JAMMED": ErrorCode.SCANNER_JAMMED,
    "SANE_STATUS_COVER_OPEN": ErrorCode.SCANNER_COVER_OPEN,
    "SANE_STATUS_NO_DOCS": ErrorCode.SCANNER_NO_DOCS,
    "SANE_STATUS_DEVICE_BUSY": ErrorCode.SCANNER_BUSY,
    "SANE_STATUS_IO_ERROR": ErrorCode.SCANNER_IO_ERROR,
    "SANE_STATUS_NO_MEM": ErrorCode.SCANNER_NO_MEMORY,
    "SANE_STATUS_ACCESS_DENIED": ErrorCode.SCANNER_ACCESS_DENIED,
    "SANE_STATUS_CANCELLED": ErrorCode.SCAN_CANCELLED,
    "SANE_STATUS_UNSUPPORTED": ErrorCode.SCANNER_UNSUPPORTED,
    "SANE_STATUS_INVAL": ErrorCode.SCANNER_INVALID,
    "SANE_STATUS_EOF": ErrorCode.SCANNER_EOF,
}


@pytest.mark.parametrize(("status", "code"), STATUSES.items(), ids=list(STATUSES))
def test_every_read_status_becomes_a_typed_error(status: str, code: ErrorCode) -> None:
    with pytest.raises(StationError) as caught:
        scan(("read-return-value", status), mode=ColorMode.GRAY)
    assert caught.value.code is code
    assert caught.value.params["device"] == DEVICE and caught.value.params["sheet"] == 1


JAMS = """
from drivers.contract import CancelToken, ScanSettings
from drivers.sane.driver import SaneDriver
from station.errors import ErrorCode, StationError

settings = ScanSettings(dpi=50, options=(("read-return-value", "SANE_STATUS_JAMMED"),))
for _ in range({count}):
    try:
        list(SaneDriver().scan("sane:test:0", settings, CancelToken()))
    except StationError as exc:
        assert exc.code is ErrorCode.SCANNER_JAMMED
        print("jammed", flush=True)
"""


def test_a_jam_on_the_first_read_is_reported_every_time() -> None:
    """The scan is cancelled right after the first read reports the jam, while the backend's
    reader thread has only just started: cancelled inside its first malloc, it deadlocked
    sane_cancel in one scan out of ten. In a process of its own, as a deadlock would hang this
    one."""
    count = 40
    done = subprocess.run(
        [sys.executable, "-c", JAMS.format(count=count)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["jammed"] * count


@pytest.mark.parametrize(
    ("mode", "options"),
    [(ColorMode.GRAY, ()), (ColorMode.COLOR, (("three-pass", "yes"),))],
    ids=["one frame", "three frames"],
)
def test_a_frame_ends_only_once_the_backend_reader_thread_has_ended(
    monkeypatch, mode: ColorMode, options: tuple
) -> None:
    """The sane_read that returns a frame's last bytes cancels the backend's reader thread;
    cancelled while it frees its buffer, it held its heap arena's lock forever and the next
    frame's reader hung in malloc (a three-pass scan in CI). So the last byte is read only once
    the reader has ended; each frame here is larger than a pipe holds, so without that wait
    the reader is still in its last write when the frame's last bytes are read."""
    calls: list[tuple[bool, int]] = []  # (a reader thread alive before the read, bytes read)
    real = Handle.read_into

    def read_into(self: Handle, buffer, size: int) -> tuple:
        alive = self.readers_alive()
        status, length = real(self, buffer, size)
        calls.append((alive, length if status is Status.GOOD else -1))
        return status, length

    monkeypatch.setattr(Handle, "read_into", read_into)
    for _ in range(3):
        page = single(*options, mode=mode, dpi=150)
        assert page.shape[:2] == (1181, 1181)
    ends = [calls[i - 1] for i, (_, length) in enumerate(calls) if length == -1]  # before EOF
    assert len(ends) == (3 if mode is ColorMode.GRAY else 9)
    assert all(length > 0 and not alive for alive, length in ends), ends
    assert any(alive for alive, _ in calls)  # the backend's readers are threads seen here


def test_a_reader_thread_that_outlives_its_frame_is_waited_for_once() -> None:
    """A backend whose reader thread stays on after its frame costs one wait per session, not
    one per page. Here a thread of this process stands in for that reader."""
    release = threading.Event()
    lingering = threading.Thread(target=release.wait)
    lingering.start()
    try:
        with Handle("test:0") as handle:
            handle._readers = frozenset({str(lingering.native_id)})
            started = time.monotonic()
            assert handle.readers_alive()
            assert not handle.await_readers(timeout=0.2)
            assert time.monotonic() - started >= 0.2
            started = time.monotonic()
            assert handle.await_readers(timeout=0.2)
            assert time.monotonic() - started < 0.1
    finally:
        release.set()
        lingering.join()


@pytest.mark.parametrize(
    "status", ["SANE_STATUS_JAMMED", "SANE_STATUS_COVER_OPEN", "SANE_STATUS_IO_ERROR"]
)
def test_pages_before_an_error_are_kept(status: str) -> None:
    def fail_at_third(handle, sheet: int) -> None:
        handle.set("read-return-value", status if sheet == 3 else "Default")

    received = []
    settings = ScanSettings(dpi=25, mode=ColorMode.GRAY, source=Source.ADF)
    with pytest.raises(StationError) as caught:
        for page in SaneDriver(before_sheet=fail_at_third).scan(DEVICE, settings, CancelToken()):
            received.append(page)
    assert caught.value.code is STATUSES[status]
    assert caught.value.params["sheet"] == 3
    assert [p.sheet for p in received] == [1, 2]


def test_cancel_from_another_thread_stops_a_slow_scan() -> None:
    cancel = CancelToken()
    slow = (("read-delay", "yes"), ("read-delay-duration", "200000"), ("read-limit", "yes"),
            ("read-limit-size", "64"))  # fmt: skip
    settings = ScanSettings(dpi=300, mode=ColorMode.GRAY, options=slow)
    threading.Timer(0.3, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(StationError) as caught:
        list(SaneDriver().scan(DEVICE, settings, cancel))
    assert caught.value.code is ErrorCode.SCAN_CANCELLED
    assert time.monotonic() - started < 2.0


def test_a_preset_that_fits_comes_out_at_its_size() -> None:
    page = single(mode=ColorMode.GRAY, dpi=100, paper=parse_paper("A6"))
    height, width = page.shape  # 105 x 148 mm at 100 dpi = 413 x 583 px; the backend floors
    assert abs(width - 413) <= 1 and abs(height - 583) <= 1


def test_a_preset_larger_than_the_bed_is_refused() -> None:
    with pytest.raises(StationError) as caught:
        scan(paper=parse_paper("A4"))
    assert caught.value.code is ErrorCode.PAPER_TOO_LARGE
    assert caught.value.params["max_width"] == "200"


def test_unknown_option_and_unsupported_source_are_refused() -> None:
    with pytest.raises(StationError) as caught:
        scan(("no-such-option", "1"))
    assert caught.value.code is ErrorCode.INVALID_OPTION
    with pytest.raises(StationError) as caught:
        scan(source=Source.DUPLEX)
    assert caught.value.code is ErrorCode.UNSUPPORTED_SETTING


def test_unknown_device_is_reported() -> None:
    with pytest.raises(StationError) as caught:
        SaneDriver().capabilities("sane:nothing:9")
    assert caught.value.code is ErrorCode.DEVICE_NOT_FOUND
