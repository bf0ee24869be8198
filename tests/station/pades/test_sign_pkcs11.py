"""Signing with a PKCS#11 token: a SoftHSM2 token the test initialises itself."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from station.errors import ErrorCode, StationError
from station.pades.keys import Pkcs11Key, check_certificate, open_session
from station.pades.sign import Stamp, sign_pdf
from station.pades.verify import verify_pdf
from tests.station.pades.support import CLERK, CaBundle, Token


@pytest.fixture(scope="module")
def token(hsm_token: Token) -> Token:
    return hsm_token


def _key(token: Token, **changes: object) -> Pkcs11Key:
    values = {"module": token.module, "token_label": token.label, "pin": token.pin,
              "key_label": None, **changes}  # fmt: skip
    return Pkcs11Key(**values)  # type: ignore[arg-type]


def test_a_token_signs_and_the_ca_verifies_it(ca: CaBundle, token: Token, unsigned: Path) -> None:
    with open_session(_key(token)) as session:  # the token's only key, found by itself
        assert session.subject_name() == CLERK
        assert check_certificate(session, CLERK, datetime.now(UTC)) == []
        sign_pdf(unsigned, session, Stamp(CLERK, datetime.now(UTC)))
    result = verify_pdf(unsigned, [ca.root_pem])
    assert (result.intact, result.trusted, result.signer) == (True, True, CLERK)


def test_a_wrong_pin_is_refused_clearly(token: Token) -> None:
    with pytest.raises(StationError) as caught:
        open_session(_key(token, pin="000000"))
    assert caught.value.code is ErrorCode.SIGN_WRONG_PIN


def test_a_missing_token_is_refused_clearly(token: Token) -> None:
    with pytest.raises(StationError) as caught:
        open_session(_key(token, token_label="not plugged in"))
    assert caught.value.code is ErrorCode.SIGN_TOKEN_MISSING


def test_a_missing_library_is_refused_clearly(token: Token, tmp_path: Path) -> None:
    with pytest.raises(StationError) as caught:
        open_session(_key(token, module=tmp_path / "libnothing.so"))
    assert caught.value.code is ErrorCode.SIGN_MODULE_MISSING


def test_a_key_label_the_token_does_not_hold_is_refused(token: Token) -> None:
    with pytest.raises(StationError) as caught:
        open_session(_key(token, key_label="someone else"))
    assert caught.value.code is ErrorCode.SIGN_KEY_MISSING
