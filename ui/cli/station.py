"""`sohoa station ...`: the station's identity (name, agency code, level), kept in the store.

The PDFs' metadata, the manifests and the facts sent to the hub all say what is set here."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import click

from app.context import AppContext
from app.identity import take_over_identity
from station.model import AdminLevel
from station.store.identity import LEVELS, StationIdentity
from ui.cli.output import print_json

LEVEL_NAMES = {AdminLevel.COMMUNE: ("xã", "commune"), AdminLevel.PROVINCE: ("tỉnh", "province")}


def station_dict(app: AppContext) -> dict[str, Any]:
    station = app.store.station()
    identity = app.store.identity()
    return {
        "id": station.id,
        "name": identity.name,
        "agency_code": identity.agency_code,
        "level": identity.level.value,
        "updated_at": identity.updated_at.isoformat() if identity.updated_at else None,
    }


def _print(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json({"ok": True, "station": data})
        return
    vi, en = LEVEL_NAMES.get(AdminLevel(data["level"]), (data["level"], data["level"]))
    click.echo(f"Trạm / Station: {data['name']}")
    click.echo(f"Mã đơn vị / Agency code: {data['agency_code'] or '—'}")
    click.echo(f"Cấp / Level: {vi} / {en}")
    click.echo(f"Mã trạm / Station id: {data['id']}")


_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.group("station")
def station_group() -> None:
    """The station's identity (tên trạm, mã đơn vị, cấp)."""


@station_group.command("show")
@_json_option
@click.pass_obj
def show_command(app: AppContext, as_json: bool) -> None:
    """Show the station's name, agency code and level (xem thông tin trạm)."""
    take_over_identity(app.store, app.home)
    _print(station_dict(app), as_json)


@station_group.command("set")
@click.option("--name", help="Station name (tên trạm).")
@click.option("--agency-code", help="Agency code, QĐ 20/2020 (mã đơn vị), e.g. 000.01.31.H05.")
@click.option(
    "--level", type=click.Choice([level.value for level in LEVELS]),
    help="Local government tier since 1/7/2025 (cấp: xã hoặc tỉnh).",
)  # fmt: skip
@_json_option
@click.pass_obj
def set_command(
    app: AppContext, name: str | None, agency_code: str | None, level: str | None, as_json: bool
) -> None:
    """Change the station's identity (đổi thông tin trạm); what is not given is kept."""
    current = take_over_identity(app.store, app.home)
    wanted = StationIdentity(current.name, current.agency_code, current.level)
    if name is not None:
        wanted = replace(wanted, name=name)
    if agency_code is not None:
        wanted = replace(wanted, agency_code=agency_code)
    if level is not None:
        wanted = replace(wanted, level=AdminLevel(level))
    app.store.set_identity(wanted)
    _print(station_dict(app), as_json)
