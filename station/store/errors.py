"""Map OS and SQLite failures to the station's error codes."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from station.errors import ErrorCode, StationError

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def from_os_error(exc: OSError, path: Path) -> StationError:
    if exc.errno in _DISK_FULL:
        return StationError(ErrorCode.DISK_FULL, path=str(path))
    if exc.errno in _NOT_WRITABLE:
        return StationError(ErrorCode.DATA_DIR_NOT_WRITABLE, path=str(path))
    return StationError(ErrorCode.STORAGE_IO, path=str(path), detail=exc.strerror or str(exc))


def from_sqlite_error(exc: sqlite3.Error, path: Path) -> StationError:
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith("SQLITE_FULL"):
        return StationError(ErrorCode.DISK_FULL, path=str(path))
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return StationError(ErrorCode.DATABASE_CORRUPT, path=str(path))
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return StationError(ErrorCode.DATA_DIR_NOT_WRITABLE, path=str(path))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StationError(ErrorCode.DATABASE_LOCKED, path=str(path))
    if name.startswith("SQLITE_IOERR"):
        return StationError(ErrorCode.STORAGE_IO, path=str(path), detail=str(exc))
    return StationError(ErrorCode.DATABASE_CORRUPT, path=str(path))
