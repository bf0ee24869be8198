"""Hub attack cases through a real nginx started with docs/deploy/nginx-sohoa-hub.conf (TLS
on loopback, the shipped limits), in front of a real `sohoa-hub serve`.

Skipped only when there is no nginx binary (CI installs Debian's nginx).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
import requests

from tests.helpers.hub import served_hub
from tests.hub.conftest import StationClient, commit_dossier
from tests.hub.nginx_front import (
    NGINX,
    Proxied,
    add_account,
    add_station,
    nginx_in_front,
    session_from,
    tls_socket,
)
from tests.hub.test_result_rejections import result_for

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt install nginx)")


@dataclass
class Front:
    proxy: Proxied
    secrets: dict[str, str]
    admin_password: str
    hub_url: str  # the hub's own port, behind nginx


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    base = tmp_path_factory.mktemp("nginx")
    data = base / "hub"
    secrets = {station: add_station(data, station) for station in ("ST-A", "ST-B")}
    admin = add_account(data, "quan-tri", "admin")
    with served_hub(data) as hub, nginx_in_front(base / "nginx", hub.url) as proxy:
        yield Front(proxy, secrets, admin, hub.url)


def _station(proxy: Proxied, station: str, secret: str) -> StationClient:
    answer = requests.post(proxy.url + "/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(station, secret), verify=proxy.ca, timeout=10)  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    return StationClient(proxy, station, secret, answer.json()["access_token"])  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _verify_with_the_test_ca(front: Front, monkeypatch: pytest.MonkeyPatch) -> None:
    # The station helpers use plain requests calls; point them at this test's certificate.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(front.proxy.ca))


def test_uploads_commits_and_reads_are_scoped_through_the_proxy(front: Front) -> None:
    a = _station(front.proxy, "ST-A", front.secrets["ST-A"])
    b = _station(front.proxy, "ST-B", front.secrets["ST-B"])
    assert commit_dossier(a, "D-A", "KA", b"%PDF-1.4 a").status_code == 200
    assert a.get("/api/v1/dossiers/D-A").status_code == 200
    assert b.get("/api/v1/dossiers/" + quote("D-A", safe="")).status_code == 404
    assert [s["station_id"] for s in b.get("/api/v1/stations").json()] == ["ST-B"]


def test_a_huge_body_is_refused_by_the_proxy_before_the_hub(front: Front) -> None:
    with tls_socket(front.proxy, timeout=20) as connection:
        connection.sendall(
            b"POST /api/v1/manifests HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            b"Content-Length: 104857600\r\n\r\n"
        )
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize(
    ("method", "path", "length"),
    [
        ("POST", "/api/v1/metrics", 30 * 1024 * 1024),
        ("POST", "/api/v1/manifests", 1024 * 1024),
        ("PATCH", "/files/abc", 50 * 1024 * 1024),
    ],
)
def test_an_unauthenticated_body_is_refused_before_it_is_sent(
    front: Front, method: str, path: str, length: int
) -> None:
    """The hub answers 401 on the head alone: neither nginx nor the hub waits for the body."""
    started = time.monotonic()
    with tls_socket(front.proxy, timeout=10) as connection:
        connection.sendall(
            f"{method} {path} HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            f"Tus-Resumable: 1.0.0\r\nContent-Length: {length}\r\n\r\n".encode()
        )
        connection.sendall(b"{" * 4096)  # a little of the body, never the rest
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert time.monotonic() - started < 5


def test_plain_http_on_the_tls_port_never_reaches_the_hub(front: Front) -> None:
    plain = front.proxy.url.replace("https://", "http://")
    form = {
        "grant_type": "client_credentials",
        "client_id": "ST-A",
        "client_secret": front.secrets["ST-A"],
    }
    answer = requests.post(plain + "/oauth/token", data=form, timeout=5)
    assert answer.status_code == 400 and "access_token" not in answer.text


def test_the_proxy_limits_token_requests_per_client_address(front: Front) -> None:
    noisy = session_from("127.0.0.5", front.proxy.ca)
    form = {"grant_type": "none"}  # refused by the hub without any secret check
    statuses = [
        noisy.post(front.proxy.url + "/oauth/token", data=form, timeout=10).status_code
        for _ in range(30)
    ]
    assert statuses[0] == 400 and statuses[-1] == 429
    quiet = session_from("127.0.0.6", front.proxy.ca)
    assert quiet.post(front.proxy.url + "/oauth/token", data=form, timeout=10).status_code == 400


def _logged_addresses(front: Front, code: str) -> list[str]:
    login = {"grant_type": "password", "username": "quan-tri", "password": front.admin_password}
    admin = requests.post(front.proxy.url + "/oauth/token", data=login, timeout=10).json()
    log = requests.get(
        front.proxy.url + "/api/v1/access-log",
        params={"station": "ST-A"},
        headers={"Authorization": f"Bearer {admin['access_token']}"},
        timeout=10,
    )
    assert log.status_code == 200, log.text
    return [e["address"] for e in log.json() if e["target"] == code]


def test_the_access_log_names_the_real_client_address_not_a_forged_one(front: Front) -> None:
    a = _station(front.proxy, "ST-A", front.secrets["ST-A"])
    assert commit_dossier(a, "D-LOG", "KLOG", b"%PDF-1.4 log").status_code == 200
    reader = session_from("127.0.0.4", front.proxy.ca)
    forged = {**a.auth, "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9"}
    assert reader.get(front.proxy.url + "/api/v1/dossiers/D-LOG", headers=forged, timeout=10).ok
    assert _logged_addresses(front, "D-LOG") == ["127.0.0.4"]


def test_only_the_proxy_may_name_the_client_address(front: Front) -> None:
    """A client reaching the hub's port from another address cannot choose the one logged."""
    a = _station(front.proxy, "ST-A", front.secrets["ST-A"])
    assert commit_dossier(a, "D-DIRECT", "KDIRECT", b"%PDF-1.4 direct").status_code == 200
    direct = session_from("127.0.0.7", front.proxy.ca)
    direct.mount("http://", direct.get_adapter("https://"))
    forged = {**a.auth, "X-Forwarded-For": "203.0.113.9"}
    assert direct.get(front.hub_url + "/api/v1/dossiers/D-DIRECT", headers=forged, timeout=10).ok
    assert _logged_addresses(front, "D-DIRECT") == ["127.0.0.7"]


def test_a_result_addendum_of_a_hundred_files_goes_through_the_proxy(front: Front) -> None:
    """The largest addendum a station sends (hub/results.py: 100 files) is tens of KiB of JSON:
    the proxy lets it through to the hub, whose own cap is 2 MiB, rather than refusing it with
    the 16 KiB meant for small requests (a 413 the station would take as final)."""
    a = _station(front.proxy, "ST-A", front.secrets["ST-A"])
    assert commit_dossier(a, "D-RESULT", "KRECEIVED", b"%PDF-1.4 received").status_code == 200
    files = {f"KQ-{n:03d}": f"%PDF-1.4 result {n}".encode() for n in range(100)}
    for key, data in files.items():
        a.upload(data, key, dossier_code="D-RESULT")
    body = result_for(a, "D-RESULT", "KQ-000", files["KQ-000"])
    body["files"] = [
        {
            **body["files"][0],
            "component_name": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở",
            "file_name": f"{key}-giấy-chứng-nhận-quyền-sử-dụng-đất.pdf",
            "idempotency_key": key,
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
        for key, data in files.items()
    ]
    assert len(json.dumps(body).encode()) > 32 * 1024
    answer = a.post("/api/v1/results", json=body)
    assert answer.status_code == 200, answer.text[:300]
