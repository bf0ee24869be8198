from __future__ import annotations

import sqlite3
import statistics
import time

import pytest
import requests

from tests.helpers.hub import running_hub
from tests.hub.conftest import connect, fetch_token, let_tokens_expire

TOKEN_URL = "/oauth/token"


def test_client_credentials_in_the_form_give_a_bearer_token(hub) -> None:
    secret = hub.add_station("ST-01")
    response = requests.post(
        hub.url + TOKEN_URL,
        data={"grant_type": "client_credentials", "client_id": "ST-01", "client_secret": secret},
        timeout=10,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert len(body["access_token"]) >= 32


def test_client_credentials_in_basic_auth_give_a_token(hub) -> None:
    secret = hub.add_station("ST-01")
    response = requests.post(
        hub.url + TOKEN_URL,
        data={"grant_type": "client_credentials"},
        auth=("ST-01", secret),
        timeout=10,
    )
    assert response.status_code == 200
    assert response.json()["token_type"] == "Bearer"


def test_wrong_secret_or_unknown_client_is_invalid_client_without_echo(hub) -> None:
    hub.add_station("ST-01")
    for client_id, secret in (("ST-01", "wrong-secret-value"), ("ST-99", "x")):
        form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
        response = requests.post(hub.url + TOKEN_URL, data=form, timeout=10)
        assert response.status_code == 401
        assert response.json() == {"error": "invalid_client"}
        assert secret not in response.text


def test_other_grant_types_are_refused(hub) -> None:
    response = requests.post(
        hub.url + TOKEN_URL, data={"grant_type": "authorization_code"}, timeout=10
    )
    assert response.status_code == 400
    assert response.json() == {"error": "unsupported_grant_type"}


def test_api_without_or_with_an_unknown_token_is_401_with_a_bearer_challenge(hub) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}):
        response = requests.get(hub.url + "/api/v1/stations", headers=headers, timeout=10)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
        assert response.json() == {"error": "invalid_token"}
    tus = requests.post(hub.url + "/files/", headers={"Tus-Resumable": "1.0.0"}, timeout=10)
    assert tus.status_code == 401


def test_an_expired_token_is_refused(tmp_path) -> None:
    with running_hub(tmp_path / "hub") as hub:
        station = connect(hub, "ST-01")
        assert station.get("/api/v1/stations").status_code == 200
        let_tokens_expire(hub)
        response = station.get("/api/v1/stations")
        assert response.status_code == 401
        assert "invalid_token" in response.headers["WWW-Authenticate"]


def test_a_token_lives_as_long_as_the_hub_is_configured(tmp_path) -> None:
    with running_hub(tmp_path / "hub", token_ttl=123) as hub:
        before = int(time.time())
        connect(hub, "ST-01")
        with sqlite3.connect(hub.config.sqlite_path) as db:
            (expires_at,) = db.execute("SELECT expires_at FROM tokens").fetchone()
        assert before + 123 <= expires_at <= int(time.time()) + 123


def test_secrets_and_tokens_are_stored_only_as_hashes(hub) -> None:
    secret = hub.add_station("ST-01")
    token = fetch_token(hub, "ST-01", secret)
    with sqlite3.connect(hub.config.sqlite_path) as db:
        (stored_secret,) = db.execute("SELECT secret_hash FROM stations").fetchone()
        (stored_token,) = db.execute("SELECT token_hash FROM tokens").fetchone()
    assert stored_secret.startswith("scrypt$") and secret not in stored_secret
    assert token not in stored_token
    files = hub.config.sqlite_path.parent.glob(hub.config.sqlite_path.name + "*")
    dump = b"".join(path.read_bytes() for path in files)  # the WAL too
    assert secret.encode() not in dump and token.encode() not in dump


@pytest.mark.parametrize(
    ("path", "form"),
    [(TOKEN_URL, {"grant_type": "client_credentials"}), ("/oauth/revoke", {"token": "x"})],
)
def test_an_unknown_client_id_is_refused_as_slowly_as_a_wrong_secret(tmp_path, path, form) -> None:
    """Timing does not tell which client ids exist: a wrong secret for a real id and any
    secret for an unknown id both cost one scrypt check, so their median answer times stay
    within a factor of two (without the check for unknown ids they differ about tenfold). The
    requests alternate, so a load spike on the machine falls on both kinds alike; the limits
    are raised so that no answer is a quick 429."""
    limits = {"token_requests_per_address": 1000, "token_requests_per_client": 1000}
    with running_hub(tmp_path / "hub", **limits) as hub:
        hub.add_station("ST-01")
        times: dict[str, list[float]] = {"known": [], "unknown": []}
        deadline = time.monotonic() + 60
        for attempt in range(11):
            for kind, client_id in (("known", "ST-01"), ("unknown", f"ST-{900 + attempt}")):
                started = time.perf_counter()
                response = requests.post(
                    hub.url + path, data=form, auth=(client_id, "not-the-secret"), timeout=10
                )
                took = time.perf_counter() - started
                assert response.status_code == 401, response.text
                assert response.json()["error"] == "invalid_client"
                if attempt:  # the first of each warms the connection and the hash
                    times[kind].append(took)
            assert time.monotonic() < deadline
    ratio = statistics.median(times["unknown"]) / statistics.median(times["known"])
    assert 0.5 <= ratio <= 2, times
