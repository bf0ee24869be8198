"""Durable page files: temp name, fsync, rename into place, fsync the directory."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from station.store.errors import from_os_error
from station.store.permissions import PRIVATE_DIR, PRIVATE_FILE

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


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def ensure_dir(path: Path) -> None:
    """The folder and any missing parents, each made private to this account (0700)."""
    try:
        missing = []
        folder = path
        while not folder.is_dir():
            missing.append(folder)
            if folder.parent == folder:
                break
            folder = folder.parent
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            fsync_dir(folder.parent)
    except OSError as exc:
        raise from_os_error(exc, path) from exc


class _HashingFile:
    """A raw file that hashes and counts what goes through it."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        self.digest.update(view)
        self.size += len(view)
        while view:
            view = view[os.write(self._fd, view) :]
        return self.size


ContentWriter = Callable[[BinaryIO], None]


def write_atomic(
    target: Path, content: bytes | memoryview | ContentWriter, session_id: str
) -> tuple[str, int]:
    """Return (sha256, size) only once `target` holds the content durably; on failure leave
    nothing behind. `content` is the bytes, or a function that streams them into a file."""
    tmp, sha256, size = write_temp(target, content, session_id)
    publish(tmp, target)
    return sha256, size


def write_temp(
    target: Path, content: bytes | memoryview | ContentWriter, session_id: str
) -> tuple[Path, str, int]:
    """Write and fsync the content under `target`'s temp name; (temp path, sha256, size).

    Several files can be staged this way and published together, all or none."""
    tmp = temp_name(target, session_id)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, PRIVATE_FILE)  # citizens' papers: the owner's alone
        try:
            sink = _HashingFile(fd)
            if callable(content):
                content(sink)  # type: ignore[arg-type]
            else:
                sink.write(content)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        remove_quietly(tmp)
        raise from_os_error(exc, target) from exc
    except BaseException:
        remove_quietly(tmp)
        raise
    return tmp, sink.digest.hexdigest(), sink.size


def publish(tmp: Path, target: Path) -> None:
    """Rename a staged file into place; the temp file is gone afterwards, whatever happens."""
    try:
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
