"""Backoff, bandwidth cap, settings and keyring rules, without a network."""

from __future__ import annotations

import io
import threading
import time

import keyring
import pytest
from jaraco.classes.properties import classproperty
from keyring.backend import KeyringBackend

from sync.backoff import Backoff
from sync.credentials import SERVICE, load_secret, save_secret
from sync.failures import retry_after_seconds
from sync.settings import SyncSettings, load_settings, save_settings
from sync.throttle import FileSlice, Pace


def test_full_jitter_stays_under_the_doubling_ceiling_and_the_cap() -> None:
    top = Backoff(base=1, cap=10, random=lambda: 0.999999)
    assert [round(top.delay(n)) for n in (1, 2, 3, 4, 5, 9)] == [1, 2, 4, 8, 10, 10]
    assert Backoff(base=1, cap=10, random=lambda: 0.0).delay(5) == 0.0


def test_retry_after_is_a_floor_in_seconds_or_as_a_date() -> None:
    assert Backoff(base=1, random=lambda: 0.0).delay(1, retry_after=7) == 7
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds("soon") is None


def test_the_bandwidth_cap_paces_reads() -> None:
    data = io.BytesIO(b"x" * 300_000)
    body = FileSlice(data, 0, 300_000, Pace(200_000, stop=threading.Event()))
    started = time.monotonic()
    while body.read(16384):
        pass
    assert 0.4 <= time.monotonic() - started < 2  # 300 kB at 200 kB/s after a 1 s burst


def test_settings_have_no_place_for_a_secret(store) -> None:
    with pytest.raises(ValueError):
        save_settings(store, client_secret="s3cr3t")
    saved = save_settings(store, url="https://hub.example", client_id="ST", bandwidth_kbps=64)
    assert load_settings(store) == saved
    assert (saved.bandwidth_kbps, saved.retention_days) == (64, 7)
    assert save_settings(store, proxy=None).proxy == ""


class _MemoryKeyring(KeyringBackend):
    @classproperty
    def priority(cls) -> float:
        # Not viable for keyring's own discovery: only this test installs it, explicitly.
        raise RuntimeError("set explicitly only")

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


def test_with_a_keyring_the_secret_goes_there_and_nowhere_else() -> None:
    previous = keyring.get_keyring()
    memory = _MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        settings = SyncSettings(url="https://hub.example", client_id="ST-9")
        assert save_secret(settings, "s3cr3t") == "keyring"
        assert memory.saved == {(SERVICE, "ST-9"): "s3cr3t"}
        assert load_secret(settings) == "s3cr3t"
    finally:
        keyring.set_keyring(previous)


def test_tls_is_always_verified_with_the_system_store_or_the_given_bundle() -> None:
    from sync.transport import new_session

    assert new_session(SyncSettings(url="https://hub.example")).verify is True
    bundle = SyncSettings(url="https://hub.example", ca_bundle="/etc/sohoa/province-ca.pem")
    assert new_session(bundle).verify == "/etc/sohoa/province-ca.pem"
