"""`sohoa separators PROCEDURE --out sheets.pdf`: separator sheets to print for a procedure."""

from __future__ import annotations

from pathlib import Path

import click

from app.context import AppContext
from app.separators import write_separator_sheets
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
    written = write_separator_sheets(app.catalog.get(procedure.strip()), out, patch_t)
    sheets = list(written.sheets)
    if as_json:
        print_json({"ok": True, "file": str(out), "procedure": written.procedure, "pages": sheets})
    else:
        click.echo(f"{out}: {len(sheets)} tờ / sheets ({', '.join(sheets)})")
