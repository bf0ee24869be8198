"""`sohoa separators PROCEDURE --out sheets.pdf`: separator sheets to print for a procedure."""

from __future__ import annotations

from pathlib import Path

import click

from app.context import AppContext
from station.codes.sheets import separator_sheets
from ui.cli.output import print_json


@click.command("separators")
@click.argument("procedure")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--patch-t", is_flag=True, help="Add a transfer patch sheet (next component).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def separators_command(
    app: AppContext, procedure: str, out: Path, patch_t: bool, as_json: bool
) -> None:
    """Print one separator sheet (tờ phân cách) per component of PROCEDURE into a PDF."""
    found = app.catalog.get(procedure.strip())
    out.write_bytes(separator_sheets(found, patch_t))
    components = [c.code for c in found.components] + (["patch-t"] if patch_t else [])
    if as_json:
        print_json({"ok": True, "file": str(out), "procedure": found.code, "pages": components})
    else:
        click.echo(f"{out}: {len(components)} tờ / sheets ({', '.join(components)})")
