"""Hub attack cases through a real nginx started with docs/deploy/nginx-sohoa-hub.conf (TLS
on loopback, the shipped limits), in front of a real `sohoa-hub serve`.

Skipped only when there is no nginx binary (CI installs Debian's nginx).
"""

from __future__ import annotations

import datetime
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from hub.cli import hub_group
from tests.conftest import REPO
from tests.helpers.hub import served_hub
from tests.hub.conftest import StationClient, commit_dossier

SITE = REPO / "docs" / "deploy" / "nginx-sohoa-hub.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt install nginx)")


@dataclass
class Proxied:
    """Enough of a HubHandle for the station helpers: the nginx URL."""

    url: str
    ca: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _site(hub_port: int, tls_port: int, cert: Path, key: Path) -> str:
    """The shipped site, pointed at this test's hub, port and certificate."""
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "127.0.0.1:8750": f"127.0.0.1:{hub_port}",
        "listen 443 ssl;": f"listen 127.0.0.1:{tls_port} ssl;",
        "listen [::]:443 ssl;": "",
        "listen 80;": f"listen 127.0.0.1:{_free_port()};",
        "listen [::]:80;": "",
        "/etc/ssl/sohoa-hub/fullchain.pem": str(cert),
        "/etc/ssl/sohoa-hub/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _main_config(folder: Path, site: Path) -> str:
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 128; }}
http {{
    access_log off;
{temp}
    include {site};
}}
"""


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Proxied, dict[str, str]]]:
    base = tmp_path_factory.mktemp("nginx")
    data = base / "hub"
    secrets = {}
    for station in ("ST-A", "ST-B"):
        added = CliRunner().invoke(
            hub_group, ["add-station", "--data", str(data), "--client-id", station]
        )
        secrets[station] = added.output.split("client secret: ")[1].split()[0]
    cert, key = _certificate(base)
    tls_port = _free_port()
    with served_hub(data) as hub:
        hub_port = int(hub.url.rsplit(":", 1)[1])
        site = base / "site.conf"
        site.write_text(_site(hub_port, tls_port, cert, key))
        conf = base / "nginx.conf"
        conf.write_text(_main_config(base, site))
        command = [NGINX, "-e", str(base / "error.log"), "-p", str(base), "-c", str(conf)]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen([*command, "-g", "daemon off;"])
        try:
            _wait_for(tls_port, process)
            yield Proxied(f"https://127.0.0.1:{tls_port}", cert), secrets
        finally:
            process.terminate()
            process.wait(timeout=15)


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)


def _station(proxied: Proxied, station: str, secret: str) -> StationClient:
    answer = requests.post(proxied.url + "/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(station, secret), verify=proxied.ca, timeout=10)  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    return StationClient(proxied, station, secret, answer.json()["access_token"])  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _verify_with_the_test_ca(proxied, monkeypatch) -> None:
    # The station helpers use plain requests calls; point them at this test's certificate.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(proxied[0].ca))


def test_uploads_commits_and_reads_are_scoped_through_the_proxy(proxied) -> None:
    front, secrets = proxied
    a, b = _station(front, "ST-A", secrets["ST-A"]), _station(front, "ST-B", secrets["ST-B"])
    assert commit_dossier(a, "D-A", "KA", b"%PDF-1.4 a").status_code == 200
    assert a.get("/api/v1/dossiers/D-A").status_code == 200
    assert b.get("/api/v1/dossiers/" + quote("D-A", safe="")).status_code == 404
    assert [s["station_id"] for s in b.get("/api/v1/stations").json()] == ["ST-B"]


def test_a_huge_body_is_refused_by_the_proxy_before_the_hub(proxied) -> None:
    front, _ = proxied
    host, port = front.url.removeprefix("https://").split(":")
    context = ssl.create_default_context(cafile=str(front.ca))
    with (
        socket.create_connection((host, int(port)), timeout=20) as raw,
        context.wrap_socket(raw, server_hostname=host) as connection,
    ):
        connection.sendall(
            b"POST /api/v1/manifests HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            b"Content-Length: 104857600\r\n\r\n"
        )
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


def test_plain_http_on_the_tls_port_never_reaches_the_hub(proxied) -> None:
    front, secrets = proxied
    plain = front.url.replace("https://", "http://")
    form = {
        "grant_type": "client_credentials",
        "client_id": "ST-A",
        "client_secret": secrets["ST-A"],
    }
    answer = requests.post(plain + "/oauth/token", data=form, timeout=5)
    assert answer.status_code == 400 and "access_token" not in answer.text
