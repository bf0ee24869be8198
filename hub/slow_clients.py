"""uvicorn's HTTP/1.1 protocol with a deadline for request headers.

uvicorn times out an idle keep-alive connection, but not one that sends its headers a byte
at a time (or never): each such connection would stay open for good. This closes a
connection whose request head is not complete within `header_timeout` seconds of the
connection opening or of the previous response.
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


class HeaderTimeoutProtocol(H11Protocol):
    _deadline: asyncio.TimerHandle | None = None
    _waiting_after: Any = None  # the cycle (request) the timer was armed after

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not None and self.cycle is not self._waiting_after:
            self._disarm()  # a new request's head has arrived in whole

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
        self._deadline = self.loop.call_later(header_timeout(), self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()
