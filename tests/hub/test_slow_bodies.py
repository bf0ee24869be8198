"""Bodies that take too long as a whole: an upload trickled below the minimum average rate is
cut and frees its upload, one above it is not, and a non-upload body has a total time; an
idle keep-alive connection is closed."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import requests
from click.testing import CliRunner

from hub.cli import hub_group
from tests.helpers.hub import running_hub, served_hub
from tests.hub.conftest import StationClient, connect
from tests.hub.test_slow_clients import _raw, _read_all

# Small numbers: a body gets 1 s, an upload 1 s more per 100 bytes it carried; gaps of 5 s.
LIMITS = {"body_idle_timeout": 5.0, "body_total_timeout": 1.0, "upload_min_rate": 100.0}
DATA = bytes(range(256)) * 4


def _patch_head(station: StationClient, path: str, length: int, offset: int = 0) -> bytes:
    return (
        f"PATCH {path} HTTP/1.1\r\nHost: hub\r\nTus-Resumable: 1.0.0\r\n"
        f"Authorization: Bearer {station.token}\r\nUpload-Offset: {offset}\r\n"
        "Content-Type: application/offset+octet-stream\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def _trickle(
    connection: socket.socket, body: bytes, piece: int, every: float, within: float = 10.0
) -> tuple[bytes, float]:
    """Sends `body` `piece` bytes every `every` seconds until the hub answers (giving up after
    `within` seconds); returns the answer and the seconds from the body's first byte to it."""
    started = time.monotonic()
    connection.settimeout(every)
    answer = b""
    for at in range(0, len(body), piece):
        if time.monotonic() - started > within:
            return b"", time.monotonic() - started
        try:
            connection.sendall(body[at : at + piece])
            answer = connection.recv(4096)
        except TimeoutError:
            continue  # no answer yet: the next piece
        except (BrokenPipeError, ConnectionResetError):
            pass
        break
    connection.settimeout(20)
    return answer + _read_all(connection), time.monotonic() - started


def _created(station: StationClient, key: str) -> tuple[str, str]:
    url = station.create(DATA, key).headers["Location"]
    return url, "/" + url.split("/", 3)[3]


def test_a_patch_trickled_below_the_minimum_rate_is_cut_and_a_resume_completes(
    tmp_path: Path,
) -> None:
    with running_hub(tmp_path / "hub", **LIMITS) as hub:
        station = connect(hub, "ST-01")
        url, path = _created(station, "K-1")
        with _raw(hub.url) as slow:
            slow.sendall(_patch_head(station, path, len(DATA)))
            # 4 bytes a second, each gap far below the idle timeout: cut after about 1 s
            answer, took = _trickle(slow, DATA, 1, 0.25)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"body_timeout" in answer
        assert 0.9 < took < 3.0, took
        kept = int(requests.head(url, headers=station.tus_headers(), timeout=10).headers[
            "Upload-Offset"])  # fmt: skip
        assert kept < 20  # what arrived is kept
        resume = {"Upload-Offset": str(kept), "Content-Type": "application/offset+octet-stream"}
        started = time.monotonic()
        rest = requests.patch(
            url, data=DATA[kept:], timeout=20, headers=station.tus_headers(**resume)
        )
        assert rest.status_code == 204, rest.text
        assert time.monotonic() - started < 2.0  # the lock was free: no wait for it
        assert station.get("/api/v1/files/K-1").json()["state"] == "complete"


def test_a_slow_patch_above_the_minimum_rate_outlasts_the_total_body_time(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", **LIMITS) as hub:
        station = connect(hub, "ST-01")
        url, path = _created(station, "K-1")
        with _raw(hub.url) as slow:
            slow.sendall(_patch_head(station, path, len(DATA)))
            # 400 bytes a second for 2.5 s: longer than 1 s, but above 100 bytes a second
            answer, took = _trickle(slow, DATA, 40, 0.1)
        assert answer.startswith(b"HTTP/1.1 204"), answer[:200]
        assert took > LIMITS["body_total_timeout"]
        assert station.get("/api/v1/files/K-1").json()["state"] == "complete"


def test_a_manifest_body_trickled_past_the_total_time_gets_408(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", **LIMITS) as hub:
        station = connect(hub, "ST-01")
        body = b'{"station_id": "ST-01"' + b" " * 1000 + b"}"
        head = (
            f"POST /api/v1/manifests HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
            f"{station.token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        with _raw(hub.url) as slow:
            slow.sendall(head)
            answer, took = _trickle(slow, body, 10, 0.2)  # 50 bytes a second, gaps of 0.2 s
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"connection: close" in answer.lower()
        assert 0.9 < took < 3.0, took


def test_an_idle_keep_alive_connection_is_closed_after_5_seconds(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    CliRunner().invoke(hub_group, ["add-station", "--data", str(data), "--client-id", "ST-01"])
    with served_hub(data) as hub, _raw(hub.url) as idle:  # the shipped settings
        idle.sendall(b"GET /api/v1/stations HTTP/1.1\r\nHost: hub\r\n\r\n")
        answer = b""
        while b"}" not in answer:  # the whole small JSON refusal, the connection kept
            answer += idle.recv(4096)
        assert answer.startswith(b"HTTP/1.1 401") and b"connection: close" not in answer.lower()
        started = time.monotonic()
        assert _read_all(idle) == b""  # closed by the hub, long before the socket's 20 s
        waited = time.monotonic() - started
        assert 4.0 < waited < 8.0, waited  # 5 s, before the 10 s header timeout
