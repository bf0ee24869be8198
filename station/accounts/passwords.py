"""Password hashes with scrypt: a random salt per account, the cost stored with the hash.

The stored text is `scrypt$N$r$p$<salt>$<key>` (base64), so the cost can be raised later and
old hashes still verify. Passwords are NFC-normalised first: Vietnamese typed through different
input methods may arrive composed or decomposed, and both must open the same account.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

SCHEME = "scrypt"
SALT_BYTES = 16
KEY_BYTES = 32
# What a stored hash may ask for: anything larger is treated as damaged, not computed.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16


@dataclass(frozen=True)
class ScryptCost:
    n: int = 2**14  # CPU and memory cost (16 MiB with r=8)
    r: int = 8
    p: int = 1


DEFAULT_COST = ScryptCost()


@dataclass(frozen=True)
class StoredHash:
    cost: ScryptCost
    salt: bytes
    key: bytes


def hash_password(password: str, cost: ScryptCost = DEFAULT_COST) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, cost, KEY_BYTES)
    return f"{SCHEME}${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time comparison; a missing or damaged hash costs the same work and fails."""
    parsed = parse_hash(stored)
    if parsed is None:
        _derive(password, b"\0" * SALT_BYTES, DEFAULT_COST, KEY_BYTES)
        return False
    key = _derive(password, parsed.salt, parsed.cost, len(parsed.key))
    return hmac.compare_digest(key, parsed.key)


def needs_rehash(stored: str, cost: ScryptCost = DEFAULT_COST) -> bool:
    parsed = parse_hash(stored)
    return parsed is None or parsed.cost != cost


def parse_hash(stored: str) -> StoredHash | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        cost = ScryptCost(int(parts[1]), int(parts[2]), int(parts[3]))
        salt, key = _unb64(parts[4]), _unb64(parts[5])
    except (ValueError, binascii.Error):
        return None
    if not _sane(cost) or len(salt) < 8 or len(key) < 16:
        return None
    return StoredHash(cost, salt, key)


def _sane(cost: ScryptCost) -> bool:
    power_of_two = cost.n > 1 and cost.n & (cost.n - 1) == 0
    return power_of_two and cost.n <= _MAX_N and 0 < cost.r <= _MAX_R and 0 < cost.p <= _MAX_P


def _derive(password: str, salt: bytes, cost: ScryptCost, length: int) -> bytes:
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    # OpenSSL's default ceiling is 32 MiB; allow what the stored cost needs, plus slack.
    memory = 128 * cost.r * (cost.n + cost.p + 2) + (1 << 20)
    return hashlib.scrypt(
        secret, salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=memory, dklen=length
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
