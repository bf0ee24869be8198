"""A running hub per test, one registered station, and small HTTP helpers."""

from __future__ import annotations

import base64
import hashlib
import io
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from tusclient import client as tus_client

from tests.helpers.hub import HubHandle, running_hub
from tests.hub.nginx_front import NGINX, AnyHub, certificate, reached
from tests.hub.postgres import fresh_database, postgres_cluster

STATION = "ST-01"


@dataclass
class StationClient:
    hub: HubHandle
    station_id: str
    secret: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return requests.get(self.hub.url + path, headers=self.auth, timeout=10, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return requests.post(self.hub.url + path, headers=self.auth, timeout=10, **kwargs)

    def tus_headers(self, **extra: str) -> dict[str, str]:
        return {**self.auth, "Tus-Resumable": "1.0.0", **extra}

    def create(self, data: bytes, key: str, **overrides: str) -> requests.Response:
        metadata = {**file_metadata(data, key), **overrides}
        headers = self.tus_headers(
            **{"Upload-Length": str(len(data)), "Upload-Metadata": encode_metadata(metadata)}
        )
        return requests.post(self.hub.url + "/files/", headers=headers, timeout=10)

    def upload(self, data: bytes, key: str, chunk_size: int = 64 * 1024, **overrides: str) -> str:
        """Uploads with tuspy's own client; returns the upload URL."""
        client = tus_client.TusClient(self.hub.url + "/files/", headers=self.auth)
        uploader = client.uploader(
            file_stream=io.BytesIO(data),
            chunk_size=chunk_size,
            metadata={**file_metadata(data, key), **overrides},
        )
        uploader.upload()
        return uploader.url


@dataclass
class AccountClient:
    """A person logged in to the hub: a supervisor or an administrator."""

    hub: HubHandle
    username: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return requests.get(self.hub.url + path, headers=self.auth, timeout=10, **kwargs)


def commit_dossier(
    client: StationClient, code: str, key: str, data: bytes, upload: bool = True
) -> requests.Response:
    """Uploads one file under `key` (unless done already) and commits it as dossier `code`."""
    if upload:
        client.upload(data, key, dossier_code=code)
    manifest = {**manifest_for({key: data}, manifest_id=f"M-{key}", code=code)}
    return client.post("/api/v1/manifests", json={**manifest, "station_id": client.station_id})


def log_in(hub: HubHandle, username: str, role: str, unit_code: str = "") -> AccountClient:
    """Registers an account and logs it in with the password grant."""
    password = hub.add_account(username, role, unit_code)
    response = requests.post(
        hub.url + "/oauth/token",
        data={"grant_type": "password", "username": username, "password": password},
        timeout=10,
    )
    response.raise_for_status()
    return AccountClient(hub, username, response.json()["access_token"])


def file_metadata(data: bytes, key: str) -> dict[str, str]:
    return {
        "filename": f"{key}.pdf",
        "sha256": hashlib.sha256(data).hexdigest(),
        "idempotency_key": key,
        "dossier_code": "000.00.14.H05-250101-0001",
    }


def encode_metadata(metadata: dict[str, str]) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in metadata.items())


def fetch_token(hub: HubHandle, client_id: str, secret: str) -> str:
    response = requests.post(
        hub.url + "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def connect(hub: HubHandle, station_id: str, unit_code: str = "") -> StationClient:
    secret = hub.add_station(station_id, unit_code=unit_code)
    return StationClient(hub, station_id, secret, fetch_token(hub, station_id, secret))


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as handle:
        yield handle


@pytest.fixture(scope="session")
def server_dsn() -> Iterator[str]:
    """One throwaway PostgreSQL server for the session; tests take a fresh database in it."""
    with tempfile.TemporaryDirectory() as base, postgres_cluster(Path(base)) as dsn:
        yield dsn


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Hub settings for each store the hub supports: {} or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return {}
    server = request.getfixturevalue("server_dsn")
    return {"dsn": fresh_database(server, f"hub_{time.monotonic_ns()}")}


@pytest.fixture
def any_hub(store: dict[str, Any], tmp_path: Path) -> Iterator[HubHandle]:
    """A hub on SQLite and on a real PostgreSQL server (`store`)."""
    with running_hub(tmp_path / "hub", **store) as handle:
        yield handle


# A hub reached directly or through nginx: front(hub) or front(hub, changes to the site).
Front = Callable[..., AbstractContextManager[Any]]
NGINX_SMALL_BODY = 16 * 1024  # docs/deploy/nginx-sohoa-hub.conf: client_max_body_size 16k


def behind_nginx(hub: HubHandle) -> bool:
    """Whether `hub` is reached through nginx (only a front speaks HTTPS in these tests)."""
    return hub.url.startswith("https://")


def fronts(via: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Front:
    """Puts each hub it is given behind its own nginx (`via` "nginx", the shipped site in
    docs/deploy/ with this test's ports and certificate, as tests/hub/nginx_front.py adapts it)
    or leaves it as it is ("direct"). Every nginx of a test shows the same certificate, which
    plain requests calls then trust."""
    tls: tuple[Path, Path] | None = None
    started = 0

    @contextmanager
    def front(hub: AnyHub, changes: dict[str, str] | None = None) -> Iterator[AnyHub]:
        nonlocal started, tls
        started += 1
        if via == "nginx" and NGINX is None:  # scripts/setup.sh test installs it
            pytest.fail("nginx is not installed: run scripts/setup.sh test (apt install nginx)")
        if via == "nginx" and tls is None:
            (folder / "tls").mkdir()
            tls = certificate(folder / "tls")
            monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls[0]))
        with reached(hub, via, folder / f"nginx-{started}", changes, tls) as handle:
            yield handle

    return front


