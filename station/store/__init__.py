"""The local store: SQLite (WAL) plus durable page files under one data directory."""

from station.store.dossier_files import DossierFile
from station.store.layout import HOME_ENV, Layout, default_home
from station.store.page_changes import KEEP, PageChange
from station.store.recovery import RecoveryReport
from station.store.store import NewPage, Store

__all__ = [
    "HOME_ENV",
    "KEEP",
    "DossierFile",
    "Layout",
    "NewPage",
    "PageChange",
    "RecoveryReport",
    "Store",
    "default_home",
]
