"""What every frontend needs: the data directory, the store, the catalog and the scanner
bridge, opened lazily and closed together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drivers.bridge import Bridge, InProcessBridge, WorkerBridge
from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from station.store import Layout, Store, default_home


def load_station_catalog(home: Path) -> Catalog:
    """The bundled catalog with the station's own additions (its catalog folder) on top."""
    return load_catalog([bundled_catalog_dir(), Layout(home).catalog])


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
    _store: Store | None = None
    _catalog: Catalog | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.home)
        return self._store

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load_station_catalog(self.home)
        return self._catalog

    def bridge(self, in_process: bool = False) -> Bridge:
        return make_bridge(self.home, in_process)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