@pytest.fixture(params=["direct", "nginx"])
def front(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Front:
    """The security cases run twice: against the hub, and through the shipped nginx."""
    return fronts(request.param, tmp_path, monkeypatch)


@pytest.fixture(
    params=[("sqlite", "direct"), ("postgresql", "direct"), ("sqlite", "nginx")],
    ids=["sqlite", "postgresql", "sqlite-nginx"],
)  # fmt: skip
def store_front(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, Any], Front]:
    """Both stores reached directly, and SQLite through nginx too (the proxy does not care
    which store the hub keeps)."""
    kind, via = request.param
    store: dict[str, Any] = {}
    if kind == "postgresql":
        server = request.getfixturevalue("server_dsn")
        store = {"dsn": fresh_database(server, f"hub_{time.monotonic_ns()}")}
    return store, fronts(via, tmp_path, monkeypatch)


@pytest.fixture
def station(hub: HubHandle) -> StationClient:
    return connect(hub, STATION)


def commit_until_answered(station: StationClient, manifest: dict[str, Any]) -> requests.Response:
    """As the station's sender does: a 503 (its one signature check at a time is taken by
    another of its commits) is sent again after a short pause."""
    for _ in range(200):
        answer = station.post("/api/v1/manifests", json=manifest)
        if answer.status_code != 503:
            return answer
        assert answer.json()["error"] == "station_busy"
        time.sleep(0.05)
    return answer


def manifest_for(
    files: dict[str, bytes], manifest_id: str = "M-1", code: str = "000.00.14.H05-250101-0001"
) -> dict[str, Any]:
    """`files` maps idempotency key to content; each becomes one component."""
    return {
        "manifest_id": manifest_id,
        "dossier_code": code,
        "procedure_code": "1.011442.000.00.00.H38",
        "applicant_id_number": "001090000000",
        "station_id": STATION,
        "clerk_id": "clerk-7",
        "received_at": "2026-11-20T08:00:00+07:00",
        "finished_at": "2026-11-20T08:30:00+07:00",
        "override_reason": None,
        "components": [
            {
                "component_code": f"TP{index}",
                "component_name": f"Thành phần {index}",
                "file_name": f"{key}.pdf",
                "idempotency_key": key,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "pages": 1,
                "kpi": {"digitized": True, "reused": False, "from_national_store": False},
            }
            for index, (key, data) in enumerate(files.items(), start=1)
        ],
    }


def let_tokens_expire(hub: HubHandle) -> None:
    """Moves every token's expiry to now, as if its lifetime had passed; sleeping through a
    real lifetime would race the clock's whole-second steps on a loaded machine."""
    with closing(sqlite3.connect(hub.config.sqlite_path)) as db, db:
        db.execute("UPDATE tokens SET expires_at = ?", (int(time.time()),))


def stored(hub: HubHandle) -> dict[str, Any]:
    """What a SQLite hub keeps: rows per table and every file under the data directory
    (path and size), the database's own files aside."""
    with closing(sqlite3.connect(hub.config.sqlite_path)) as db:
        rows = {
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("uploads", "manifests", "dossiers", "metrics")
        }
        (seen,) = db.execute("SELECT COUNT(last_seen_at) FROM stations").fetchone()
    files = {
        str(path.relative_to(hub.data_dir)): path.stat().st_size
        for path in hub.data_dir.rglob("*")
        if path.is_file() and not path.name.startswith(hub.config.sqlite_path.name)
    }
    return {"rows": rows, "heartbeats": seen, "files": files}
