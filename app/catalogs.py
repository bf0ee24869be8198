"""The station's catalogs: the one new dossiers are opened against (the province's current
version, or the built-in one while the station has none, then the station's own additions) and
the one each older dossier was opened under. `reload` after the sender fetched a version;
Qt-free, for both frontends.

A province version is the province's complete list: a procedure it leaves out is no longer
offered for new dossiers (dossiers already open keep the version they were opened under)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from station.catalog import Catalog, LocalFile, split_version
from station.catalog_builtin import built_in_catalog, is_built_in
from station.catalog_builtin_kept import keep_built_in, kept_built_in
from station.catalog_bundle import CatalogBundle
from station.catalog_keys import public_key_from_text
from station.catalog_local import keep_local, kept_local, with_local
from station.catalog_versions import CatalogVersions
from station.errors import ErrorCode, StationError
from station.store import Layout, Store
from sync.settings import PREFIX, settings_from

BUILT_IN = ""  # what dossiers opened under the built-in catalog recorded before it had a name


def province_catalog_dir(home: Path) -> Path:
    return Path(home) / "catalogs"


def kept_built_in_dir(home: Path) -> Path:
    """Where each built-in list dossiers were opened under is kept, by its name."""
    return province_catalog_dir(home) / "builtin"


def kept_local_dir(home: Path) -> Path:
    """Where the local procedures dossiers were opened under are kept, by sha8."""
    return province_catalog_dir(home) / "local"


def province_versions(home: Path, store: Store) -> CatalogVersions | None:
    """The province's versions this station received; None until it pinned the hub's key."""
    key = settings_from(store.settings(PREFIX)).catalog_key
    if not key:
        return None
    return CatalogVersions(province_catalog_dir(home), public_key_from_text(key))


def load_station_catalog(
    home: Path, province: CatalogBundle | None = None, built_in: Catalog | None = None
) -> Catalog:
    """The province's version (else `built_in`, else the bundled catalog) and the procedures
    the station's own folder adds; an own file naming a procedure already there is ignored
    (listed)."""
    if province is not None:
        base = Catalog(dict(province.catalog().procedures), province.version)
    else:
        base = built_in or built_in_catalog()
    return with_local(base, Layout(home).catalog)


class StationCatalogs:
    def __init__(self, home: Path, store: Callable[[], Store]) -> None:
        self.home = Path(home)
        self._store = store
        self._current: Catalog | None = None
        self._older: dict[str, Catalog] = {}

    def versions(self) -> CatalogVersions | None:
        return province_versions(self.home, self._store())

    def current(self) -> Catalog:
        """What new dossiers are opened against; it finds the version of older ones."""
        if self._current is None:
            versions = self.versions()
            province = versions.current() if versions else None
            built_in = None if province else built_in_catalog()
            if built_in is not None:  # dossiers opened now keep it across an upgrade
                keep_built_in(kept_built_in_dir(self.home), built_in)
            loaded = load_station_catalog(self.home, province, built_in)
            keep_local(kept_local_dir(self.home), loaded)
            self._current = dataclasses.replace(loaded, others=self.of_version)
        return self._current

    def reload(self) -> Catalog:
        """After an update: new dossiers use the version now current (and the own folder as it
        is now); dossiers already open keep theirs."""
        self._current = None
        return self.current()

    def of_version(self, version: str) -> Catalog:
        """The catalog a dossier was opened under (`Dossier.catalog_version`)."""
        if version not in self._older:
            self._older[version] = self._load(version)
        return self._older[version]

    def _load(self, version: str) -> Catalog:
        base, digest = split_version(version)
        if is_built_in(base):
            built_in = kept_built_in(kept_built_in_dir(self.home), base)
            catalog = load_station_catalog(self.home, None, built_in)
        else:
            catalog = load_station_catalog(self.home, self._bundle(base))
        kept = kept_local(kept_local_dir(self.home), digest)
        if kept is not None:  # the local procedure as it was when the dossier was opened
            own = LocalFile(kept.code, str(kept_local_dir(self.home) / f"{digest}.json"), digest)
            local = tuple(f for f in catalog.local if f.code != kept.code) + (own,)
            catalog = Catalog(
                {**catalog.procedures, kept.code: kept}, catalog.version, None, local,
                catalog.ignored,
            )  # fmt: skip
        return dataclasses.replace(catalog, others=self.of_version)

    def named(self, name: str) -> Catalog:
        """A catalog this station holds, by name: a kept province version (verified with the
        key it was accepted under), `builtin-<sha8>` kept, or "builtin" for the installed one;
        CATALOG_INVALID for any other name."""
        if name == "builtin":
            return built_in_catalog()
        if is_built_in(name):
            kept = kept_built_in(kept_built_in_dir(self.home), name)
            if kept is not None:
                return kept
        else:
            versions = self.versions()
            if versions is not None and name in versions.versions():
                return versions.get(name).catalog()
        raise StationError(ErrorCode.CATALOG_INVALID, path=name, detail="no such catalog here")

    def _bundle(self, version: str) -> CatalogBundle:
        versions = self.versions()
        if versions is None:  # a dossier from a version this station cannot check any more
            raise StationError(
                ErrorCode.CATALOG_INVALID, path=version, detail="no hub key to verify it with"
            )
        return versions.get(version)
