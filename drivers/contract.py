"""The one driver contract every backend implements (NAPS2-style: list, capabilities, scan).

A driver never decides where it runs: a bridge (drivers/bridge.py) runs it in this process or in
a worker process. Pixels are written through a PageWriter the caller provides, so a worker can
stream a page straight into a spool file instead of holding extra copies in memory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

from station.paper import AUTO_PAPER, PaperSize


class Source(StrEnum):
    FLATBED = "flatbed"
    ADF = "adf"
    DUPLEX = "duplex"


class ColorMode(StrEnum):
    COLOR = "color"
    GRAY = "gray"
    LINEART = "lineart"  # stored as uint8 0/255, `depth` says 1


class Side(StrEnum):
    FRONT = "front"
    BACK = "back"


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # "virtual", "sane:test:0", "twain:Canon DR-C225"
    name: str
    driver: str
    vendor: str = ""
    model: str = ""


@dataclass(frozen=True)
class OptionInfo:
    """A backend option as the backend names it (SANE names as `scanimage --help` prints them)."""

    name: str
    title: str = ""
    type: str = "string"  # bool | int | fixed | string | button
    unit: str = ""
    constraint: Any = None  # (min, max, step) range, a list of values, or None
    value: Any = None
    active: bool = True
    settable: bool = True


@dataclass(frozen=True)
class Capabilities:
    sources: tuple[Source, ...]
    resolutions: tuple[int, ...]
    color_modes: tuple[ColorMode, ...]
    bit_depths: tuple[int, ...]
    max_area_mm: tuple[float, float]  # (width, height) of the largest scan area
    options: tuple[OptionInfo, ...] = ()


@dataclass(frozen=True)
class ScanSettings:
    paper: PaperSize = AUTO_PAPER
    dpi: int = 300
    mode: ColorMode = ColorMode.COLOR
    source: Source = Source.FLATBED
    depth: int = 8
    count: int | None = None  # most sheets to feed; None = until the feeder is empty
    options: tuple[tuple[str, str], ...] = ()  # backend options, passed through unchanged


@dataclass
class ScannedPage:
    pixels: np.ndarray  # H x W x 3 (colour) or H x W (gray, lineart); uint8 or uint16
    dpi: int
    mode: ColorMode
    source: Source
    sheet: int  # 1-based sheet number within the batch
    side: Side = Side.FRONT
    depth: int = 8
    device_id: str = ""
    paper: str = ""
    release: Callable[[], None] | None = field(default=None, repr=False)

    def close(self) -> None:
        """Free what backs the pixels (a spool file from a worker); safe to call twice."""
        release, self.release = self.release, None
        if release is not None:
            release()


# Events a driver reports while it scans ---------------------------------------------------
@dataclass(frozen=True)
class PageStarted:
    sheet: int
    side: Side


@dataclass(frozen=True)
class PageProgress:
    sheet: int
    side: Side
    rows: int
    total_rows: int | None  # None while a hand scanner does not know the height yet


ScanEvent = PageStarted | PageProgress
EventSink = Callable[[ScanEvent], None]


def ignore_events(_event: ScanEvent) -> None:
    return None


class CancelToken:
    """Set by the caller, polled by the driver; `on_cancel` hooks let a blocked driver wake up."""

    def __init__(self, event: Any | None = None) -> None:
        self._event = event if event is not None else threading.Event()
        self._hooks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        for hook in list(self._hooks):
            hook()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def on_cancel(self, hook: Callable[[], None]) -> None:
        self._hooks.append(hook)


# Where pixels go ---------------------------------------------------------------------------
class PageWriter(Protocol):
    """Receives a page's rows in order; `finish` returns the whole page as one array."""

    def begin(self, width: int, channels: int, dtype: np.dtype, height: int | None) -> None: ...

    def write(self, rows: np.ndarray) -> None: ...

    def finish(self) -> np.ndarray: ...


PageWriterFactory = Callable[[], PageWriter]


class MemoryPageWriter:
    """In-process pages: one array, preallocated when the height is known, grown when not."""

    def __init__(self) -> None:
        self._array: np.ndarray | None = None
        self._rows = 0

    def begin(self, width: int, channels: int, dtype: np.dtype, height: int | None) -> None:
        shape = (height or 256, width) + ((channels,) if channels > 1 else ())
        self._array = np.empty(shape, dtype=dtype)
        self._rows = 0

    def write(self, rows: np.ndarray) -> None:
        assert self._array is not None, "begin() first"
        end = self._rows + len(rows)
        if end > len(self._array):
            grown = np.empty(
                (max(end, 2 * len(self._array)),) + self._array.shape[1:], self._array.dtype
            )
            grown[: self._rows] = self._array[: self._rows]
            self._array = grown
        self._array[self._rows : end] = rows
        self._rows = end

    def finish(self) -> np.ndarray:
        assert self._array is not None, "begin() first"
        return self._array[: self._rows]


class Driver(Protocol):
    name: str

    def list_devices(self) -> list[DeviceInfo]: ...

    def capabilities(self, device_id: str) -> Capabilities: ...

    def scan(
        self,
        device_id: str,
        settings: ScanSettings,
        cancel: CancelToken,
        events: EventSink = ignore_events,
        pages: PageWriterFactory = MemoryPageWriter,
    ) -> Iterator[ScannedPage]: ...


def parse_options(pairs: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`NAME=VALUE` strings from the command line; names keep their backend spelling."""
    from station.errors import ErrorCode, StationError

    parsed = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("-")
        if not sep or not name:
            raise StationError(ErrorCode.INVALID_OPTION, option=pair)
        parsed.append((name, value.strip()))
    return tuple(parsed)
