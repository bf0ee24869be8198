"""Ending access: secrets rotated, stations disabled or removed, tokens revoked (RFC 7009);
and the token endpoint slowed per client and per address."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import Front, commit_dossier, connect, log_in
from tests.hub.nginx_front import session_leaving

FORM = {"grant_type": "client_credentials"}


@pytest.fixture
def hub(tmp_path, front: Front) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as direct, front(direct) as handle:
        yield handle


def _cli(hub: HubHandle, *args: str) -> str:
    result = CliRunner().invoke(hub_group, [*args, "--data", str(hub.data_dir)])
    assert result.exit_code == 0, result.output
    return result.output


def _token(hub: HubHandle, client_id: str, secret: str) -> requests.Response:
    return requests.post(hub.url + "/oauth/token", data=FORM, auth=(client_id, secret), timeout=10)


def _works(hub: HubHandle, token: str) -> bool:
    headers = {"Authorization": f"Bearer {token}"}
    answer = requests.get(hub.url + "/api/v1/stations", headers=headers, timeout=10)
    assert answer.status_code in (200, 401)
    return answer.status_code == 200


def test_a_rotated_secret_ends_the_old_secret_and_its_tokens(hub) -> None:
    a = connect(hub, "ST-A")
    printed = _cli(hub, "station", "rotate-secret", "ST-A")
    new_secret = printed.split(": ", 1)[1].splitlines()[0]
    assert not _works(hub, a.token)
    assert _token(hub, "ST-A", a.secret).status_code == 401
    assert _works(hub, _token(hub, "ST-A", new_secret).json()["access_token"])


def test_a_disabled_station_is_shut_out_until_enabled_and_a_removed_one_for_good(hub) -> None:
    a = connect(hub, "ST-A")
    assert commit_dossier(a, "D-1", "K-1", b"%PDF-1.4 x").status_code == 200
    _cli(hub, "station", "disable", "ST-A")
    assert not _works(hub, a.token)
    assert _token(hub, "ST-A", a.secret).json() == {"error": "invalid_client"}
    _cli(hub, "station", "disable", "ST-A", "--enable")
    assert _token(hub, "ST-A", a.secret).status_code == 200
    _cli(hub, "station", "remove", "ST-A")
    assert _token(hub, "ST-A", a.secret).status_code == 401
    province = log_in(hub, "tinh", "province_supervisor")
    assert [d["dossier_code"] for d in province.get("/api/v1/dossiers").json()] == ["D-1"]


def test_revocation_ends_only_the_callers_own_tokens(hub) -> None:
    a, b = connect(hub, "ST-A"), connect(hub, "ST-B")
    revoke = hub.url + "/oauth/revoke"
    answer = requests.post(revoke, data={"token": b.token}, auth=("ST-A", a.secret), timeout=10)
    assert answer.status_code == 200 and _works(hub, b.token)  # not A's to end
    wrong = requests.post(revoke, data={"token": a.token}, auth=("ST-A", "nope"), timeout=10)
    assert wrong.status_code == 401
    answer = requests.post(revoke, data={"token": a.token}, auth=("ST-A", a.secret), timeout=10)
    assert answer.status_code == 200 and not _works(hub, a.token)
    form = {"token": b.token, "client_id": "ST-B", "client_secret": b.secret}
    assert requests.post(revoke, data=form, timeout=10).status_code == 200
    assert not _works(hub, b.token)
    supervisor = log_in(hub, "tinh", "province_supervisor")
    assert requests.post(revoke, data={"token": supervisor.token}, timeout=10).status_code == 200
    assert supervisor.get("/api/v1/stations").status_code == 401


def test_the_token_endpoint_is_slowed_per_client_and_per_address(tmp_path, front) -> None:
    limits = {"token_requests_per_client": 3, "token_requests_per_address": 5}
    with running_hub(tmp_path / "hub", **limits) as direct, front(direct) as hub:
        secret = hub.add_station("ST-A")
        answers = [_token(hub, "ST-A", secret) for _ in range(3)]
        assert all(a.status_code == 200 for a in answers)
        assert answers[0].headers["Cache-Control"] == "no-store"
        slowed = _token(hub, "ST-A", secret)
        assert (slowed.status_code, slowed.json()) == (429, {"error": "slow_down"})
        assert int(slowed.headers["Retry-After"]) >= 1
        assert _token(hub, "ST-B", "guess").status_code == 401  # the 5th from this address
        assert _token(hub, "ST-C", "guess").status_code == 429  # the 6th


def test_form_and_basic_credentials_both_work_and_neither_is_echoed(hub) -> None:
    secret = hub.add_station("ST-A")
    form = {**FORM, "client_id": "ST-A", "client_secret": secret}
    assert requests.post(hub.url + "/oauth/token", data=form, timeout=10).status_code == 200
    assert _token(hub, "ST-A", secret).status_code == 200
    wrong = _token(hub, "ST-A", "not-" + secret)
    assert wrong.status_code == 401 and secret not in wrong.text
    assert wrong.headers["Cache-Control"] == "no-store"


def test_four_attackers_guessing_a_stations_secret_do_not_keep_it_from_its_token(hub) -> None:
    """Four machines send wrong secrets for ST-A as fast as they can, past the limit per client
    id; the station itself, from the address it has had tokens from, still gets one at once.
    The attackers are slowed (429 from the hub, or from nginx's limit per address)."""
    secret = hub.add_station("ST-A")
    station = session_leaving("127.0.0.6")
    url = hub.url + "/oauth/token"
    assert station.post(url, data=FORM, auth=("ST-A", secret), timeout=10).status_code == 200
    stop = threading.Event()
    answers: list[int] = []

    def attack(address: str) -> None:
        attacker = session_leaving(address)
        while not stop.is_set():
            answer = attacker.post(url, data=FORM, auth=("ST-A", "guess"), timeout=10)
            answers.append(answer.status_code)

    attackers = [threading.Thread(target=attack, args=(f"127.0.0.{n}",)) for n in range(2, 6)]
    for thread in attackers:
        thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(answers) < 80 and time.monotonic() < deadline:
            time.sleep(0.05)
        started = time.monotonic()
        answer = station.post(url, data=FORM, auth=("ST-A", secret), timeout=10)
        took = time.monotonic() - started
        during = len(answers)
    finally:
        stop.set()
        for thread in attackers:
            thread.join(timeout=15)
    print(f"attackers' answers before the station asked: {during}; the station's took {took:.3f} s")
    assert answer.status_code == 200, answer.text
    assert _works(hub, answer.json()["access_token"])
    assert took < 5.0
    assert during >= 80 and set(answers) <= {401, 429} and answers.count(429) > 0
