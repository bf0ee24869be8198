"""Publishing a catalog version: the files pass the same parser and audit as `sohoa catalog
check`, then the hub signs them under a new version name and keeps them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from hub import catalog_key, catalog_store, clock
from hub.catalog_store import StoredVersion
from hub.db import Database
from station.catalog import load_catalog, procedure_to_dict
from station.catalog_audit import Problem, Severity, check_catalog
from station.catalog_bundle import sign_bundle, verify_bundle


class CatalogRefused(Exception):
    """The files have errors (or hold no procedure); nothing was published."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def default_version() -> str:
    """A name that sorts by time, when the administrator gives none."""
    return clock.now().strftime("%Y.%m.%d-%H%M%S")


def import_catalog(
    db: Database, data_dir: Path, sources: Sequence[Path], version: str, today: date
) -> StoredVersion:
    """Raises CatalogRefused, catalog_store.VersionExists, or StationError (CATALOG_INVALID)
    for a version name the stations would refuse."""
    problems = check_catalog(sources, today)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise CatalogRefused(errors)
    procedures = [procedure_to_dict(p) for p in load_catalog(sources)]
    key = catalog_key.signing_key(data_dir)
    document = sign_bundle(version, clock.now_text(), procedures, key)
    # What a station will do with it: a name or content it would refuse is refused here.
    bundle = verify_bundle(document, key.public_key())
    return catalog_store.publish(db, document, bundle.digest)
