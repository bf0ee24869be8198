"""The client secret: in the OS keyring, or where there is none, in an owner-only file.

It never goes into the settings table, a log line or command output.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import keyring.errors
from keyring.backends import fail, null

from station.errors import ErrorCode, StationError

if TYPE_CHECKING:  # sync.settings keeps the proxy's password through this module
    from sync.settings import SyncSettings

SERVICE = "sohoa-station-sync"
log = logging.getLogger(__name__)


def keyring_available() -> bool:
    return not isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring)


def save_secret(settings: SyncSettings, secret: str) -> str:
    """Keep the secret; returns where ("keyring" or "file")."""
    path = settings.secret_path
    if path is None:
        if not keyring_available():
            raise StationError(ErrorCode.SYNC_NO_KEYRING)
        keyring.set_password(SERVICE, settings.client_id, secret)
        return "keyring"
    write_secret_file(path, secret)
    return "file"


def load_secret(settings: SyncSettings) -> str:
    path = settings.secret_path
    if path is not None:
        _warn_once()
        return read_secret_file(path)
    if not keyring_available():
        raise StationError(ErrorCode.SYNC_NO_KEYRING)
    try:
        secret = keyring.get_password(SERVICE, settings.client_id)
    except keyring.errors.KeyringError:
        secret = None
    if not secret:
        raise StationError(ErrorCode.SYNC_SECRET_MISSING, client_id=settings.client_id)
    return secret


_warned: set[str] = set()


def _warn_once() -> None:
    if "file" not in _warned:
        _warned.add("file")
        log.warning("client secret read from an owner-only file, not the OS keyring")


def read_secret_file(path: Path) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StationError(ErrorCode.SYNC_SECRET_MISSING, client_id=str(path)) from None
    _refuse_shared(path, info)
    secret = path.read_text(encoding="utf-8").strip()
    if not secret:
        raise StationError(ErrorCode.SYNC_SECRET_MISSING, client_id=str(path))
    return secret


def write_secret_file(path: Path, secret: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        _refuse_shared(path, path.stat())
    # Created 0600 from the start: there is no moment when others could read it.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, secret.encode("utf-8") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)


def _refuse_shared(path: Path, info: os.stat_result) -> None:
    if os.name == "nt":
        return  # NTFS ACLs, not mode bits; the user profile folder is private by default
    shared = info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    if shared or info.st_uid != os.getuid():
        raise StationError(
            ErrorCode.SYNC_SECRET_FILE_INSECURE,
            path=str(path),
            mode=oct(stat.S_IMODE(info.st_mode)),
        )
