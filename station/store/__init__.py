"""The local store: SQLite (WAL) plus durable page files under one data directory."""

from station.store.layout import HOME_ENV, Layout, default_home
from station.store.recovery import RecoveryReport
from station.store.store import NewPage, Store

__all__ = ["HOME_ENV", "Layout", "NewPage", "RecoveryReport", "Store", "default_home"]
