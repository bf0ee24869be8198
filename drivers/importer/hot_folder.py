"""A folder that a large-format scanner saves into, watched by polling.

A file is handed over once its size and modification time have held still for `settle_seconds`
(the scanner has finished writing it). Polling keeps the station free of a file-watching
dependency and works the same on network shares, where change notifications are unreliable.
One `os.scandir` per poll keeps it cheap on a folder of thousands of files.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from station.errors import ErrorCode, StationError

DONE = "done"
FAILED = "failed"
ERROR_SUFFIX = ".error.txt"
# Names scanner software, browsers and office suites give files they are still writing.
_TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".filepart")
_SYSTEM_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_MAX_SUFFIX = 100_000


def is_ignored(name: str) -> bool:
    lower = name.lower()
    return name.startswith((".", "~")) or lower.endswith(_TEMP_SUFFIXES) or lower in _SYSTEM_NAMES


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float  # clock time at which this size and mtime were first seen
    reported: bool = False


class HotFolder:
    def __init__(
        self,
        directory: Path,
        settle_seconds: float = 2.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.directory = Path(directory)
        self.settle_seconds = settle_seconds
        self._clock = clock
        self._seen: dict[str, _Seen] = {}

    @property
    def done_dir(self) -> Path:
        return self.directory / DONE

    @property
    def failed_dir(self) -> Path:
        return self.directory / FAILED

    def poll(self) -> list[Path]:
        """Files that are complete and not handed over before, oldest first. A file handed over
        is not returned again unless it changes; an empty file is never complete."""
        now = self._clock()
        present: set[str] = set()
        ready: list[tuple[int, str]] = []
        try:
            entries = os.scandir(self.directory)
        except (FileNotFoundError, NotADirectoryError) as error:
            raise StationError(
                ErrorCode.IMPORT_NOT_FOUND, path=str(self.directory), detail=str(error)
            ) from error
        with entries:
            for entry in entries:
                if is_ignored(entry.name):
                    continue
                try:
                    if not entry.is_file():
                        continue
                    stat = entry.stat()
                except OSError:  # gone between listing and stat
                    continue
                present.add(entry.name)
                if self._settled(entry.name, stat.st_size, stat.st_mtime_ns, now):
                    ready.append((stat.st_mtime_ns, entry.name))
        for name in self._seen.keys() - present:
            del self._seen[name]
        return [self.directory / name for _, name in sorted(ready)]

    def _settled(self, name: str, size: int, mtime_ns: int, now: float) -> bool:
        seen = self._seen.get(name)
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            self._seen[name] = _Seen(size, mtime_ns, now)
            return False
        if seen.reported or size == 0 or now - seen.since < self.settle_seconds:
            return False
        seen.reported = True
        return True

    def mark_done(self, path: Path) -> Path:
        """Move an imported file to `done/`; returns where it went (renamed on a clash)."""
        return self._move(Path(path), self.done_dir)

    def mark_failed(self, path: Path, reason: str) -> Path:
        """Move a file that could not be imported to `failed/`, with `<name>.error.txt` beside it
        saying why; returns where the file went."""
        target = self._move(Path(path), self.failed_dir, companions=(ERROR_SUFFIX,))
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        text = f"{reason}\n\nfile: {Path(path).name}\ntime: {stamp}\n"
        with open(target.with_name(target.name + ERROR_SUFFIX), "x", encoding="utf-8") as f:
            f.write(text)
        return target

    def _move(self, path: Path, folder: Path, companions: tuple[str, ...] = ()) -> Path:
        folder.mkdir(exist_ok=True)
        self._seen.pop(path.name, None)
        for attempt in range(_MAX_SUFFIX):
            name = path.name if attempt == 0 else f"{path.stem}-{attempt}{path.suffix}"
            target = folder / name
            if any(os.path.lexists(folder / (name + extra)) for extra in companions):
                continue
            try:
                if _move_without_replacing(path, target):
                    return target
            except (FileNotFoundError, NotADirectoryError) as error:
                raise StationError(
                    ErrorCode.IMPORT_NOT_FOUND, path=str(path), detail=str(error)
                ) from error
        raise FileExistsError(f"{folder} holds {_MAX_SUFFIX} files named like {path.name}")


def _move_without_replacing(source: Path, target: Path) -> bool:
    """Move `source` to `target` unless something is already there. A hard link fails
    atomically on a clash; where links are not supported (FAT, some shares) check, then move."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(target):
            return False
        try:
            shutil.move(source, target)
        except FileExistsError:  # Windows refuses to rename over a file
            return False
        return True
    os.unlink(source)
    return True
