"""`sohoa-hub catalog …`: publish the province's procedure catalog as signed versions."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from hub import catalog_key, catalog_store
from hub.catalog_import import (
    CatalogRefused,
    checked_procedures,
    default_version,
    import_catalog,
)
from hub.catalog_messages import check_line
from hub.catalog_sheet_messages import problem_line
from hub.catalog_sheet_write import write_csv, write_xlsx
from hub.cli_common import DATA, DSN, database, print_json
from hub.db import Database
from station.catalog import Catalog, bundled_catalog_dir
from station.catalog_audit import diff_catalogs
from station.catalog_bundle import key_id, verify_bundle
from station.errors import StationError
from station.model import Procedure


@click.group("catalog")
def catalog_group() -> None:
    """The province's procedure catalog (danh mục thủ tục của tỉnh), signed for stations."""


@catalog_group.command("import")
@DATA
@DSN
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--version", "version", default=None, help="Version name (default: the time).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check validity on this day.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def import_command(
    data_dir: Path,
    dsn: str | None,
    sources: tuple[Path, ...],
    version: str | None,
    today: object,
    as_json: bool,
) -> None:
    """Check procedure files (JSON files or directories, XLSX workbooks, CSV files), sign them
    as a new version and publish it; a version with errors is refused."""
    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    try:
        stored = import_catalog(
            database(data_dir, dsn), data_dir, sources, version or default_version(), day
        )
    except CatalogRefused as exc:
        raise _refused(exc, "không phát hành / errors, nothing published") from None
    except catalog_store.VersionExists as exc:
        raise click.ClickException(
            f"phiên bản {exc} đã phát hành, không sửa được / version {exc} is already published"
            " and cannot change"
        ) from None
    except StationError as exc:
        raise click.ClickException(f"danh mục không hợp lệ / invalid catalog: {exc}") from None
    if as_json:
        print_json(asdict(stored))
        return
    click.echo(
        f"Đã phát hành / Published: {stored.version} ({stored.procedures} thủ tục / procedures,"
        f" khóa / key {stored.key_id})"
    )


@catalog_group.command("list")
@DATA
@DSN
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_command(data_dir: Path, dsn: str | None, as_json: bool) -> None:
    """Published versions, newest (the one stations get) first."""
    found = catalog_store.versions(database(data_dir, dsn))
    if as_json:
        print_json([asdict(v) for v in found])
        return
    if not found:
        click.echo("Chưa có phiên bản nào / no version published yet.")
    for index, v in enumerate(found):
        mark = "*" if index == 0 else " "
        click.echo(f"{mark} {v.version}\t{v.imported_at}\t{v.procedures}\t{v.digest[:16]}")


@catalog_group.command("diff")
@DATA
@DSN
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def diff_command(data_dir: Path, dsn: str | None, old: str, new: str, as_json: bool) -> None:
    """What changed between two published versions."""
    db = database(data_dir, dsn)
    changes = diff_catalogs(_catalog(db, data_dir, old), _catalog(db, data_dir, new))
    if as_json:
        print_json([{**vars(c), "kind": c.kind.value} for c in changes])
        return
    for c in changes:
        detail = f": {c.old!r} → {c.new!r}" if c.old is not None or c.new is not None else ""
        click.echo(f"{c.kind.value}\t{c.procedure}\t{c.item or '(thủ tục / procedure)'}{detail}")
    click.echo(f"{len(changes)} thay đổi / changes")


@catalog_group.command("export")
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Write a workbook.")
@click.option(
    "--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path), help="Write CSV files."
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Export a version this hub published (the newest, or --version).",
)
@DSN
@click.option("--version", "version", default=None, help="The published version to export.")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
def export_command(
    xlsx: Path | None,
    csv_dir: Path | None,
    data_dir: Path | None,
    dsn: str | None,
    version: str | None,
    sources: tuple[Path, ...],
) -> None:
    """The catalog as a spreadsheet to edit and import again: a version the hub published
    (--data), the files given, or else the catalog built into the station."""
    if xlsx is None and csv_dir is None:
        raise click.UsageError("cần --xlsx TỆP hoặc --csv THƯ_MỤC / give --xlsx FILE or --csv DIR")
    if data_dir is not None and sources:
        raise click.UsageError("--data hoặc tệp, không cả hai / --data or files, not both")
    if data_dir is not None:
        procedures = list(_catalog(database(data_dir, dsn), data_dir, version))
    else:
        try:
            procedures = checked_procedures(sources or (bundled_catalog_dir(),), date.today())
        except CatalogRefused as exc:
            raise _refused(exc, "không xuất / errors, nothing exported") from None
    written = _export(procedures, xlsx, csv_dir)
    click.echo(f"Đã xuất / Exported: {len(procedures)} thủ tục / procedures → {', '.join(written)}")


@catalog_group.command("key")
@DATA
def key_command(data_dir: Path) -> None:
    """The fingerprint of the signing key, for a station's operator to compare."""
    found = catalog_key.public_key(data_dir)
    if found is None:
        raise click.ClickException("chưa có khóa (chưa phát hành) / no key yet (nothing published)")
    click.echo(key_id(found))


def _export(procedures: list[Procedure], xlsx: Path | None, csv_dir: Path | None) -> list[str]:
    written = []
    if xlsx is not None:
        write_xlsx(procedures, xlsx)
        written.append(str(xlsx))
    if csv_dir is not None:
        written += [str(p) for p in write_csv(procedures, csv_dir)]
    return written


def _refused(exc: CatalogRefused, outcome: str) -> click.ClickException:
    """Every problem on stderr, one a line; the exception says how many."""
    for line in map(check_line, exc.problems):
        click.echo(line, err=True)
    for line in map(problem_line, exc.sheet_problems):
        click.echo(line, err=True)
    return click.ClickException(f"{len(exc.problems) + len(exc.sheet_problems)} lỗi, {outcome}")


def _catalog(db: Database, data_dir: Path, version: str | None) -> Catalog:
    text = catalog_store.document_text(db, version)
    public = catalog_key.public_key(data_dir)
    if text is None or public is None:
        raise click.BadParameter(f"không có phiên bản / no version {version or ''!r}")
    try:
        return verify_bundle(json.loads(text), public).catalog()
    except StationError as exc:
        damaged = f"phiên bản {version} hỏng / version {version} is damaged"
        raise click.ClickException(damaged) from exc
