"""Sync settings, stored in the station's `setting` table. The client secret is never one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Protocol

from station.store.database import Database
from station.store.settings import read_settings, write_settings
from sync.origins import require_secure_hub_url
from sync.proxy_credentials import (
    move_plain_proxy_password,
    save_proxy_userinfo,
    split_proxy_url,
)

PREFIX = "sync."


@dataclass(frozen=True)
class SyncSettings:
    url: str = ""
    client_id: str = ""
    ca_bundle: str = ""  # PEM file of the province's CA; empty means the system's trust store
    proxy: str = ""  # explicit proxy URL; empty leaves HTTPS_PROXY/NO_PROXY to requests
    bandwidth_kbps: int = 0  # upload cap in kilobytes per second; 0 means no cap
    retention_days: int = 7  # keep confirmed local copies this long, then purge
    secret_file: str = ""  # owner-only file with the secret, for machines without a keyring
    target: str = "hub"  # "hub" or "folder"
    folder: str = ""  # the shared folder of the folder target
    # The hub's catalog signing key (station/catalog_keys.py), pinned at login or at the first
    # catalog update; a catalog signed by any other key is refused.
    catalog_key: str = ""
    # How often the sender fetches the province's catalog (sync/catalog_refresh.py); 0 = only
    # when `sohoa catalog update` is run.
    catalog_hours: int = 6

    @property
    def configured(self) -> bool:
        if self.target == "folder":
            return bool(self.folder)
        return bool(self.url and self.client_id)

    @property
    def token_url(self) -> str:
        return self.url.rstrip("/") + "/oauth/token"

    @property
    def secret_path(self) -> Path | None:
        return Path(self.secret_file).expanduser() if self.secret_file else None


_INTS = {"bandwidth_kbps", "retention_days", "catalog_hours"}


class SettingsOwner(Protocol):
    """Where the settings live: the station's Store, or a bare Database (DatabaseSettings)."""

    @property
    def database(self) -> Database: ...

    def settings(self, prefix: str = "") -> dict[str, str]: ...

    def save_settings(self, values: Mapping[str, str | None]) -> None: ...


class DatabaseSettings:
    """The settings of a process that has the station's database but no Store (the sender)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def settings(self, prefix: str = "") -> dict[str, str]:
        return self.database.read(read_settings, prefix)

    def save_settings(self, values: Mapping[str, str | None]) -> None:
        with self.database.transaction() as conn:
            write_settings(conn, values)


def load_settings(store: SettingsOwner) -> SyncSettings:
    move_plain_proxy_password(store.database)
    return settings_from(store.settings(PREFIX))


def settings_from(stored: Mapping[str, str]) -> SyncSettings:
    values: dict[str, object] = {}
    for f in fields(SyncSettings):
        raw = stored.get(PREFIX + f.name)
        if raw is None:
            continue
        values[f.name] = int(raw) if f.name in _INTS else raw
    return SyncSettings(**values)  # type: ignore[arg-type]


def _keep_proxy_password(store: SettingsOwner, changes: dict[str, object]) -> str:
    """The proxy URL to store: its user and password go where the client secret goes."""
    proxy, userinfo = split_proxy_url(str(changes["proxy"]))
    if userinfo is not None:
        secret_file = changes.get("secret_file") or load_settings(store).secret_file
        secret_path = Path(str(secret_file)).expanduser() if secret_file else None
        save_proxy_userinfo(proxy, userinfo, secret_path)
    return proxy


def save_settings(store: SettingsOwner, **changes: object) -> SyncSettings:
    """Store the given fields; unknown names fail, so a secret cannot slip in by mistake, and
    so does a hub URL that would carry it in clear text."""
    known = {f.name for f in fields(SyncSettings)}
    unknown = set(changes) - known
    if unknown:
        raise ValueError(f"not sync settings: {sorted(unknown)}")
    if changes.get("url"):
        require_secure_hub_url(str(changes["url"]))
    if changes.get("proxy"):
        changes["proxy"] = _keep_proxy_password(store, changes)
    store.save_settings(
        {PREFIX + name: None if value is None else str(value) for name, value in changes.items()}
    )
    return load_settings(store)
