"""The hub's catalog signing key: Ed25519, made on first use, kept owner-only in the data
directory. Stations pin its public half and refuse a catalog it did not sign."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from hub.storage import FILE_MODE, fsync_dir, make_private_dir

KEY_FILE = "catalog_signing_key.pem"


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The key, made now if the hub has none; two processes making it at once keep one."""
    path = key_path(data_dir)
    if not path.exists():
        _create(path)
    return _load(path)


def public_key(data_dir: Path) -> Ed25519PublicKey | None:
    """None while no catalog was ever imported (the key is made by the first import)."""
    path = key_path(data_dir)
    return _load(path).public_key() if path.exists() else None


def _create(path: Path) -> None:
    make_private_dir(path.parent)
    pem = Ed25519PrivateKey.generate().private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.write(descriptor, pem)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    try:
        os.link(temporary, path)  # fails if another process was first: its key stays
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    fsync_dir(path.parent)


def _load(path: Path) -> Ed25519PrivateKey:
    key = load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 key")
    return key
