"""A finished dossier's PDFs in the finished-files folder: staged one by one, then published
all together (the upload queue, sync's outbox, sends them from there).

Until every file is staged nothing is visible under its real name; if publishing or recording
fails, the published files are removed again, so a dossier is never left half written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from station.errors import ErrorCode, StationError
from station.pdf import component_file_name
from station.store import Store
from station.store.files import ensure_dir, publish, remove_quietly, write_temp


@dataclass(frozen=True)
class StagedFile:
    target: Path
    temp: Path
    sha256: str
    size: int


LOCK_NAME = ".finishing.lock"


@dataclass
class FinishedBatch:
    store: Store
    folder: Path
    lock: FileLock = field(repr=False)
    staged: list[StagedFile] = field(default_factory=list)
    published: list[Path] = field(default_factory=list)

    def stage(self, file_name: str, data: bytes) -> StagedFile:
        target = self.folder / file_name
        temp, sha256, size = write_temp(target, data, self.store.session_id)
        staged = StagedFile(target, temp, sha256, size)
        self.staged.append(staged)
        return staged

    def publish_all(self, keep: Iterable[str] = ()) -> None:
        """`keep`: names of files published earlier for the dossier (its reception files, when
        its result is published), which are not strays."""
        for staged in self.staged:
            publish(staged.temp, staged.target)
            self.published.append(staged.target)
        self._remove_strays(set(keep))

    def discard(self) -> None:
        for staged in self.staged:
            remove_quietly(staged.temp)
        for path in self.published:
            remove_quietly(path)

    def close(self) -> None:
        self.lock.release()
        remove_quietly(Path(self.lock.lock_file))
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when empty: a refused finish leaves no trace

    def relative(self, staged: StagedFile) -> str:
        return self.store.layout.relative(staged.target)

    def _remove_strays(self, keep: set[str]) -> None:
        """PDFs an interrupted earlier finish left here would be mistaken for this dossier's."""
        keep = keep | {s.target.name for s in self.staged}
        for path in self.folder.glob("*.pdf"):
            if path.name not in keep:
                remove_quietly(path)


def open_batch(store: Store, dossier_code: str) -> FinishedBatch:
    """The dossier's folder of finished files, held so that no other finish (a second click,
    another process) writes into it at the same time."""
    folder = store.layout.finished_files / dossier_folder(dossier_code)
    ensure_dir(store.layout.finished_files)
    ensure_dir(folder)
    lock = FileLock(str(folder / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise StationError(ErrorCode.DOSSIER_BUSY, code=dossier_code) from None
    return FinishedBatch(store, folder, lock)


def dossier_folder(dossier_code: str) -> str:
    """The dossier code made safe for a folder name, by the same rule as its file names."""
    name = component_file_name(dossier_code, 1).removesuffix(".1.pdf")
    return name if name.strip(".") else f"_{name}"  # "." or ".." would leave the folder
