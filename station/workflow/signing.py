"""The station's signing set-up, and the signer finishing calls for every component file.

The set-up (which key, which token, the stamp text, a timestamp server, trusted roots) is kept
in the store's settings. The PIN of a token and the password of a PKCS#12 file are never kept:
the clerk gives them once per shift and the app holds them in memory only (`PinCache`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from station.pades.keys import Pkcs11Key, Pkcs12Key, SigningSession
from station.pades.sign import DEFAULT_STAMP_TEXT, Stamp, sign_pdf_bytes
from station.store import Store

PREFIX = "signing."
PKCS12 = "pkcs12"
PKCS11 = "pkcs11"


@dataclass(frozen=True)
class SigningSetup:
    method: str = ""  # "", "pkcs12" or "pkcs11"
    pkcs12_path: str = ""
    module: str = ""  # the token's PKCS#11 library
    token_label: str = ""
    key_label: str = ""
    stamp_text: str = DEFAULT_STAMP_TEXT
    stamp_font: str = ""  # a font with Vietnamese; empty: the bundled DejaVu Sans
    timestamp_url: str = ""  # RFC 3161; empty: PAdES-B-B, else B-T
    trust_roots: str = ""  # PEM/DER files, separated by os.pathsep

    @property
    def configured(self) -> bool:
        if self.method == PKCS12:
            return bool(self.pkcs12_path)
        return self.method == PKCS11 and bool(self.module and self.token_label)

    def key(self, secret: str) -> Pkcs12Key | Pkcs11Key:
        """The key this set-up names, opened with the password (PKCS#12) or PIN (PKCS#11)."""
        if self.method == PKCS12:
            return Pkcs12Key(Path(self.pkcs12_path), secret.encode("utf-8"))
        return Pkcs11Key(Path(self.module), self.token_label, secret, self.key_label or None)

    def roots(self) -> list[Path]:
        return [Path(p) for p in self.trust_roots.split(os.pathsep) if p]


def load_setup(store: Store) -> SigningSetup:
    stored = store.settings(PREFIX)
    known = {f.name for f in fields(SigningSetup)}
    values = {k[len(PREFIX) :]: v for k, v in stored.items() if k[len(PREFIX) :] in known}
    return SigningSetup(**values)


def save_setup(store: Store, setup: SigningSetup) -> None:
    store.save_settings({PREFIX + name: value for name, value in asdict(setup).items()})


def clear_setup(store: Store) -> None:
    store.save_settings({PREFIX + f.name: None for f in fields(SigningSetup)})


@dataclass
class FileSigner:
    """Signs one finished component PDF; finishing calls it before the file is published."""

    session: SigningSession
    stamp_text: str = DEFAULT_STAMP_TEXT
    timestamp_url: str = ""
    stamp_font: str = ""

    @classmethod
    def for_setup(cls, session: SigningSession, setup: SigningSetup) -> FileSigner:
        return cls(session, setup.stamp_text, setup.timestamp_url, setup.stamp_font)

    def __call__(self, data: bytes, scan_time: datetime) -> bytes:
        stamp = Stamp(self.session.subject_name(), scan_time, self.stamp_text, self.stamp_font)
        return sign_pdf_bytes(data, self.session, stamp, self.timestamp_url or None)


class PinCache:
    """A PIN or password held in memory for one shift, forgotten after `idle_seconds` without
    use (or at once by `forget`). Thread-safe: finishing runs off the GUI thread."""

    def __init__(
        self, idle_seconds: float = 30 * 60, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._secret: str | None = None
        self._used_at = 0.0

    def get(self) -> str | None:
        with self._lock:
            if self._secret is not None and self._clock() - self._used_at > self.idle_seconds:
                self._secret = None
            if self._secret is not None:
                self._used_at = self._clock()
            return self._secret

    def put(self, secret: str) -> None:
        with self._lock:
            self._secret, self._used_at = secret, self._clock()

    def forget(self) -> None:
        with self._lock:
            self._secret = None
