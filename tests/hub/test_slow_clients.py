"""Slow clients: a request head that never completes is cut off, a body that stalls is timed
out, and a PATCH stalled mid-body does not keep its upload locked."""

from __future__ import annotations

import socket
from pathlib import Path

import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import running_hub, served_hub
from tests.hub.conftest import connect


def _raw(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=20)
    return connection


def _read_all(connection: socket.socket) -> bytes:
    answer = b""
    while more := connection.recv(4096):
        answer += more
    return answer


def test_a_patch_stalled_mid_body_times_out_and_frees_its_upload(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", body_idle_timeout=1.0) as hub:
        station = connect(hub, "ST-01")
        data = b"0123456789" * 100
        created = station.create(data, "K-1")
        url = created.headers["Location"]
        path = "/" + url.split("/", 3)[3]
        with _raw(hub.url) as stalled:
            head = (
                f"PATCH {path} HTTP/1.1\r\nHost: hub\r\nTus-Resumable: 1.0.0\r\n"
                f"Authorization: Bearer {station.token}\r\nUpload-Offset: 0\r\n"
                "Content-Type: application/offset+octet-stream\r\n"
                f"Content-Length: {len(data)}\r\n\r\n"
            )
            stalled.sendall(head.encode() + data[:300])
            answer = _read_all(stalled)  # the hub gives up on the rest of the body
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        offset = requests.head(url, headers=station.tus_headers(), timeout=10)
        kept = int(offset.headers["Upload-Offset"])
        assert kept in (0, 300)
        resume = {"Upload-Offset": str(kept), "Content-Type": "application/offset+octet-stream"}
        rest = requests.patch(
            url, data=data[kept:], timeout=20, headers=station.tus_headers(**resume)
        )
        assert rest.status_code == 204, rest.text
        assert station.get("/api/v1/files/K-1").json()["state"] == "complete"


def test_a_request_head_that_never_completes_is_cut_off(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    CliRunner().invoke(hub_group, ["add-station", "--data", str(data), "--client-id", "ST-01"])
    with served_hub(data, "--header-timeout", "1") as hub:
        with _raw(hub.url) as slow:
            slow.sendall(b"POST /api/v1/manifests HTTP/1.1\r\nHost: hub\r\nX-Slow: ")
            assert _read_all(slow) == b""  # closed by the hub, long before the socket's 20 s
        with _raw(hub.url) as silent:
            assert _read_all(silent) == b""
        with _raw(hub.url) as bloated:
            bloated.sendall(b"GET /api/v1/stations HTTP/1.1\r\nHost: hub\r\nX-Big: ")
            bloated.sendall(b"a" * 64 * 1024 + b"\r\n\r\n")
            assert _read_all(bloated).startswith(b"HTTP/1.1 431")  # a head over 16 KiB
        assert requests.get(hub.url + "/api/v1/stations", timeout=10).status_code == 401
