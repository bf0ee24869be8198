"""Whose turn it is to write an upload: one PATCH at a time, the others and HEAD waiting.

A PATCH cut off mid-body holds its upload until its handler has read what the connection
still carried, noticed the cut and made those bytes durable. A station resumes at once after
a cut, so its HEAD and its next PATCH arrive while that goes on. Rather than answer a stale
offset (HEAD) or poll the lock (PATCH), they wait for the turn and are woken when it moves
on. In this process that is an event per upload; across hub processes sharing the data
directory, the lock file beside the data file, which a turn always holds, is polled.

A waiting HEAD holds nothing, so a station cannot keep an upload from its writer by asking;
and a turn is only ever asked for after the upload was found to be the asker's.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from hub.storage import FILE_MODE

LOCK_POLL_SECONDS = 0.01  # another process's turn is only seen by trying its lock file


def lock_path(data_file: Path) -> Path:
    return Path(str(data_file) + ".lock")


@dataclass
class Turn:
    lock: FileLock
    # Where the upload will stand once the turn ends, known when the request's body is over
    # (read whole, or cut off) and set before those bytes are made durable and recorded.
    reached: int | None = None
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    known: asyncio.Event = field(default_factory=asyncio.Event)  # `reached` set, or ended

    def reach(self, offset: int) -> None:
        self.reached = offset
        self.known.set()


@dataclass
class Coming:
    """PATCHes of one station for one upload that have not taken their turn yet."""

    count: int = 0
    moved: asyncio.Event = field(default_factory=asyncio.Event)  # one of them took it, or left


class UploadTurns:
    """The turns this process holds, by upload id. Used from the event loop only."""

    def __init__(self) -> None:
        self._turns: dict[str, Turn] = {}
        self._coming: dict[tuple[str, str], Coming] = {}

    @contextlib.contextmanager
    def coming(self, station: str, upload_id: str) -> Iterator[None]:
        """A PATCH from its first line until it has its turn or is refused: the request a
        station's HEAD after a cut must wait for may not have reached `take` yet."""
        key = (station, upload_id)
        entry = self._coming.setdefault(key, Coming())
        entry.count += 1
        try:
            yield
        finally:
            entry.count -= 1
            if entry.count == 0 and self._coming.get(key) is entry:
                del self._coming[key]
            moved, entry.moved = entry.moved, asyncio.Event()
            moved.set()

    async def take(self, upload_id: str, data_file: Path, timeout: float) -> Turn | None:
        """The upload's turn, once the one before it ends; None after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        lock = FileLock(str(lock_path(data_file)), mode=FILE_MODE)
        while True:
            current = self._turns.get(upload_id)
            if current is None:
                with contextlib.suppress(Timeout):
                    lock.acquire(timeout=0)
                    turn = self._turns[upload_id] = Turn(lock)
                    return turn
            left = deadline - loop.time()
            if left <= 0:
                return None
            if current is None:  # another process's turn
                await asyncio.sleep(min(left, LOCK_POLL_SECONDS))
            else:
                await _wait(current.ended, left)

    def give_back(self, upload_id: str, turn: Turn) -> None:
        try:
            turn.lock.release()
        finally:
            if self._turns.get(upload_id) is turn:
                del self._turns[upload_id]
            turn.ended.set()
            turn.known.set()

    async def settled(
        self, station: str, upload_id: str, data_file: Path, timeout: float
    ) -> tuple[bool, int | None]:
        """Waits, at most `timeout` seconds, until neither a request writing the upload nor
        one of the station's PATCHes on its way to a turn is left, or the last of them knows
        where the upload will stand. Returns (waited, that offset or None): with no offset,
        the recorded one is the answer, read again if `waited`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        waited = False
        while (left := deadline - loop.time()) > 0:
            current = self._turns.get(upload_id)
            coming = self._coming.get((station, upload_id))
            if current is not None and not current.known.is_set():
                await _wait(current.known, left)
            elif coming is not None:
                await _wait(coming.moved, left)
            elif current is not None:  # its body is over; its bytes are being recorded
                return True, current.reached
            else:
                return waited or await _other_process_done(lock_path(data_file), deadline), None
            waited = True
        return True, None  # still receiving: what it has recorded so far


async def _wait(event: asyncio.Event, timeout: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout)


async def _other_process_done(path: Path, deadline: float) -> bool:
    """Polls the lock file another hub process may hold, without creating it; whether it
    was held."""
    loop = asyncio.get_running_loop()
    if not path.exists():
        return False
    lock = FileLock(str(path), mode=FILE_MODE)
    waited = False
    while loop.time() < deadline:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            waited = True
            await asyncio.sleep(LOCK_POLL_SECONDS)
            continue
        lock.release()
        break
    return waited
