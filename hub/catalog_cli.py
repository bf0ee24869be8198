"""`sohoa-hub catalog …`: publish the province's procedure catalog as signed versions."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from hub import catalog_key, catalog_store
from hub.catalog_import import CatalogRefused, default_version, import_catalog
from hub.cli_common import DATA, DSN, database, print_json
from hub.db import Database
from station.catalog import Catalog
from station.catalog_audit import diff_catalogs
from station.catalog_bundle import key_id, verify_bundle
from station.errors import StationError


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
    """Check procedure files (directories or files), sign them as a new version and publish
    it; a version with errors is refused."""
    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    try:
        stored = import_catalog(
            database(data_dir, dsn), data_dir, sources, version or default_version(), day
        )
    except CatalogRefused as exc:
        for p in exc.problems:
            click.echo(f"{p.kind.value}\t{p.procedure or '-'}\t{p.detail}\t{p.path}", err=True)
        raise click.ClickException(
            f"{len(exc.problems)} lỗi, không phát hành / errors, nothing published"
        ) from None
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


@catalog_group.command("key")
@DATA
def key_command(data_dir: Path) -> None:
    """The fingerprint of the signing key, for a station's operator to compare."""
    found = catalog_key.public_key(data_dir)
    if found is None:
        raise click.ClickException("chưa có khóa (chưa phát hành) / no key yet (nothing published)")
    click.echo(key_id(found))


def _catalog(db: Database, data_dir: Path, version: str) -> Catalog:
    text = catalog_store.document_text(db, version)
    public = catalog_key.public_key(data_dir)
    if text is None or public is None:
        raise click.BadParameter(f"không có phiên bản / no version {version!r}")
    try:
        return verify_bundle(json.loads(text), public).catalog()
    except StationError as exc:
        damaged = f"phiên bản {version} hỏng / version {version} is damaged"
        raise click.ClickException(damaged) from exc
