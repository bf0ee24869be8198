"""`sohoa results …` and `sohoa dossier finish-result`: the result (kết quả) handed over after
reception, digitized into the finished dossier."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from app.context import AppContext
from app.results import (
    ResultOutcome,
    awaiting_results,
    finish_result_flow,
    import_result,
    open_result,
)
from station.pipeline.profile import PROFILES
from ui.cli.output import print_json, read_secret

_SECRET_PROMPT = "PIN / mật khẩu khóa ký (signing PIN or password)"


@click.group("results")
def results_group() -> None:
    """Results (kết quả): awaiting scan, electronic results."""


@results_group.command("pending")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def pending_command(app: AppContext, as_json: bool) -> None:
    """Finished dossiers whose paper result is not digitized yet, oldest first."""
    found = awaiting_results(app.store, app.catalog)
    if as_json:
        print_json(
            {
                "ok": True,
                "dossiers": [
                    {
                        "code": a.dossier_code,
                        "procedure_code": a.procedure_code,
                        "received_at": a.received_at,
                        "finished_at": a.finished_at,
                        "age_days": a.age_days,
                        "result_components": list(a.components),
                    }
                    for a in found
                ],
            }
        )
        return
    for a in found:
        click.echo(f"{a.dossier_code}\t{a.procedure_code}\t{a.age_days} ngày / days")
    click.echo(f"{len(found)} hồ sơ chờ kết quả / dossiers awaiting their result")


@results_group.command("open")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def open_command(app: AppContext, code: str, as_json: bool) -> None:
    """Open a finished dossier for its result: this station's, or one received at another
    station of the unit, asked of the hub (no personal data comes with it)."""
    dossier = open_result(app.store, app.catalog, code)
    handover = app.store.handover(dossier.code)
    payload = {
        "ok": True,
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "result_components": list(dossier.result_intake),
        "received_at": dossier.received_at.isoformat(),
        "received_by": handover.receiving_station if handover else None,
        "files_on_hub": handover.files_before if handover else None,
    }
    if as_json:
        print_json(payload)
        return
    click.echo(f"Mở để số hóa kết quả / Opened for its result: {dossier.code}")
    if handover is not None:
        click.echo(f"  Tiếp nhận tại trạm / Received at station: {handover.receiving_station}")
    click.echo(f"  Chờ kết quả / Result awaited: {', '.join(dossier.result_intake)}")


@results_group.command("import")
@click.argument("code")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--component", required=True, help="Result component code (KQ1…).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def import_command(app: AppContext, code: str, file: Path, component: str, as_json: bool) -> None:
    """Take the agency's PDF as the dossier's electronic result. A signed PDF is kept byte for
    byte; an unsigned one is signed when signing is set up."""
    outcome = import_result(
        app.store, app.catalog, code.strip(), file, component.strip(),
        secret=lambda: read_secret(_SECRET_PROMPT),
    )  # fmt: skip
    _print_outcome(app, outcome, as_json)


@click.command("finish-result")
@click.argument("code")
@click.option(
    "--profile",
    type=click.Choice(list(PROFILES)),
    default=None,
    help="Processing profile (default: the station's, as set in the window's settings).",
)
@click.option("--pdfa", is_flag=True, help="Write PDF/A-2b.")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Processes (default: all cores)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def finish_result_command(
    app: AppContext,
    code: str,
    profile: str | None,
    pdfa: bool,
    workers: int | None,
    as_json: bool,
) -> None:
    """Finish the result scanned into a finished dossier: one PDF per result component, signed
    as at reception, and a result manifest beside them (hoàn tất kết quả)."""
    outcome = finish_result_flow(
        app.store, app.catalog, code.strip(),
        secret=lambda: read_secret(_SECRET_PROMPT),
        profile=profile or app.settings.profile, pdfa=pdfa, workers=workers or os.cpu_count(),
    )  # fmt: skip
    _print_outcome(app, outcome, as_json)


def outcome_dict(outcome: ResultOutcome) -> dict[str, Any]:
    receipt = outcome.receipt
    return {
        "ok": True,
        **asdict(receipt),
        "signer": outcome.signer,
        "signing_warnings": outcome.warnings,
    }


def _print_outcome(app: AppContext, outcome: ResultOutcome, as_json: bool) -> None:
    if as_json:
        print_json(outcome_dict(outcome))
        return
    receipt = outcome.receipt
    click.echo(f"Đã số hóa kết quả / Result digitized: {receipt.dossier_code}")
    for f in receipt.files:
        path = app.store.layout.absolute(f.path)
        click.echo(f"  {f.component_code:<5} {f.pages:>3} trang / pages  {f.bytes:>9} B  {path}")
    click.echo(f"  Bản kê / Manifest: {app.store.layout.absolute(receipt.manifest_path)}")
    for warning in outcome.warnings:
        click.echo(f"  Cảnh báo / Warning: {warning}")
