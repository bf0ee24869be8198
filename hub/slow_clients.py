"""uvicorn's HTTP/1.1 protocol with a deadline and a size cap for request heads.

uvicorn times out an idle keep-alive connection, but not one that sends its headers a byte
at a time (or never): each such connection would stay open for good. This closes a
connection whose request head is not complete within `header_timeout` seconds of the
connection opening or of the previous response, and answers 431 to a head over 16 KiB.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

# Read from the environment, not passed in: uvicorn's worker processes import this class by
# name, so it must live at module level.
ENV_HEADER_TIMEOUT = "SOHOA_HUB_HEADER_TIMEOUT"
DEFAULT_HEADER_TIMEOUT = 10.0


def header_timeout() -> float:
    return float(os.environ.get(ENV_HEADER_TIMEOUT) or DEFAULT_HEADER_TIMEOUT)


MAX_HEAD_BYTES = 16 * 1024
_HEAD_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n"
    b"content-type: application/json\r\ncontent-length: 21\r\n\r\n"
    b'{"error":"too_large"}'
)


class HeaderTimeoutProtocol(H11Protocol):
    _deadline: asyncio.TimerHandle | None = None
    _waiting_after: Any = None  # the cycle (request) the timer was armed after
    _head_bytes = 0  # of the request head being waited for
    _head_tail = b""  # its last bytes so far

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._deadline is not None and self._head_too_large(data):
            return
        super().data_received(data)
        if self.cycle is not None and self.cycle is not self._waiting_after:
            self._disarm()  # a new request's head has arrived in whole

    def _head_too_large(self, data: bytes) -> bool:
        """h11 checks its buffer only while a head is incomplete, so a large head that
        arrives in one read passes; this counts the head however it arrives."""
        seen = self._head_tail + data  # the blank line may straddle two reads
        end = seen.find(b"\r\n\r\n")
        self._head_bytes += len(data) if end < 0 else max(0, end + 4 - len(self._head_tail))
        self._head_tail = seen[-3:]
        if self._head_bytes <= MAX_HEAD_BYTES:
            return False
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(_HEAD_TOO_LARGE)
            self.transport.close()
        return True

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._waiting_after = self.cycle
        self._head_bytes, self._head_tail = 0, b""
        self._deadline = self.loop.call_later(header_timeout(), self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()
