"""The hub's catalog key as text: base64 of the raw Ed25519 public key, as the hub serves it
and the station pins it in its sync settings."""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from station.errors import ErrorCode, StationError


def public_key_text(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text.strip(), validate=True))
    except (binascii.Error, ValueError):
        raise StationError(
            ErrorCode.CATALOG_INVALID, path="(hub key)", detail="not an Ed25519 public key"
        ) from None
