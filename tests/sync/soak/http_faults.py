"""An HTTP-aware proxy on 127.0.0.1 that misbehaves per request, drawn from a seeded RNG.

Unlike the TCP proxy of the client tests (one planned fault), this one reads each request's
head and decides what to do with it: answer 500/502/503 with Retry-After itself, reset the
connection partway through the request body or the response, hold the answer past the
client's read timeout, trickle the answer out slowly, or swap in a token the hub has already
let expire. Every request gets its own upstream connection and `Connection: close`, so a
request's fate never leaks into the next one.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

FAULTS = ("error", "reset_body", "reset_response", "timeout", "slow", "expired_token")


@dataclass
class FaultPlan:
    seed: int
    rates: dict[str, float]  # fault name → probability per request (reset_body: per PATCH)
    read_timeout: float  # the client's; a "timeout" holds the answer longer than this
    token_ttl: float  # the hub's; a token seen this long ago (plus a margin) is dead
    enabled: bool = False
    injected: Counter[str] = field(default_factory=Counter)
    requests: int = 0


class HttpFaultProxy:
    def __init__(self, upstream_port: int, plan: FaultPlan) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.plan = plan
        self._random = random.Random(plan.seed)
        self._lock = threading.Lock()
        self._tokens: dict[str, float] = {}  # Authorization value → first seen (monotonic)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="fault-proxy").start()

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve_logged, args=(client,), daemon=True).start()

    def _serve_logged(self, client: socket.socket) -> None:
        try:
            self._serve(client)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                client.close()

    # one request -----------------------------------------------------------
    def _decide(self, method: str, path: str, authorization: str | None) -> tuple[str, float]:
        """The fault for this request ("" for none) and a number in [0, 1) to size it."""
        with self._lock:
            now = time.monotonic()
            if authorization and authorization not in self._tokens:
                self._tokens[authorization] = now
            self.plan.requests += 1
            if not self.plan.enabled:
                return "", 0.0
            draw, size = self._random.random(), self._random.random()
            for name in FAULTS:
                rate = self.plan.rates.get(name, 0.0)
                if draw < rate:
                    if name == "expired_token" and (
                        path.startswith("/oauth/") or self._dead_token(now) is None
                    ):
                        return "", size
                    if name == "reset_body" and method != "PATCH":
                        return "", size  # only a PATCH has a body worth cutting
                    self.plan.injected[name] += 1
                    return name, size
                draw -= rate
            return "", size

    def _dead_token(self, now: float) -> str | None:
        dead = [t for t, seen in self._tokens.items() if now - seen > self.plan.token_ttl + 2]
        return dead[-1] if dead else None

    def _serve(self, client: socket.socket) -> None:
        head, rest = _read_head(client)
        if head is None:
            return
        lines = head.decode("latin-1").split("\r\n")
        method, path = (lines[0].split(" ") + ["", ""])[:2]
        headers = [line for line in lines[1:] if line]
        length = int(_header(headers, "content-length") or 0)
        fault, size = self._decide(method, path, _header(headers, "authorization"))
        if fault == "error":
            _drain(client, rest, length)
            status = (500, 502, 503)[int(size * 3)]
            client.sendall(
                f"HTTP/1.1 {status} Injected\r\nRetry-After: {int(size * 6) % 2}\r\n"
                "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
            )
            return
        if fault == "expired_token":
            with self._lock:
                dead = self._dead_token(time.monotonic())
            headers = [h for h in headers if not h.lower().startswith("authorization:")]
            headers.append(f"Authorization: {dead}")
        headers = [h for h in headers if not h.lower().startswith("connection:")]
        upstream_head = "\r\n".join([lines[0], *headers, "Connection: close", "", ""])
        upstream = socket.create_connection(self.upstream, timeout=120)
        try:
            upstream.sendall(upstream_head.encode("latin-1"))
            cut_at = int(length * size) if fault == "reset_body" else None
            if not _pump_body(client, upstream, rest, length, cut_at):
                _reset(upstream)
                _reset(client)
                return
            answer = _read_all(upstream)
        finally:
            with contextlib.suppress(OSError):
                upstream.close()
        self._deliver(client, answer, fault, size)

    def _deliver(self, client: socket.socket, answer: bytes, fault: str, size: float) -> None:
        if fault == "reset_response":
            client.sendall(answer[: max(1, int(len(answer) * size * 0.9))])
            _reset(client)
        elif fault == "timeout":
            time.sleep(self.plan.read_timeout + 1.0)  # the client gave up; the hub did not
        elif fault == "slow":
            step = max(1, len(answer) // 20)
            for start in range(0, len(answer), step):
                client.sendall(answer[start : start + step])
                time.sleep(self.plan.read_timeout / 20)  # slow, yet each gap under the timeout
        else:
            client.sendall(answer)


def _read_head(sock: socket.socket) -> tuple[bytes | None, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def _header(headers: list[str], name: str) -> str | None:
    for line in headers:
        key, _, value = line.partition(":")
        if key.strip().lower() == name:
            return value.strip()
    return None


def _drain(client: socket.socket, rest: bytes, length: int) -> None:
    left = length - len(rest)
    while left > 0:
        chunk = client.recv(min(left, 1 << 20))
        if not chunk:
            return
        left -= len(chunk)


def _pump_body(
    client: socket.socket, upstream: socket.socket, rest: bytes, length: int, cut_at: int | None
) -> bool:
    """Forward the body; False when it was cut at `cut_at` bytes. A hub that answers before
    reading it all (a 401) closes early: the rest is read and dropped, so the client gets
    the answer rather than a broken pipe."""
    sent, data, upstream_open = 0, rest, True
    while True:
        if cut_at is not None and sent + len(data) >= cut_at:
            with contextlib.suppress(OSError):
                upstream.sendall(data[: cut_at - sent])
            return False
        if upstream_open and data:
            try:
                upstream.sendall(data)
            except OSError:
                upstream_open = False
        sent += len(data)
        if sent >= length:
            return True
        data = client.recv(min(length - sent, 1 << 20))
        if not data:
            return False


def _read_all(sock: socket.socket) -> bytes:
    parts = []
    with contextlib.suppress(OSError):
        while chunk := sock.recv(65536):
            parts.append(chunk)
    return b"".join(parts)


def _reset(sock: socket.socket) -> None:
    """Close with RST, not FIN: what a dropped link or a crashed middlebox looks like."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
