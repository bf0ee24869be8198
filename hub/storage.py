"""Files on the data directory: fsync before rename, so a reader sees all of a file or none.

The data directory may be an NFS or SMB mount; hard links and directory fsync are used
when the mount allows them and skipped (copy, no dir fsync) when it does not.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

SAFE_NAME = re.compile(r"^[^/\\\x00-\x1f\x7f]{1,200}$")
# Most filesystems cap one name at 255 bytes; Vietnamese letters take 2-3 bytes in UTF-8.
_MAX_NAME_BYTES = 240
_PLAIN_CHAR = re.compile(r"[A-Za-z0-9.-]")
_BLOCK = 1024 * 1024


def is_safe_file_name(name: str) -> bool:
    """One plain name inside a dossier folder: no separator, control character or `..`."""
    return (
        bool(SAFE_NAME.fullmatch(name))
        and name not in {".", "..", "manifest.json"}
        and len(name.encode("utf-8")) <= _MAX_NAME_BYTES
    )


# Device names Windows reserves in any folder, with or without an extension.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
)
_MAX_FOLDER = 200


def dossier_dir_name(code: str) -> str:
    """A folder name for a code, the same as the code for plain ones (A-Z a-z 0-9 . -).

    Injective: any other character, "_" included, becomes "_XX" per UTF-8 byte, so "x_y" and
    "x/y" never share a folder. "__" starts only a reserved Windows name and marks a long
    code's digest, which no other encoding produces.
    """
    name = "".join(
        char if _PLAIN_CHAR.fullmatch(char) else "".join(f"_{b:02X}" for b in char.encode())
        for char in code
    )
    if name.startswith("."):
        name = "_2E" + name[1:]
    if name.endswith("."):  # Windows drops trailing dots
        name = name[:-1] + "_2E"
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = "__" + name
    if len(name) > _MAX_FOLDER:
        digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:32]
        name = f"{name[:150]}__{digest}"
    return name


FILE_MODE, DIR_MODE = 0o600, 0o700  # dossiers are personal data: the hub's account only


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)  # also when it was made earlier, more open


def keep_private(path: Path) -> None:
    """Owner-only modes for a file and SQLite's -wal and -shm beside it, where they exist."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            os.chmod(candidate, FILE_MODE)


@dataclass(frozen=True)
class Narrowed:
    """What `narrow_wide_modes` changed: how many paths, one of them, and how many it could
    not change (owned by another account)."""

    count: int
    example: Path | None
    failed: int


def narrow_wide_modes(root: Path) -> Narrowed:
    """Every folder and file under `root` (itself included) that group or others may use loses
    those bits (data from an older version, a copy made by hand); symlinks are not followed."""
    count, failed, example = 0, 0, None
    for path in _tree(root):
        try:
            info = path.lstat()
        except OSError:  # gone meanwhile
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        allowed = DIR_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        mode = stat.S_IMODE(info.st_mode)
        if not mode & ~allowed:
            continue
        try:
            os.chmod(path, mode & allowed, follow_symlinks=False)
        except (OSError, NotImplementedError):
            failed += 1
            continue
        count += 1
        example = example or path
    return Narrowed(count, example, failed)


def _tree(root: Path) -> Iterator[Path]:
    if not root.exists():
        return
    yield root
    for folder, folders, files in os.walk(root):
        for name in (*folders, *files):
            yield Path(folder) / name


def create_private(path: Path) -> BinaryIO:
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE), "wb")


def fsync_dir(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # SMB and some NFS setups refuse fsync on directories
    finally:
        os.close(descriptor)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def write_bytes_durably(path: Path, data: bytes) -> None:
    with create_private(path) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    write_bytes_durably(temporary, data)
    os.replace(temporary, path)
    fsync_dir(path.parent)


def link_or_copy(source: Path, target: Path) -> None:
    """Places `source` at `target`, sharing the blocks when the filesystem can."""
    try:
        os.link(source, target)
        return
    except OSError:
        pass
    with source.open("rb") as reader, create_private(target) as writer:
        shutil.copyfileobj(reader, writer, _BLOCK)
        writer.flush()
        os.fsync(writer.fileno())


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
