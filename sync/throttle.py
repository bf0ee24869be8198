"""A bandwidth cap on uploads: a file slice that paces its own reads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import BinaryIO

BLOCK = 16 * 1024  # what http.client asks for per read


class Pace:
    """A token bucket of `rate` bytes per second with a one-second burst; 0 means no cap."""

    def __init__(
        self,
        rate: int,
        clock: Callable[[], float] = time.monotonic,
        stop: threading.Event | None = None,
    ) -> None:
        self.rate = rate
        self._clock = clock
        self._stop = stop or threading.Event()
        self._allowance = float(rate)
        self._last = clock()

    def take(self, size: int) -> None:
        if self.rate <= 0:
            return
        now = self._clock()
        self._allowance = min(float(self.rate), self._allowance + (now - self._last) * self.rate)
        self._last = now
        self._allowance -= size
        if self._allowance < 0:
            self._stop.wait(-self._allowance / self.rate)


class FileSlice:
    """Bytes [start, start+length) of an open file, as a request body with a known length
    (so requests sends Content-Length, not chunked encoding, which tus PATCH needs)."""

    def __init__(self, file: BinaryIO, start: int, length: int, pace: Pace) -> None:
        self._file = file
        self._start = start
        self.length = length
        self._pace = pace
        self.rewind()

    def rewind(self) -> None:
        self._file.seek(self._start)
        self._left = self.length

    def __len__(self) -> int:
        return self._left

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > BLOCK:
            size = BLOCK
        size = min(size, self._left)
        if size <= 0:
            return b""
        self._pace.take(size)
        data = self._file.read(size)
        self._left -= len(data)
        return data
