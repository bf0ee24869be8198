"""Opening one file of a dossier from the lookup page: the same scope as the lookup, every
opening written to the access log, the bytes sent as a download that no cache keeps."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote

from hub import access, access_log, dossiers
from hub.codes import normalised_code
from hub.context import Hub
from hub.errors import ApiError
from hub.file_store import FileStore, LocalDiskFiles, MissingFile
from hub.principal import Principal
from hub.web.dossier_view import MAX_CODE

CHUNK = 256 * 1024


@dataclass(frozen=True)
class OpenedFile:
    name: str
    size: int
    chunks: Iterator[bytes]  # closes what it read from once exhausted or closed


def open_file(
    hub: Hub, principal: Principal, code: str, station: str, name: str, address: str
) -> OpenedFile | None:
    """File `name` of dossier `code` at `station`, its opening logged; None when there is no
    such file among the reader's stations (outside them reads as absent, not as forbidden).
    Raises ApiError for a principal who reads no dossiers at all."""
    access.require_reader(principal)
    wanted = normalised_code(code.strip()[:MAX_CODE])
    if not wanted or not station:
        return None
    try:
        scope = access.narrowed(access.station_scope(hub.db, principal), station)
    except ApiError:
        return None
    found = dossiers.get_dossier(hub.db, wanted, scope)
    if found is None:
        return None
    owner, manifest = found
    # Only a name the manifest lists: nothing else in the folder, and no path from the form.
    if name not in {component["file_name"] for component in manifest["components"]}:
        return None
    try:
        size, chunks = _read(hub.files, dossiers.dossier_folder(owner, wanted), name)
    except MissingFile:
        return None
    target = access_log.file_target(wanted, name)
    access_log.record(hub.db, principal, access_log.OPEN_FILE, owner, target, address)
    return OpenedFile(name, size, chunks)


def _read(files: FileStore, folder: str, name: str) -> tuple[int, Iterator[bytes]]:
    """Raises MissingFile. A file on disk is opened now (a later publication of the folder
    does not change what this reader gets) and sent in chunks; another store's whole."""
    if isinstance(files, LocalDiskFiles):
        try:
            handle = files.path_of(f"{folder}/{name}").open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise MissingFile(name) from None
        return os.fstat(handle.fileno()).st_size, _chunks(handle)
    data = files.read(folder, name)
    return len(data), iter((data,))


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while block := handle.read(CHUNK):
            yield block


def attachment(name: str) -> str:
    """A Content-Disposition for `name`: an ASCII stand-in for old clients, the UTF-8 name
    (RFC 6266 / 5987) for the rest."""
    plain = "".join(c if " " <= c < "\x7f" and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def media_type(name: str) -> str:
    return "application/pdf" if name.lower().endswith(".pdf") else "application/octet-stream"
