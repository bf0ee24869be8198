"""A real nginx started with docs/deploy/nginx-sohoa-hub.conf (TLS on loopback) in front of a
real `sohoa-hub serve`, for the hub's attack cases behind the shipped proxy.

Clients can come from several loopback addresses (127.0.0.2, 127.0.0.3, ...): Linux routes all
of 127/8 to the loopback device, so nginx sees each as a different client address.
"""

from __future__ import annotations

import dataclasses
import datetime
import ipaddress
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import requests
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from requests.adapters import HTTPAdapter

from hub.cli import hub_group
from tests.conftest import REPO
from tests.helpers.hub import HubHandle, ServedHub

AnyHub = TypeVar("AnyHub", HubHandle, ServedHub)  # in this process, or `sohoa-hub serve`
SITE = REPO / "docs" / "deploy" / "nginx-sohoa-hub.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)


@dataclass
class Proxied:
    """Enough of a HubHandle for the station helpers: the nginx URL and its certificate."""

    url: str
    ca: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
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
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
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


def site(hub_port: int, tls_port: int, cert: Path, key: Path, changes: dict[str, str]) -> str:
    """The shipped site, pointed at this test's hub, port and certificate; `changes` replace
    more of its text (each must be there)."""
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "127.0.0.1:8750": f"127.0.0.1:{hub_port}",
        "listen 443 ssl;": f"listen 127.0.0.1:{tls_port} ssl;",
        "listen [::]:443 ssl;": "",
        "listen 80;": f"listen 127.0.0.1:{free_port()};",
        "listen [::]:80;": "",
        "/etc/ssl/sohoa-hub/fullchain.pem": str(cert),
        "/etc/ssl/sohoa-hub/privkey.pem": str(key),
        **changes,
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _main_config(folder: Path, site_file: Path) -> str:
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
    include {site_file};
}}
"""


@contextmanager
def nginx_in_front(
    folder: Path,
    hub_url: str,
    changes: dict[str, str] | None = None,
    tls: tuple[Path, Path] | None = None,
) -> Iterator[Proxied]:
    """nginx with the shipped site (plus `changes`) in front of the hub at `hub_url`, with the
    certificate and key `tls` (a new pair in `folder` by default)."""
    assert NGINX is not None
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = tls or certificate(folder)
    tls_port = free_port()
    hub_port = int(hub_url.rsplit(":", 1)[1])
    site_file = folder / "site.conf"
    site_file.write_text(site(hub_port, tls_port, cert, key, changes or {}))
    conf = folder / "nginx.conf"
    conf.write_text(_main_config(folder, site_file))
    command = [NGINX, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        _wait_for(tls_port, process)
        yield Proxied(f"https://127.0.0.1:{tls_port}", cert)
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


def hub_cli(*args: str) -> str:
    """Runs a `sohoa-hub` command in this process; returns what it printed."""
    result = CliRunner().invoke(hub_group, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def add_station(data: Path, station: str) -> str:
    """Registers a station on the hub's data directory; returns its client secret."""
    added = hub_cli("add-station", "--data", str(data), "--client-id", station)
    return added.split("client secret: ")[1].split()[0]


def add_account(data: Path, username: str, role: str) -> str:
    """Registers a person's account; returns its password."""
    added = hub_cli("users", "add", username, "--role", role, "--data", str(data))
    return added.split(f"password for {username}: ")[1].split()[0]


class _FromAddress(HTTPAdapter):
    """Connections leave from one local address (as if from another machine)."""

    def __init__(self, address: str) -> None:
        self._address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self._address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(address: str, ca: Path) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE or a proxy from the environment would win
    session.verify = str(ca)
    session.mount("https://", _FromAddress(address))
    return session


def tls_socket(front: Proxied, timeout: float, source: str = "127.0.0.1") -> ssl.SSLSocket:
    """A raw TLS connection to nginx, for requests no HTTP library would send."""
    context = ssl.create_default_context(cafile=str(front.ca))
    raw = socket.create_connection(
        ("127.0.0.1", front.port), timeout=timeout, source_address=(source, 0)
    )
    return context.wrap_socket(raw, server_hostname="127.0.0.1")


# The shipped token burst (20 a client address) lifted, for cases that ask for many tokens
# from one address on purpose: the hub's own limits are then the ones they reach.
LIFTED_TOKEN_BURST = {"burst=20 nodelay;": "burst=500 nodelay;"}


@contextmanager
def reached(
    hub: AnyHub,
    via: str,
    folder: Path,
    changes: dict[str, str] | None = None,
    tls: tuple[Path, Path] | None = None,
) -> Iterator[AnyHub]:
    """`hub` itself (`via` "direct"), or the same hub behind nginx with the shipped site (`via`
    "nginx"): a handle whose url is nginx's, everything else the hub's own. The caller trusts
    the test certificate (`trust_front`)."""
    if via == "direct":
        yield hub
        return
    assert via == "nginx", via
    with nginx_in_front(folder, hub.url, changes, tls) as proxy:
        yield dataclasses.replace(hub, url=proxy.url)


def session_leaving(address: str) -> requests.Session:
    """Plain HTTP and HTTPS from one local address, trusting what the environment names
    (REQUESTS_CA_BUNDLE): the same client whether the hub is reached directly or through
    nginx."""
    session = requests.Session()
    adapter = _FromAddress(address)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
