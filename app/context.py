"""What every frontend needs: the data directory, the store, the station's settings, the
catalog and the scanner bridge, opened lazily and closed together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.catalogs import BUILT_IN as BUILT_IN
from app.catalogs import StationCatalogs
from app.catalogs import province_catalog_dir as province_catalog_dir
from app.settings import ProcessingSettings, processing_settings
from drivers.bridge import Bridge, InProcessBridge, WorkerBridge
from station.catalog import Catalog
from station.catalog_versions import CatalogVersions
from station.model import Dossier
from station.store import Store, default_home


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
    _catalogs: StationCatalogs | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.home)
            if self.on_store_open is not None:
                self.on_store_open(self._store)
        return self._store

    @property
    def settings(self) -> ProcessingSettings:
        """The profile and the blank-back choice, as the window last saved them in the store
        (read afresh each time: the window may change them meanwhile)."""
        return processing_settings(self.store, self.home)

    @property
    def catalogs(self) -> StationCatalogs:
        if self._catalogs is None:
            self._catalogs = StationCatalogs(self.home, lambda: self.store)
        return self._catalogs

    @property
    def catalog(self) -> Catalog:
        """What new dossiers are opened against; it finds the version of older ones."""
        return self.catalogs.current()

    def catalog_for(self, dossier: Dossier) -> Catalog:
        """The catalog the dossier was opened under: its checks follow that version."""
        return self.catalog.for_version(dossier.catalog_version)

    def catalog_versions(self) -> CatalogVersions | None:
        return self.catalogs.versions()

    def reload_catalog(self) -> Catalog:
        """After an update: new dossiers use the version now current."""
        return self.catalogs.reload()

    def bridge(self, in_process: bool = False) -> Bridge:
        return make_bridge(self.home, in_process)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
