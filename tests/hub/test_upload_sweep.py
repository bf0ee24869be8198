"""Expired uploads are swept by the running hub itself, without any station starting a new
upload: a real uvicorn server on 127.0.0.1 running the app's start-up and shut-down."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import uvicorn

from hub import stations
from hub.app import create_app
from hub.config import HubConfig
from tests.hub.conftest import encode_metadata, file_metadata


@dataclass
class Served:
    url: str
    config: HubConfig
    token: str

    def tus(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Tus-Resumable": "1.0.0", **extra}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    config = HubConfig(data_dir=tmp_path / "hub", upload_ttl=2, upload_sweep_interval=0.2)
    app = create_app(config)
    secret = stations.add_station(app.state.hub.db, "ST-01")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    # lifespan "on", as `sohoa-hub serve` runs it: the sweep starts with the app.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "hub did not start"
        time.sleep(0.01)
    try:
        form = {"grant_type": "client_credentials"}
        answer = requests.post(url + "/oauth/token", data=form, auth=("ST-01", secret), timeout=10)
        yield Served(url, config, answer.json()["access_token"])
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive()  # the sweep stopped with the app


def _upload(served: Served, data: bytes, key: str, sent: int) -> str:
    """Creates an upload of `data` and sends its first `sent` bytes; its URL."""
    metadata = encode_metadata(file_metadata(data, key))
    created = requests.post(
        served.url + "/files/",
        headers=served.tus(**{"Upload-Length": str(len(data)), "Upload-Metadata": metadata}),
        timeout=10,
    )
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    patch = {"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
    answer = requests.patch(location, data=data[:sent], headers=served.tus(**patch), timeout=10)
    assert answer.status_code == 204, answer.text
    return location


def test_an_expired_partial_upload_is_swept_without_any_new_upload(served: Served) -> None:
    partial = _upload(served, b"x" * 1000, "K-PARTIAL", 400)
    whole = _upload(served, b"y" * 300, "K-WHOLE", 300)
    folder = served.config.uploads_dir / "ST-01"
    partial_file = folder / (partial.rsplit("/", 1)[1] + ".bin")
    whole_file = folder / (whole.rsplit("/", 1)[1] + ".bin")
    assert partial_file.stat().st_size == 400 and whole_file.exists()

    deadline = time.monotonic() + 15
    while partial_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not partial_file.exists()
    assert not Path(str(partial_file) + ".lock").exists()
    assert requests.head(partial, headers=served.tus(), timeout=10).status_code == 404
    # A finished upload waits for its manifest: the sweep leaves it alone.
    assert whole_file.read_bytes() == b"y" * 300
    assert requests.head(whole, headers=served.tus(), timeout=10).status_code == 200
