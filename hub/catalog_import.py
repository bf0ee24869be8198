"""Publishing a catalog version: the files pass the same parser and audit as `sohoa catalog
check`, then the hub signs them under a new version name and keeps them. Spreadsheets (XLSX, or
CSV files) are converted first and go through the same check (hub/catalog_sheet_check.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from hub import catalog_key, catalog_store, clock
from hub.catalog_sheet_check import CSV, is_sheet, read_sheet_catalog
from hub.catalog_sheet_read import SheetProblem
from hub.catalog_store import StoredVersion
from hub.db import Database
from station.catalog import load_catalog, procedure_to_dict
from station.catalog_audit import Problem, Severity, check_catalog
from station.catalog_bundle import sign_bundle, verify_bundle
from station.model import Procedure


class CatalogRefused(Exception):
    """The files have errors (or hold no procedure); nothing was published."""

    def __init__(
        self, problems: list[Problem], sheet_problems: Sequence[SheetProblem] = ()
    ) -> None:
        super().__init__(f"{len(problems) + len(sheet_problems)} problems")
        self.problems = problems
        self.sheet_problems = list(sheet_problems)


def default_version() -> str:
    """A name that sorts by time, when the administrator gives none."""
    return clock.now().strftime("%Y.%m.%d-%H%M%S")


def import_catalog(
    db: Database, data_dir: Path, sources: Sequence[Path], version: str, today: date
) -> StoredVersion:
    """Raises CatalogRefused, catalog_store.VersionExists, or StationError (CATALOG_INVALID)
    for a version name the stations would refuse."""
    procedures = [procedure_to_dict(p) for p in checked_procedures(sources, today)]
    key = catalog_key.signing_key(data_dir)
    document = sign_bundle(version, clock.now_text(), procedures, key)
    # What a station will do with it: a name or content it would refuse is refused here.
    bundle = verify_bundle(document, key.public_key())
    return catalog_store.publish(db, document, bundle.digest)


def checked_procedures(sources: Sequence[Path], today: date) -> list[Procedure]:
    """The procedures of every source, a later one overriding a code an earlier one gave;
    raises CatalogRefused when any source has an error."""
    problems: list[Problem] = []
    sheet_problems: list[SheetProblem] = []
    procedures: dict[str, Procedure] = {}
    for group in source_groups(sources):
        if is_sheet(group[0]):
            found, refused = read_sheet_catalog(group, today)
            sheet_problems += refused
        else:
            errors = [p for p in check_catalog(group, today) if p.severity is Severity.ERROR]
            problems += errors
            found = [] if errors else list(load_catalog(group))
        procedures.update((p.code, p) for p in found)
    if problems or sheet_problems:
        raise CatalogRefused(problems, sheet_problems)
    return list(procedures.values())


def source_groups(sources: Sequence[Path]) -> list[list[Path]]:
    """Each JSON file or folder and each workbook alone; the CSV files, together one catalog,
    where the first of them stands."""
    groups: list[list[Path]] = []
    csv_files: list[Path] = []
    for source in sources:
        if source.suffix.lower() != CSV:
            groups.append([source])
            continue
        if not csv_files:
            groups.append(csv_files)
        csv_files.append(source)
    return groups
