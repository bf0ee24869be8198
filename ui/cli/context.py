"""What every command needs: the data directory, the store and the catalog, opened lazily."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from station.store import Layout, Store, default_home


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
            self._catalog = load_catalog([bundled_catalog_dir(), Layout(self.home).catalog])
        return self._catalog

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
