"""Durable page files: temp name, fsync, rename into place, fsync the directory."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from station.store.errors import from_os_error

TEMP_SUFFIX = ".tmp"


def temp_name(target: Path, session_id: str) -> Path:
    return target.with_name(f".{target.name}.{session_id}{TEMP_SUFFIX}")


def session_of_temp(path: Path) -> str | None:
    """The writer session encoded in a temp file name, or None when it is not one of ours."""
    name = path.name
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
        return None
    parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 1)
    return parts[1] if len(parts) == 2 and parts[1] else None


def sha256_bytes(data: bytes | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def ensure_dir(path: Path) -> None:
    try:
        if not path.is_dir():
            path.mkdir(parents=True, exist_ok=True)
            fsync_dir(path.parent)
    except OSError as exc:
        raise from_os_error(exc, path) from exc


def write_atomic(target: Path, data: bytes | memoryview, session_id: str) -> None:
    """Return only once `target` holds all of `data` durably; on failure leave nothing behind."""
    tmp = temp_name(target, session_id)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        remove_quietly(tmp)
        raise from_os_error(exc, target) from exc


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename itself.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
