"""The signing set-up kept in the store, and the PIN held in memory for one shift."""

from __future__ import annotations

from pathlib import Path

from station.pades.keys import Pkcs11Key, Pkcs12Key
from station.workflow.signing import (
    PinCache,
    SigningSetup,
    clear_setup,
    load_setup,
    save_setup,
)


def test_a_setup_round_trips_through_the_store_and_never_holds_a_secret(store) -> None:
    assert not load_setup(store).configured
    setup = SigningSetup("pkcs11", module="/usr/lib/softhsm/libsofthsm2.so", token_label="Lan",
                         timestamp_url="http://127.0.0.1:9/tsa")  # fmt: skip
    save_setup(store, setup)
    assert load_setup(store) == setup and setup.configured
    stored = " ".join(store.settings("signing.").values())
    assert "1234" not in stored
    assert setup.key("1234") == Pkcs11Key(Path(setup.module), "Lan", "1234", None)
    clear_setup(store)
    assert load_setup(store) == SigningSetup()


def test_a_pkcs12_setup_opens_its_file_with_the_password() -> None:
    setup = SigningSetup("pkcs12", pkcs12_path="/keys/lan.p12")
    assert setup.configured and not SigningSetup("pkcs11", module="/x.so").configured
    assert setup.key("mật khẩu") == Pkcs12Key(Path("/keys/lan.p12"), "mật khẩu".encode())


def test_the_pin_is_forgotten_after_the_idle_time_and_kept_while_used() -> None:
    now = [0.0]
    pins = PinCache(idle_seconds=600, clock=lambda: now[0])
    assert pins.get() is None
    pins.put("1234")
    now[0] = 500
    assert pins.get() == "1234"  # used: the idle time starts again
    now[0] = 1000
    assert pins.get() == "1234"
    now[0] = 1601
    assert pins.get() is None
    pins.put("5678")
    pins.forget()
    assert pins.get() is None
