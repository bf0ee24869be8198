"""Run a real hub on 127.0.0.1 in a background thread, for tests on either side of the wire;
or find the `sohoa-hub` command, to run one as a process.

with running_hub(tmp_path / "hub", token_ttl=60) as hub:
    secret = hub.add_station("ST-01")
    requests.post(f"{hub.url}/oauth/token", data={...})
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

from hub import accounts, stations
from hub.app import create_app
from hub.config import HubConfig
from hub.context import Hub
from hub.file_store import FileStore
from hub.principal import Role


@dataclass
class HubHandle:
    url: str
    config: HubConfig
    _hub: Hub
    _server: uvicorn.Server
    _thread: threading.Thread
    _stopped: bool = field(default=False)

    @property
    def data_dir(self) -> Path:
        return self.config.data_dir

    def add_station(self, client_id: str, name: str | None = None, unit_code: str = "") -> str:
        """Registers a station (in a unit, given its code) and returns its client secret."""
        unit = stations.Unit(unit_code) if unit_code else None
        return stations.add_station(self._hub.db, client_id, name, unit)

    def connect(self, store: Any, client_id: str, unit_code: str, folder: Path) -> str:
        """Registers a station and points its store at this hub, with its secret in a file in
        `folder` as an installer leaves it; returns the secret."""
        from sync.settings import save_settings

        secret = self.add_station(client_id, unit_code=unit_code)
        secret_file = folder / f"{client_id}.secret"
        secret_file.write_text(secret + "\n")
        save_settings(store, url=self.url, client_id=client_id, secret_file=str(secret_file))
        return secret

    def add_account(self, username: str, role: str, unit_code: str = "") -> str:
        """Registers a person's account and returns its password."""
        return accounts.add_account(self._hub.db, username, Role(role), unit_code)

    def use_files(self, store: FileStore) -> None:
        """Keeps committed dossiers' files in `store` (hub/file_store.py) from now on: another
        store behind the same seam, such as the S3 double. Before any dossier is committed."""
        self._hub.files = store

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.should_exit = True
        self._thread.join(timeout=10)


def start_hub(data_dir: Path, **config: Any) -> HubHandle:
    hub_config = HubConfig(data_dir=Path(data_dir), **config)
    app = create_app(hub_config)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=2)
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="hub-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("hub did not start")
        time.sleep(0.01)
    return HubHandle(f"http://127.0.0.1:{port}", hub_config, app.state.hub, server, thread)


@contextmanager
def running_hub(data_dir: Path, **config: Any) -> Iterator[HubHandle]:
    """Keyword arguments are HubConfig fields: token_ttl, online_window, max_upload_size, dsn."""
    handle = start_hub(data_dir, **config)
    try:
        yield handle
    finally:
        handle.stop()


@dataclass
class ServedHub:
    url: str
    process: subprocess.Popen[bytes]
    secret: str = ""  # of a station the test registered, when it did

    def rss_kib(self) -> int:
        """The server process's resident memory, as /proc says."""
        return self._status_kib("VmRSS:")

    def peak_rss_kib(self) -> int:
        """The most resident memory the server process has had since it started or since
        `reset_peak_rss`, as /proc says (a peak between two looks is not missed)."""
        return self._status_kib("VmHWM:")

    def reset_peak_rss(self) -> None:
        Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")  # proc(5): resets VmHWM

    def _status_kib(self, field: str) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith(field)).split()[1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_hub(data_dir: Path, *args: str) -> Iterator[ServedHub]:
    """`sohoa-hub serve` as a real process on 127.0.0.1, one worker unless `args` say more."""
    port = _free_port()
    command = [*sohoa_hub(), "serve", "--data", str(data_dir), "--port", str(port), *args]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    served = ServedHub(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("sohoa-hub serve did not start") from None
                time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=15)


def sohoa_hub() -> list[str]:
    """The installed `sohoa-hub` command, or the same entry point run by module name."""
    installed = shutil.which("sohoa-hub", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "hub.cli"]
