"""Where the hub keeps committed dossiers' files: one small interface, two stores.

`LocalDiskFiles` (used now) keeps them under the data directory, as `sohoa-hub ls` shows
them; `hub/object_store.py` puts the same behind an S3-compatible bucket (planned; its
contract is tested against a double that behaves like S3). Keys are "/"-separated paths
below the store's root, such as "ST-01/000.00.14.H05-250101-0001/1.pdf".

Publishing a folder is atomic on both: a reader sees the previous publication of that folder
whole or the new one whole, never a mix. A disk renames a staged folder into place; S3 has no
rename, so the files go under a fresh version prefix and one small pointer object, written
last in a single PUT, says which version is current.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hub.storage import fsync_dir, link_or_copy, remove_tree, write_bytes_durably

MANIFEST = "manifest.json"


class MissingFile(KeyError):
    """No object under that key."""


@dataclass(frozen=True)
class Staged:
    folder: str
    token: str  # the store's own name for the staging (a folder, a version)


class FileStore(Protocol):
    def put(self, key: str, data: bytes) -> str:
        """Stores a whole object; returns its entity tag (the same for the same bytes)."""

    def get(self, key: str) -> bytes:
        """Raises MissingFile."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Absent already is fine, as in S3."""

    def list(self, prefix: str) -> list[str]:
        """Every key starting with `prefix`, sorted."""

    def publish(self, folder: str, files: Mapping[str, Path], record: bytes) -> None:
        """`files` (name -> source on local disk) and `record` as manifest.json, all at once in
        place of what `folder` held: stage, publish_staged, discard."""

    def stage(self, folder: str, files: Mapping[str, Path]) -> Staged:
        """The files written where no reader looks yet (the slow part, with no lock held)."""

    def publish_staged(self, staged: Staged, record: bytes) -> None:
        """The manifest added and the staged files made the folder's publication at once."""

    def discard(self, staged: Staged) -> None:
        """What is left of a staging that was not published (nothing once it was)."""

    def add(self, folder: str, name: str, source: Path | bytes, replace: bool = False) -> None:
        """One more file in the folder's current publication (a result addendum); an existing
        name is left as it is unless `replace`."""

    def read(self, folder: str, name: str) -> bytes:
        """A file of the folder's current publication; raises MissingFile."""

    def names(self, folder: str) -> list[str]:
        """The files of the folder's current publication, sorted."""


def entity_tag(data: bytes) -> str:
    # S3's ETag of a single-part upload is the MD5 of the bytes; an identity, not a security.
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


class LocalDiskFiles:
    """Files under `root`, each written to a temporary name, fsynced, then renamed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, key: str) -> Path:
        parts = key.split("/")
        if not key or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"not a key: {key!r}")
        return self.root.joinpath(*parts)

    def put(self, key: str, data: bytes) -> str:
        path = self.path_of(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        write_bytes_durably(temporary, data)
        os.replace(temporary, path)
        fsync_dir(path.parent)
        return entity_tag(data)

    def get(self, key: str) -> bytes:
        try:
            return self.path_of(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise MissingFile(key) from None

    def exists(self, key: str) -> bool:
        return self.path_of(key).is_file()

    def delete(self, key: str) -> None:
        self.path_of(key).unlink(missing_ok=True)

    def list(self, prefix: str) -> list[str]:
        folder = self.root.joinpath(*prefix.split("/")[:-1])  # only below the prefix's folder
        if not folder.is_dir():
            return []
        found = []
        for path in folder.rglob("*"):
            relative = path.relative_to(self.root)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                found.append(relative.as_posix())
        return sorted(key for key in found if key.startswith(prefix))

    def publish(self, folder: str, files: Mapping[str, Path], record: bytes) -> None:
        staged = self.stage(folder, files)
        try:
            self.publish_staged(staged, record)
        finally:
            self.discard(staged)

    def stage(self, folder: str, files: Mapping[str, Path]) -> Staged:
        parent = self.path_of(folder).parent
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        staging = parent / f".staging-{uuid.uuid4().hex}"
        staging.mkdir(mode=0o700)
        staged = Staged(folder, staging.name)
        try:
            for name, source in files.items():
                link_or_copy(source, staging / name)
        except BaseException:
            self.discard(staged)  # a half-built folder is never left beside the real ones
            raise
        return staged

    def publish_staged(self, staged: Staged, record: bytes) -> None:
        final = self.path_of(staged.folder)
        staging = final.parent / staged.token
        write_bytes_durably(staging / MANIFEST, record)
        fsync_dir(staging)
        if final.exists():
            # A later publication wins; the earlier copy is kept aside.
            replaced = final.parent / ".replaced"
            replaced.mkdir(mode=0o700, exist_ok=True)
            os.rename(final, replaced / f"{final.name}.{uuid.uuid4().hex}")
        os.rename(staging, final)
        fsync_dir(final.parent)

    def discard(self, staged: Staged) -> None:
        remove_tree(self.path_of(staged.folder).parent / staged.token)

    def add(self, folder: str, name: str, source: Path | bytes, replace: bool = False) -> None:
        key = f"{folder}/{name}"
        target = self.path_of(key)
        if target.exists() and not replace:
            return
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if isinstance(source, bytes):
            self.put(key, source)
            return
        if target.exists():
            target.unlink()
        link_or_copy(source, target)
        fsync_dir(target.parent)

    def read(self, folder: str, name: str) -> bytes:
        return self.get(f"{folder}/{name}")

    def names(self, folder: str) -> list[str]:
        path = self.path_of(folder)
        if not path.is_dir():
            return []
        return sorted(p.name for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
