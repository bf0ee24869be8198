"""`sohoa ocr show/on/off`: which profiles' pages the station reads (nhận dạng chữ), the same
switch as the settings dialog's. Pages of a profile switched off get no suggestion, and the
PDFs `sohoa dossier finish` builds with it carry no text layer."""

from __future__ import annotations

from typing import Any

import click

from app.context import AppContext
from station.ocr.switch import profile_reads, profiles_not_read, set_profiles_not_read
from station.pipeline.profile import PROFILES
from ui.cli.output import print_json

_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
_profiles = click.argument("profiles", nargs=-1, required=True, type=click.Choice(list(PROFILES)))


def reading_dict(app: AppContext) -> dict[str, bool]:
    off = profiles_not_read(app.store)
    return {name: profile_reads(name, off) for name in PROFILES}


def _print(app: AppContext, as_json: bool) -> None:
    reading = reading_dict(app)
    if as_json:
        payload: dict[str, Any] = {"ok": True, "ocr": reading}
        print_json(payload)
        return
    for name, on in reading.items():
        state = "đọc / read" if on else "không đọc / not read"
        click.echo(f"{name}: {state}")


@click.group("ocr")
def ocr_group() -> None:
    """Text recognition per profile (nhận dạng chữ theo hồ sơ quét)."""


@ocr_group.command("show")
@_json_option
@click.pass_obj
def show_command(app: AppContext, as_json: bool) -> None:
    """Which profiles' pages are read (hồ sơ quét nào được nhận dạng chữ)."""
    _print(app, as_json)


@ocr_group.command("off")
@_profiles
@_json_option
@click.pass_obj
def off_command(app: AppContext, profiles: tuple[str, ...], as_json: bool) -> None:
    """Stop reading these profiles' pages (tắt nhận dạng chữ): no suggestion, no text layer."""
    set_profiles_not_read(app.store, profiles_not_read(app.store) | set(profiles))
    _print(app, as_json)


@ocr_group.command("on")
@_profiles
@_json_option
@click.pass_obj
def on_command(app: AppContext, profiles: tuple[str, ...], as_json: bool) -> None:
    """Read these profiles' pages again (bật nhận dạng chữ)."""
    set_profiles_not_read(app.store, profiles_not_read(app.store) - set(profiles))
    _print(app, as_json)
