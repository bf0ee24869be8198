"""Slow clients and the hub's own token limit behind a real nginx: the shipped site with its
client timeouts shortened (10 s and 30 s shipped; 2 s here, to keep the tests short) and its
token burst lifted, so that the hub's limit per client address is the one reached.

Skipped only when there is no nginx binary (CI installs Debian's nginx).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests

from tests.helpers.hub import served_hub
from tests.hub.conftest import encode_metadata, file_metadata
from tests.hub.nginx_front import (
    NGINX,
    Proxied,
    add_station,
    nginx_in_front,
    session_from,
    tls_socket,
)

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt install nginx)")

CUT_AFTER = 2  # seconds: the shortened client_header_timeout and client_body_timeout
SHORTENED = {
    "client_header_timeout 10s;": f"client_header_timeout {CUT_AFTER}s;",
    "client_body_timeout 30s;": f"client_body_timeout {CUT_AFTER}s;",
    "burst=20 nodelay;": "burst=500 nodelay;",
}


@dataclass
class Front:
    proxy: Proxied
    token: str  # a station's

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Front]:
    base = tmp_path_factory.mktemp("nginx-limits")
    data = base / "hub"
    secret = add_station(data, "ST-A")
    with served_hub(data) as hub, nginx_in_front(base / "nginx", hub.url, SHORTENED) as proxy:
        answer = requests.post(
            proxy.url + "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("ST-A", secret),
            verify=proxy.ca,
            timeout=10,
        )
        yield Front(proxy, answer.json()["access_token"])


def _closed_within(connection, seconds: float, trickle: bytes = b"") -> bytes:
    """Sends `trickle` a byte every 0.2 s until the proxy closes the connection; what it
    answered. Fails if it is still open after `seconds`."""
    deadline = time.monotonic() + seconds
    connection.settimeout(0.2)
    answer = b""
    sent = 0
    while time.monotonic() < deadline:
        try:
            chunk = connection.recv(4096)
        except TimeoutError:
            if sent < len(trickle):
                try:
                    connection.sendall(trickle[sent : sent + 1])
                except OSError:
                    return answer
                sent += 1
            continue
        except OSError:
            return answer
        if not chunk:
            return answer
        answer += chunk
    raise AssertionError(f"still open after {seconds} s; answered {answer[:100]!r}")


def test_a_request_head_sent_a_byte_at_a_time_is_cut(front: Front) -> None:
    with tls_socket(front.proxy, timeout=5) as connection:
        connection.sendall(b"GET /api/v1/stations HTTP/1.1\r\nHost: hub\r\n")
        answer = _closed_within(connection, CUT_AFTER + 4, trickle=b"X-Slow: " + b"a" * 200)
    assert b"200 OK" not in answer


def test_a_body_that_stalls_is_cut(front: Front) -> None:
    head = (
        "POST /api/v1/heartbeat HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        f"Authorization: {front.auth['Authorization']}\r\nContent-Length: 1000\r\n\r\n"
    )
    with tls_socket(front.proxy, timeout=5) as connection:
        connection.sendall(head.encode() + b'{"station_id": ')
        answer = _closed_within(connection, CUT_AFTER + 4)
    assert not answer.startswith(b"HTTP/1.1 2")


def _tus(front: Front, **extra: str) -> dict[str, str]:
    return {**front.auth, "Tus-Resumable": "1.0.0", **extra}


def test_an_upload_stalled_mid_body_is_cut_and_resumes_at_once(front: Front) -> None:
    data = hashlib.sha256(b"seed").digest() * 8192  # 256 KiB
    metadata = encode_metadata({**file_metadata(data, "K-STALL"), "dossier_code": "D-STALL"})
    created = requests.post(
        front.proxy.url + "/files/",
        headers=_tus(front, **{"Upload-Length": str(len(data)), "Upload-Metadata": metadata}),
        timeout=10,
        verify=front.proxy.ca,
    )
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    assert location.startswith(front.proxy.url + "/files/")
    head = (
        f"PATCH {location.removeprefix(front.proxy.url)} HTTP/1.1\r\nHost: hub\r\n"
        f"Authorization: {front.auth['Authorization']}\r\nTus-Resumable: 1.0.0\r\n"
        "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
        f"Content-Length: {len(data)}\r\n\r\n"
    )
    with tls_socket(front.proxy, timeout=5) as connection:
        connection.sendall(head.encode() + data[: len(data) // 2])
        _closed_within(connection, CUT_AFTER + 4)
    started = time.monotonic()
    offset = requests.head(location, headers=_tus(front), timeout=10, verify=front.proxy.ca)
    sent = int(offset.headers["Upload-Offset"])
    rest = _patch(front, location, data, sent)
    if rest.status_code == 409 and rest.json()["error"] == "offset_mismatch":
        # The HEAD came before the hub had recorded the cut request's last bytes; as the
        # station does, go on from the offset the 409 names.
        rest = _patch(front, location, data, int(rest.headers["Upload-Offset"]))
    assert rest.status_code == 204, rest.text  # not 409 upload_locked
    assert int(rest.headers["Upload-Offset"]) == len(data)
    assert time.monotonic() - started < 5


def _patch(front: Front, location: str, data: bytes, offset: int) -> requests.Response:
    headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
    return requests.patch(
        location, data=data[offset:], headers=_tus(front, **headers), timeout=15,
        verify=front.proxy.ca,
    )  # fmt: skip


def _token_request(session: requests.Session, url: str, client_id: str, **headers: str) -> int:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": "wrong"}
    return session.post(url + "/oauth/token", data=form, headers=headers, timeout=10).status_code


def test_the_hub_limits_token_requests_per_real_client_address(front: Front) -> None:
    url = front.proxy.url
    noisy = session_from("127.0.0.2", front.proxy.ca)
    # One client id: the first 20 cost a secret check, the rest only count, up to the hub's 60
    # per address and minute.
    statuses = [_token_request(noisy, url, "ST-GUESS") for _ in range(60)]
    assert statuses.count(401) == 20 and statuses.count(429) == 40
    assert _token_request(noisy, url, "ST-OTHER") == 429  # the address is spent
    forged = {"X-Forwarded-For": "198.51.100.7", "X-Real-IP": "198.51.100.7"}
    assert _token_request(noisy, url, "ST-THIRD", **forged) == 429
    other_machine = session_from("127.0.0.3", front.proxy.ca)
    assert _token_request(other_machine, url, "ST-OTHER") == 401  # wrong secret, not limited
