"""A proxy's user and password, kept like the client secret: in the OS keyring, or where there
is none, in an owner-only file beside the secret file. The proxy URL in station.db (and so in
`sync configure` output) never carries them; requests get them only when they are sent.

They are kept per proxy host and port, so a changed proxy setting never sends them elsewhere.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import keyring
import keyring.errors

from station.errors import ErrorCode, StationError
from station.store.database import Database
from station.store.settings import read_settings, write_settings
from sync.credentials import SERVICE, keyring_available, read_secret_file, write_secret_file

log = logging.getLogger(__name__)

PROXY_KEY = "sync.proxy"
SECRET_FILE_KEY = "sync.secret_file"


def split_proxy_url(url: str) -> tuple[str, str | None]:
    """(the URL without user and password, "user:password" as written in it, or None)."""
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at:
        return url, None
    return urlunsplit(parts._replace(netloc=hostport)), userinfo or None


def redact_proxy_url(url: str) -> str:
    """For anything printed or logged: user and password replaced by ***."""
    clean, userinfo = split_proxy_url(url)
    if userinfo is None:
        return url
    parts = urlsplit(clean)
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc))


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"proxy {parts.hostname or ''}:{parts.port or ''}"


def _file_for(secret_path: Path) -> Path:
    return secret_path.with_name(secret_path.name + ".proxy")


def save_proxy_userinfo(proxy_url: str, userinfo: str, secret_path: Path | None) -> str:
    """Keep the proxy's "user:password"; returns where ("keyring" or "file")."""
    if secret_path is None:
        if not keyring_available():
            raise StationError(ErrorCode.SYNC_NO_KEYRING)
        keyring.set_password(SERVICE, _host_key(proxy_url), userinfo)
        return "keyring"
    path = _file_for(secret_path)
    kept = _read_file(path) if path.exists() else {}
    kept[_host_key(proxy_url)] = userinfo
    write_secret_file(path, json.dumps(kept))
    return "file"


def load_proxy_userinfo(proxy_url: str, secret_path: Path | None) -> str | None:
    if secret_path is not None:
        path = _file_for(secret_path)
        return _read_file(path).get(_host_key(proxy_url)) if path.exists() else None
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, _host_key(proxy_url))
    except keyring.errors.KeyringError:
        return None


def _read_file(path: Path) -> dict[str, str]:
    try:
        kept = json.loads(read_secret_file(path))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}


def proxy_url_with_credentials(proxy_url: str, secret_path: Path | None) -> str:
    """The URL requests needs: the kept user and password put back in."""
    if not proxy_url:
        return proxy_url
    userinfo = load_proxy_userinfo(proxy_url, secret_path)
    if not userinfo:
        return proxy_url
    parts = urlsplit(proxy_url)
    return urlunsplit(parts._replace(netloc=f"{userinfo}@{parts.netloc}"))


def move_plain_proxy_password(database: Database) -> bool:
    """Earlier versions kept the proxy URL with its password in station.db: move the user and
    password out, keep the bare URL. Returns whether anything moved. Where there is neither a
    keyring nor a secret file, they stay (the proxy must keep working) and a warning says so."""
    stored = database.read(read_settings, "sync.")
    clean, userinfo = split_proxy_url(stored.get(PROXY_KEY, ""))
    if userinfo is None:
        return False
    secret_file = stored.get(SECRET_FILE_KEY, "")
    secret_path = Path(secret_file).expanduser() if secret_file else None
    try:
        save_proxy_userinfo(clean, userinfo, secret_path)
    except StationError:
        log.warning("proxy password left in station.db: no keyring and no secret file here")
        return False
    with database.transaction() as conn:
        write_settings(conn, {PROXY_KEY: clean})
    log.info("proxy password moved out of station.db")
    return True
