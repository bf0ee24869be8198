"""Writer sessions: each open store holds a lock file, so recovery tells live writers from dead."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from station.store.files import ensure_dir, remove_quietly

LOCK_SUFFIX = ".lock"


@dataclass
class Session:
    """`clerk_id`: the person signed in at the station ('' when nobody is: the command line)."""

    id: str
    lock: FileLock = field(repr=False)
    clerk_id: str = ""
    sign_in_required: bool = False  # work under the OS user's name is refused

    def close(self) -> None:
        path = Path(self.lock.lock_file)
        self.lock.release()
        remove_quietly(path)


def start_session(directory: Path) -> Session:
    ensure_dir(directory)
    session_id = uuid.uuid4().hex[:16]
    lock = FileLock(str(directory / f"{session_id}{LOCK_SUFFIX}"), timeout=0, mode=0o600)
    lock.acquire()
    return Session(session_id, lock)


@dataclass(frozen=True)
class SessionScan:
    live: frozenset[str]
    dead: frozenset[str]


def scan_sessions(directory: Path, own: Session) -> SessionScan:
    """Try each other session's lock: if we can take it, its process is gone."""
    live, dead = {own.id}, set[str]()
    if not directory.is_dir():
        return SessionScan(frozenset(live), frozenset(dead))
    for path in directory.glob(f"*{LOCK_SUFFIX}"):
        session_id = path.name[: -len(LOCK_SUFFIX)]
        if session_id == own.id:
            continue
        lock = FileLock(str(path), timeout=0, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            live.add(session_id)
            continue
        dead.add(session_id)
        lock.release()
        remove_quietly(path)
    return SessionScan(frozenset(live), frozenset(dead))
