"""Client secrets as salted scrypt hashes; bearer tokens as SHA-256 of a random value."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

_N, _R, _P = 2**14, 8, 1


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encoded = (base64.b64encode(part).decode() for part in (salt, digest))
    return f"scrypt${_N}${_R}${_P}$" + "$".join(encoded)


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    computed = hashlib.scrypt(
        secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(computed, base64.b64decode(digest))


# Checked against when the name is unknown, so that a wrong name takes as long as a wrong secret.
_DUMMY_HASH = hash_secret(secrets.token_urlsafe(32))


def burn_verification(secret: str) -> None:
    verify_secret(secret, _DUMMY_HASH)


def token_digest(token: str) -> str:
    # Tokens carry 256 random bits, so a plain hash is enough (no salt, fast lookup).
    return hashlib.sha256(token.encode()).hexdigest()
