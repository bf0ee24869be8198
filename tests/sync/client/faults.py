"""A TCP proxy on 127.0.0.1 in front of the hub that misbehaves on request: it cuts a
connection after some bytes, answers the next requests with an HTTP error itself, or refuses
connections outright (the network is down)."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Faults:
    cut_after: int | None = None  # cut the first connection that sends this many bytes
    # A flaky link: cut every connection after a random number of bytes in this range.
    cut_each_between: tuple[int, int] | None = None
    error_status: int = 503
    error_headers: dict[str, str] = field(default_factory=dict)
    errors_left: int = 0  # answer this many next requests with error_status
    down: bool = False
    cuts: int = 0
    errors_sent: int = 0
    error_times: list[float] = field(default_factory=list)


class FaultProxy:
    def __init__(self, upstream_port: int, seed: int = 0) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.faults = Faults()
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(32)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

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
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with self._lock:
            faults = self.faults
            if faults.down:
                client.close()
                return
            answer_error = faults.errors_left > 0
            if answer_error:
                faults.errors_left -= 1
                faults.errors_sent += 1
                faults.error_times.append(time.monotonic())
            cut_after = faults.cut_after
            limit = None
            if faults.cut_each_between is not None:
                limit = self._random.randint(*faults.cut_each_between)
        if answer_error:
            self._answer_error(client, faults)
            return
        upstream = socket.create_connection(self.upstream)
        done = threading.Event()
        threading.Thread(
            target=self._pipe, args=(upstream, client, None, done), daemon=True
        ).start()
        self._pipe(client, upstream, cut_after, done, limit)

    def _pipe(
        self,
        src: socket.socket,
        dst: socket.socket,
        cut_after: int | None,
        done: threading.Event,
        limit: int | None = None,
    ) -> None:
        passed = 0
        try:
            while not done.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if cut_after is not None and passed + len(data) >= cut_after and self._arm_off():
                    dst.sendall(data[: max(0, cut_after - passed)])
                    break
                if limit is not None and passed + len(data) >= limit:
                    dst.sendall(data[: max(0, limit - passed)])
                    with self._lock:
                        self.faults.cuts += 1
                    break
                passed += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            done.set()
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def _arm_off(self) -> bool:
        """One cut in all: the first connection that gets that far takes it."""
        with self._lock:
            if self.faults.cut_after is None:
                return False
            self.faults.cut_after = None
            self.faults.cuts += 1
            return True

    @staticmethod
    def _answer_error(client: socket.socket, faults: Faults) -> None:
        try:
            _read_request(client)
            extra = "".join(f"{k}: {v}\r\n" for k, v in faults.error_headers.items())
            client.sendall(
                f"HTTP/1.1 {faults.error_status} Injected\r\n{extra}"
                "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
            )
        except OSError:
            pass
        finally:
            client.close()


def _read_request(client: socket.socket) -> None:
    """Read one request, head and body, so the client sees our answer, not a reset."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            return
        body += chunk
