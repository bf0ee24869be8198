"""`sohoa catalog update` and `sohoa catalog version`: the province's catalog from the hub."""

from __future__ import annotations

import click

from app.context import AppContext, province_catalog_dir
from station.catalog import Catalog
from station.catalog_builtin import is_built_in
from station.catalog_bundle import CatalogBundle
from station.errors import ErrorCode, StationError
from sync.catalog_fetch import CatalogUpdate, update_catalog
from sync.credentials import load_secret
from sync.failures import PermanentError, TransientError
from sync.settings import load_settings
from sync.transport import HubHttp
from ui.cli.output import print_json, print_warning_line
from ui.messages import error_text, warning_text

BUILT_IN_TEXT = "mặc định / built-in"


@click.command("update")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalog_update_command(app: AppContext, as_json: bool) -> None:
    """Fetch the province's catalog from the hub, check its signature and use it for new
    dossiers; a refused one leaves the station on its version."""
    update = _fetch(app)
    catalog = app.reload_catalog()
    current = catalog.version
    notes = [_unreadable_warning(update.unreadable, current)] if update.unreadable else []
    if as_json:
        print_json(
            {"ok": True, "version": current, "previous": update.previous,
             "published": update.bundle is not None, "pinned_key": update.pinned_key,
             **local_json(catalog),
             **({"unreadable": update.unreadable,
                 "warnings": [{"message_vi": vi, "message_en": en} for vi, en in notes]}
                if notes else {})}
        )  # fmt: skip
        return
    for vi, en in notes:
        print_warning_line(vi, en)
    if update.pinned_key:
        click.echo(f"Đã ghi nhận khóa ký của máy chủ / Hub signing key pinned: {update.pinned_key}")
    if update.bundle is None:
        click.echo("Máy chủ chưa phát hành danh mục / The hub publishes no catalog yet.")
    click.echo(f"Danh mục đang dùng / Catalog in use: {catalog_name(current)}")
    for vi, en in ignored_warnings(catalog):  # the new version may hold what a local file added
        print_warning_line(vi, en)


def _unreadable_warning(version: str, now: str) -> tuple[str, str]:
    province = not is_built_in(now)
    return warning_text(
        "catalog_current_unreadable", version=version,
        now_vi=f"tỉnh {now}" if province else "mặc định",
        now_en=f"province's {now}" if province else "built-in",
    )  # fmt: skip


def _fetch(app: AppContext) -> CatalogUpdate:
    settings = load_settings(app.store)
    if not settings.configured or settings.target != "hub":
        raise StationError(ErrorCode.SYNC_NOT_CONFIGURED)
    http = HubHttp(settings, lambda: load_secret(settings))
    try:
        return update_catalog(app.store, province_catalog_dir(app.home), http)
    except (TransientError, PermanentError) as exc:
        raise exc.error from None
    finally:
        http.close()


@click.command("version")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalog_version_command(app: AppContext, as_json: bool) -> None:
    """The catalog version new dossiers are opened against, the versions kept, and the
    procedures the station's own folder adds (or names in vain)."""
    versions = app.catalog_versions()
    current = versions.current() if versions else None
    kept = versions.versions() if versions else []
    catalog = app.catalog
    if as_json:
        described = _describe(current) | ({} if current else {"version": catalog.version})
        print_json({"ok": True, **described, "kept": kept, **local_json(catalog)})
        return
    if current is None:
        click.echo(f"Danh mục / Catalog: {catalog_name(catalog.version)}")
    else:
        click.echo(f"Danh mục tỉnh / Province catalog: {current.version} ({current.issued_at})")
        click.echo(f"  khóa / key {current.key_id}  sha256 {current.digest}")
        click.echo(f"  đang giữ / kept: {', '.join(kept)}")
    for own in catalog.local:
        click.echo(
            f"  thủ tục riêng của trạm / station's own procedure: {own.code}"
            f" ({catalog.version_for(own.code)}) {own.path}"
        )
    for vi, en in ignored_warnings(catalog):
        print_warning_line(vi, en)


def ignored_warnings(catalog: Catalog) -> list[tuple[str, str]]:
    """One warning per own file that names a procedure the catalog holds (and is not used)."""
    if not is_built_in(catalog.version):
        whose = {
            "catalog_vi": f"tỉnh {catalog.version}",
            "catalog_en": f"province's {catalog.version}",
        }
    else:
        whose = {"catalog_vi": "mặc định", "catalog_en": "built-in"}
    return [
        warning_text("catalog_local_ignored", path=own.path, procedure=own.code, **whose)
        for own in catalog.ignored
    ]


def catalog_name(version: str) -> str:
    """A catalog version as the clerk reads it: the built-in one says so."""
    if not is_built_in(version):
        return version
    return f"{BUILT_IN_TEXT} ({version})" if version else BUILT_IN_TEXT


def station_catalog_warnings(app: AppContext) -> list[tuple[str, str]]:
    """What `sohoa check` says of the catalog: own files ignored, or why it cannot be read."""
    try:
        return ignored_warnings(app.catalog)
    except StationError as error:
        return [error_text(error)]


def local_json(catalog: Catalog) -> dict[str, object]:
    return {
        "local": [
            {"code": f.code, "path": f.path, "sha8": f.sha8,
             "version": catalog.version_for(f.code)}
            for f in catalog.local
        ],
        "ignored": [{"code": f.code, "path": f.path} for f in catalog.ignored],
    }  # fmt: skip


def _describe(current: CatalogBundle | None) -> dict[str, str]:
    if current is None:
        return {"version": "", "issued_at": "", "digest": "", "key_id": ""}
    return {"version": current.version, "issued_at": current.issued_at,
            "digest": current.digest, "key_id": current.key_id}  # fmt: skip
