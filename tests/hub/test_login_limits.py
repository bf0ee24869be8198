"""People's logins, on the API and on the dashboard: guessing is paced per username and per
address, and an unknown username costs the hub the same scrypt work as a wrong password, so
neither the answers nor their time tell which usernames exist."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from hub import accounts
from hub.db import open_database
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.web.web_client import Dashboard

PACE = {"token_requests_per_client": 3, "token_requests_per_address": 6}


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub", **PACE) as handle:
        yield handle


def test_the_dashboard_login_is_paced_per_username_and_per_address(hub: HubHandle) -> None:
    password = hub.add_account("lan", "province_supervisor")
    browser = Dashboard(hub.url)
    guesses = [browser.log_in("lan", f"guess {n}").status_code for n in range(3)]
    assert guesses == [401, 401, 401]
    slowed = browser.log_in("lan", password)  # the right one, once the name is paced
    assert slowed.status_code == 429
    assert 'role="alert">Quá nhiều lần thử, hãy đợi một phút.' in slowed.text
    assert "Location" not in slowed.headers  # no way in: the page again, not the dashboard
    # Other names from the same address go on until the address's own limit (6) is reached.
    assert [browser.log_in(name, "x").status_code for name in ("an", "binh")] == [401, 401]
    assert browser.log_in("chi", "x").status_code == 429


@pytest.fixture
def scrypt_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    """(n, r, p) of every scrypt hash computed in this process (the hub runs in a thread of
    it) from now on; the real function still computes each."""
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def counted(password: bytes, **kwargs: Any) -> bytes:
        calls.append((kwargs["n"], kwargs["r"], kwargs["p"]))
        return real(password, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    return calls


def test_an_unknown_username_costs_one_scrypt_check_as_a_wrong_password_does(
    tmp_path: Path, scrypt_calls: list[tuple[int, int, int]]
) -> None:
    with running_hub(tmp_path / "hub") as hub:
        hub.add_account("lan", "province_supervisor")
        hub.add_account("cu", "unit_supervisor", "000.00.14.H05")
        accounts.set_disabled(open_database(hub.config.dsn, hub.config.sqlite_path), "cu", True)
        tries = {
            "unknown name": ("nobody", "mật khẩu bất kỳ 123"),
            "wrong password": ("lan", "mật khẩu sai 12345"),
            "overlong password": ("lan", "x" * 5000),
            "disabled account": ("cu", "mật khẩu bất kỳ 123"),
        }
        work: dict[str, list[tuple[int, int, int]]] = {}
        for kind, (username, password) in tries.items():
            before = len(scrypt_calls)
            form = {"grant_type": "password", "username": username, "password": password}
            answer = requests.post(hub.url + "/oauth/token", data=form, timeout=30)
            assert answer.json() == {"error": "invalid_grant"}, (kind, answer.text)
            work[f"API, {kind}"] = scrypt_calls[before:]
            before = len(scrypt_calls)
            page = Dashboard(hub.url).log_in(username, password)
            assert page.status_code == 401, (kind, page.status_code)
            work[f"dashboard, {kind}"] = scrypt_calls[before:]
    assert all(calls == [(2**14, 8, 1)] for calls in work.values()), work
