"""`sohoa check`: integrity of the store; exit 1 when problems are found."""

from __future__ import annotations

import click

from app.context import AppContext
from station.integrity import check_store
from ui.cli.catalog_sync import station_catalog_warnings
from ui.cli.output import print_json, print_warning_line

EXIT_PROBLEMS = 1


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def check_command(app: AppContext, as_json: bool) -> None:
    """Check the store: database integrity and every page file's sha256."""
    report = check_store(app.store)
    ignored = station_catalog_warnings(app)  # own catalog files the station does not follow
    if as_json:
        print_json(
            {
                "ok": report.clean,
                "clean": report.clean,
                "home": str(app.home),
                "dossiers": report.dossiers,
                "pages": report.pages,
                "problems": report.problems,
                "recovery": report.recovery,
                "catalog_warnings": [{"vi": vi, "en": en} for vi, en in ignored],
            }
        )
    else:
        for problem in report.problems:
            click.echo(f"{problem.kind}\t{problem.subject}\t{problem.detail}")
        state = "sạch / clean" if report.clean else f"{len(report.problems)} vấn đề / problems"
        click.echo(f"{report.dossiers} hồ sơ / dossiers, {report.pages} trang / pages: {state}")
        for vi, en in ignored:
            print_warning_line(vi, en)
    if not report.clean:
        raise SystemExit(EXIT_PROBLEMS)
