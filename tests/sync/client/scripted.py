"""A tiny HTTP server on 127.0.0.1 that answers from a script and records what it was sent:
a captive portal, a token endpoint that redirects, a hub that points uploads elsewhere."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


# (method, path) -> the answer; the server's own URL is given so answers can point at it.
Script = Callable[[str, str, str], Answer]


class ScriptedServer:
    def __init__(self, script: Script) -> None:
        self.received: list[Received] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                owner.received.append(
                    Received(self.command, self.path, dict(self.headers.items()), body)
                )
                answer = script(self.command, self.path, owner.url)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.body)

            do_GET = do_POST = do_HEAD = do_PATCH = do_PUT = do_OPTIONS = _answer

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def scripted(script: Script) -> Iterator[ScriptedServer]:
    server = ScriptedServer(script)
    try:
        yield server
    finally:
        server.close()


PORTAL_PAGE = b"<html><body>Please accept the terms to use the Wi-Fi</body></html>"


def captive_portal(_method: str, _path: str, _url: str) -> Answer:
    return Answer(200, {"Content-Type": "text/html; charset=utf-8"}, PORTAL_PAGE)
