"""What every frontend needs: the data directory, the store, the catalog and the scanner
bridge, opened lazily and closed together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from drivers.bridge import Bridge, InProcessBridge, WorkerBridge
from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from station.catalog_bundle import CatalogBundle
from station.catalog_keys import public_key_from_text
from station.catalog_versions import CatalogVersions
from station.errors import ErrorCode, StationError
from station.model import Dossier
from station.store import Layout, Store, default_home
from sync.settings import PREFIX, settings_from

BUILT_IN = ""  # the version name of the built-in catalog (no province version applied)


def province_catalog_dir(home: Path) -> Path:
    return Path(home) / "catalogs"


def province_versions(home: Path, store: Store) -> CatalogVersions | None:
    """The province's versions this station received; None until it pinned the hub's key."""
    key = settings_from(store.settings(PREFIX)).catalog_key
    if not key:
        return None
    return CatalogVersions(province_catalog_dir(home), public_key_from_text(key))


def load_station_catalog(home: Path, province: CatalogBundle | None = None) -> Catalog:
    """The bundled catalog, the province's version on top, and the station's own additions
    (its catalog folder) on top of both."""
    procedures = dict(load_catalog([bundled_catalog_dir()]).procedures)
    if province is not None:
        procedures.update(province.catalog().procedures)
    procedures.update(load_catalog([Layout(home).catalog]).procedures)
    return Catalog(procedures, province.version if province else BUILT_IN)


def make_bridge(home: Path, in_process: bool = False) -> Bridge:
    """Drivers in a worker process (a crashing vendor driver cannot take the station down),
    or in this process for debugging."""
    if in_process:
        return InProcessBridge()
    return WorkerBridge(spool_root=Path(home) / "spool")


@dataclass
class AppContext:
    home: Path = field(default_factory=default_home)
    debug: bool = False
    # run once when the store opens: who the work is recorded under (the command line's clerk)
    on_store_open: Callable[[Store], None] | None = None
    _store: Store | None = None
    _catalog: Catalog | None = None
    _older: dict[str, Catalog] = field(default_factory=dict)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.home)
            if self.on_store_open is not None:
                self.on_store_open(self._store)
        return self._store

    @property
    def catalog(self) -> Catalog:
        """What new dossiers are opened against; it finds the version of older ones."""
        if self._catalog is None:
            versions = self.catalog_versions()
            current = versions.current() if versions else None
            loaded = load_station_catalog(self.home, current)
            self._catalog = Catalog(loaded.procedures, loaded.version, self._catalog_of)
        return self._catalog

    def catalog_for(self, dossier: Dossier) -> Catalog:
        """The catalog the dossier was opened under: its checks follow that version."""
        return self.catalog.for_version(dossier.catalog_version)

    def catalog_versions(self) -> CatalogVersions | None:
        return province_versions(self.home, self.store)

    def reload_catalog(self) -> Catalog:
        """After an update: new dossiers use the version now current."""
        self._catalog = None
        return self.catalog

    def _catalog_of(self, version: str) -> Catalog:
        if version not in self._older:
            self._older[version] = load_station_catalog(self.home, self._bundle(version))
        return self._older[version]

    def _bundle(self, version: str) -> CatalogBundle | None:
        if version == BUILT_IN:
            return None
        versions = self.catalog_versions()
        if versions is None:  # a dossier from a version this station cannot check any more
            raise StationError(
                ErrorCode.CATALOG_INVALID, path=version, detail="no hub key to verify it with"
            )
        return versions.get(version)

    def bridge(self, in_process: bool = False) -> Bridge:
        return make_bridge(self.home, in_process)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
