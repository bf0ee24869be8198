"""Limits before work, against a real `sohoa-hub serve` process: a huge body is refused from
its headers or after the route's cap, and an unauthenticated one before any of it is read,
so the hub's memory does not grow with what a client sends."""

from __future__ import annotations

import json
import select
import socket

import pytest
import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import ServedHub, served_hub

HUNDRED_MB = 100 * 1024 * 1024
PIECE = b"x" * (256 * 1024)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> ServedHub:
    data = tmp_path_factory.mktemp("limits") / "hub"
    added = CliRunner().invoke(
        hub_group, ["add-station", "--data", str(data), "--client-id", "ST-01", "--json"]
    )
    assert added.exit_code == 0, added.output
    with served_hub(data) as hub:
        hub.secret = json.loads(added.output)["client_secret"]
        yield hub


def _send(hub: ServedHub, head: str, chunked: bool) -> tuple[int, int]:
    """Sends `head` then up to 100 MB of body, stopping once the hub answers or closes.
    Returns (the answer's status, body bytes sent)."""
    host, port = hub.url.removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.encode() + b"\r\n")
        while sent < HUNDRED_MB:
            readable, _, _ = select.select([connection], [], [], 0)
            if readable:
                break
            piece = (b"%x\r\n" % len(PIECE) + PIECE + b"\r\n") if chunked else PIECE
            try:
                connection.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(PIECE)
        answer = b""
        try:
            while b"\r\n" not in answer:
                more = connection.recv(4096)
                if not more:
                    break
                answer += more
        except ConnectionResetError:
            pass
    return int(answer.split(b" ", 2)[1]), sent


def _head(path: str, *lines: str) -> str:
    return "\r\n".join([f"POST {path} HTTP/1.1", "Host: hub", *lines, ""])


CASES = [
    # path, extra header lines, chunked, expected status
    ("/api/v1/manifests", [f"Content-Length: {HUNDRED_MB}"], False, 413),
    ("/api/v1/metrics", [f"Content-Length: {HUNDRED_MB}"], False, 413),
    ("/oauth/token", [f"Content-Length: {HUNDRED_MB}"], False, 413),
    ("/api/v1/manifests", ["Transfer-Encoding: chunked"], True, 401),
    ("/api/v1/metrics", ["Transfer-Encoding: chunked", "Authorization: Bearer x"], True, 401),
    ("/oauth/token", ["Transfer-Encoding: chunked"], True, 413),
]


@pytest.mark.parametrize(("path", "lines", "chunked", "status"), CASES)
def test_a_100_mb_body_is_refused_before_the_hub_grows_by_20_mb(
    served: ServedHub, path: str, lines: list[str], chunked: bool, status: int
) -> None:
    before = served.rss_kib()
    answer, sent = _send(served, _head(path, "Content-Type: application/json", *lines), chunked)
    assert answer == status
    assert sent < HUNDRED_MB  # refused long before the end
    assert served.rss_kib() - before < 20 * 1024


def test_a_stations_body_past_its_routes_cap_is_413(served: ServedHub) -> None:
    form = {"grant_type": "client_credentials"}
    answer = requests.post(served.url + "/oauth/token", data=form, auth=("ST-01", served.secret),
                           timeout=10)  # fmt: skip
    token = answer.json()["access_token"]
    before = served.rss_kib()
    lines = ["Transfer-Encoding: chunked", f"Authorization: Bearer {token}"]
    status, sent = _send(served, _head("/api/v1/manifests", *lines), chunked=True)
    assert status == 413
    assert sent < HUNDRED_MB
    assert served.rss_kib() - before < 20 * 1024
