"""`sohoa catalog update` and `sohoa catalog version`: the province's catalog from the hub."""

from __future__ import annotations

import click

from app.context import AppContext, province_catalog_dir
from station.catalog_bundle import CatalogBundle
from station.errors import ErrorCode, StationError
from sync.catalog_fetch import CatalogUpdate, update_catalog
from sync.credentials import load_secret
from sync.failures import PermanentError, TransientError
from sync.settings import load_settings
from sync.transport import HubHttp
from ui.cli.output import print_json

BUILT_IN_TEXT = "mặc định / built-in"


@click.command("update")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalog_update_command(app: AppContext, as_json: bool) -> None:
    """Fetch the province's catalog from the hub, check its signature and use it for new
    dossiers; a refused one leaves the station on its version."""
    update = _fetch(app)
    current = app.reload_catalog().version
    if as_json:
        print_json(
            {"ok": True, "version": current, "previous": update.previous,
             "published": update.bundle is not None, "pinned_key": update.pinned_key}
        )  # fmt: skip
        return
    if update.pinned_key:
        click.echo(f"Đã ghi nhận khóa ký của máy chủ / Hub signing key pinned: {update.pinned_key}")
    if update.bundle is None:
        click.echo("Máy chủ chưa phát hành danh mục / The hub publishes no catalog yet.")
    click.echo(f"Danh mục đang dùng / Catalog in use: {current or BUILT_IN_TEXT}")


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
    """The catalog version new dossiers are opened against, and the versions kept."""
    versions = app.catalog_versions()
    current = versions.current() if versions else None
    kept = versions.versions() if versions else []
    if as_json:
        print_json({"ok": True, **_describe(current), "kept": kept})
        return
    if current is None:
        click.echo(f"Danh mục / Catalog: {BUILT_IN_TEXT}")
        return
    click.echo(f"Danh mục tỉnh / Province catalog: {current.version} ({current.issued_at})")
    click.echo(f"  khóa / key {current.key_id}  sha256 {current.digest}")
    click.echo(f"  đang giữ / kept: {', '.join(kept)}")


def _describe(current: CatalogBundle | None) -> dict[str, str]:
    if current is None:
        return {"version": "", "issued_at": "", "digest": "", "key_id": ""}
    return {"version": current.version, "issued_at": current.issued_at,
            "digest": current.digest, "key_id": current.key_id}  # fmt: skip
