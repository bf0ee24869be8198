"""Ending access: secrets rotated, stations disabled or removed, tokens revoked (RFC 7009);
and the token endpoint slowed per client and per address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import Front, commit_dossier, connect, log_in

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
