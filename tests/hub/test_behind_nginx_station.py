"""The station's real sender and a supervisor's browser, through a real nginx started with
docs/deploy/nginx-sohoa-hub.conf in front of a real `sohoa-hub serve`.

Skipped only when there is no nginx binary (CI installs Debian's nginx).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import certifi
import pytest
import requests

from station.store import Store
from sync.jobs import JobState
from tests.helpers.hub import served_hub
from tests.hub.nginx_front import NGINX, Proxied, add_account, add_station, nginx_in_front
from tests.hub.web.web_client import Dashboard, csrf_of
from tests.station.workflow.support import CODE
from tests.sync.client.conftest import CLIENT_ID, Station
from tests.sync.client.support import Recorder, file_hashes, jobs_of

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt install nginx)")


@dataclass
class Front:
    proxy: Proxied
    data: Path
    secret: str  # the station's
    password: str  # the supervisor's


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    base = tmp_path_factory.mktemp("nginx-station")
    data = base / "hub"
    secret = add_station(data, CLIENT_ID)
    password = add_account(data, "tinh", "province_supervisor")
    with served_hub(data) as hub, nginx_in_front(base / "nginx", hub.url) as proxy:
        yield Front(proxy, data, secret, password)


@pytest.fixture
def station_store(home: Path) -> Iterator[Store]:
    # tests/hub/conftest.py's `store` is the hub's; this is the station's own.
    opened = Store.open(home)
    yield opened
    opened.close()


def test_the_station_sender_uploads_a_dossier_through_the_proxy(
    front: Front,
    home: Path,
    station_store: Store,
    catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The province's CA is the station's setting; one in the environment must not replace it.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    station = Station(home, station_store, catalog, tmp_path / "client-secret")
    station.connect(front.proxy.url, front.secret, ca_bundle=str(front.proxy.ca))
    jobs = station.finish()
    worker = station.worker()
    recorder = Recorder()
    worker.subscribe(recorder)
    worker.run(until_idle=True, timeout=60)
    # An upload URL off the hub's origin would have been refused: every job went through.
    assert {j.state for j in jobs_of(home)} == {JobState.DONE}, recorder.kinds()
    received = sorted(
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (front.data / "uploads" / CLIENT_ID).glob("*.bin")
    )
    assert received == file_hashes(jobs)
    token = requests.post(
        front.proxy.url + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(CLIENT_ID, front.secret),
        verify=front.proxy.ca,
        timeout=10,
    ).json()["access_token"]
    dossier = requests.get(
        f"{front.proxy.url}/api/v1/dossiers/{CODE}",
        headers={"Authorization": f"Bearer {token}"},
        verify=front.proxy.ca,
        timeout=10,
    )
    assert dossier.status_code == 200 and dossier.json()["dossier_code"] == CODE


def test_a_supervisor_logs_in_to_the_dashboard_through_the_proxy(front: Front) -> None:
    browser = Dashboard(front.proxy.url)
    browser.http.trust_env = False
    browser.http.verify = str(front.proxy.ca)
    form = browser.get("/login")
    assert form.status_code == 200
    answer = browser.post(
        "/login",
        {"csrf": csrf_of(form.text), "username": "tinh", "password": front.password},
        headers={"Origin": front.proxy.url, "Sec-Fetch-Site": "same-origin"},
    )
    assert answer.status_code == 303, answer.text
    # The hub knows it is reached over https: the login cookie is Secure and host-only.
    session_cookie = answer.headers["Set-Cookie"]
    assert session_cookie.startswith("__Host-") and "Secure" in session_cookie
    overview = browser.get("/")
    assert overview.status_code == 200 and 'name="csrf"' in overview.text
