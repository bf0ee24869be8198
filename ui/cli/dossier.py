"""`sohoa dossier …`."""

from __future__ import annotations

import os
from dataclasses import asdict
from datetime import datetime
from typing import Any

import click

from app.context import AppContext
from app.finishing import finish
from app.receipt_details import cli_lines
from station.dossiers import (
    DossierRequest,
    checklist_rows,
    open_dossier,
    set_cases,
    untagged_pages,
)
from station.model import Dossier, DossierState, Page, Procedure
from station.pipeline.profile import PROFILES
from station.workflow.checks import Need, group_cases, groups_with_cases, undecided_groups
from ui.cli.output import print_json, read_secret
from ui.messages import warning_text


def dossier_dict(dossier: Dossier, procedure: Procedure | None) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "procedure_name": procedure.name if procedure else None,
        "applicant_name": dossier.applicant_name,
        "applicant_id_number": dossier.applicant_id_number,
        "received_at": dossier.received_at,
        "state": dossier.state,
        "station_id": dossier.station_id,
        "clerk_id": dossier.clerk_id,
        "created_at": dossier.created_at,
        "updated_at": dossier.updated_at,
        "finished_at": dossier.finished_at,
        "override_reason": dossier.override_reason,
        "cases": list(dossier.cases),
        "catalog_version": dossier.catalog_version,
    }


def page_dict(page: Page) -> dict[str, Any]:
    return {
        "id": page.id,
        "order": page.order,
        "component_code": page.component_code,
        "dpi": page.dpi,
        "paper_size": page.paper_size,
        "dpi_source": page.dpi_source,
        "file_dpi": page.file_dpi,
        "source_device": page.source_device,
        "sha256": page.sha256,
        "size": page.original.size,
        "media_type": page.original.media_type,
        "integrity": page.integrity,
        "annotated": page.annotated,
        "created_at": page.created_at,
    }


def _procedure_or_none(app: AppContext, code: str) -> Procedure | None:
    return app.catalog.procedures.get(code)


@click.group("dossier")
def dossier_group() -> None:
    """Dossiers (hồ sơ): create, show, list, choose cases, finish."""


def case_warnings(dossier: Dossier, procedure: Procedure) -> list[dict[str, Any]]:
    """A case group left undecided: Finish will refuse it, so say so now and how to choose."""
    groups = undecided_groups(procedure, dossier.cases)
    if not groups:
        return []
    vi, en = warning_text(
        "cases_undecided",
        procedure=procedure.code,
        code=dossier.code,
        groups=groups_with_cases(procedure, groups),
        example=group_cases(procedure, groups[0])[0],
    )
    return [{"code": "cases_undecided", "groups": list(groups), "message_vi": vi, "message_en": en}]


@dossier_group.command("new")
@click.option("--code", required=True, help="Dossier code as the one-stop system issued it.")
@click.option("--procedure", "procedure_code", required=True, help="TTHC code from the catalog.")
@click.option("--applicant", default="", help="Applicant's full name.")
@click.option("--id-number", default="", help="Applicant's ID number (CCCD/CMND/passport).")
@click.option(
    "--received-at", type=click.DateTime(), default=None, help="Receipt time (default: now)."
)
@click.option(
    "--case", "cases", multiple=True, help="A case (trường hợp) of the procedure; repeatable."
)
@click.option(
    "--from",
    "takes_over",
    default="",
    metavar="DRAFT",
    help="A draft dossier (NHAP-…) whose pages become this dossier's. A dossier created from "
    "a receipt's code with no procedure yet is completed by giving its own code.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def new_command(
    app: AppContext,
    code: str,
    procedure_code: str,
    applicant: str,
    id_number: str,
    received_at: datetime | None,
    cases: tuple[str, ...],
    takes_over: str,
    as_json: bool,
) -> None:
    """Open a new dossier (tạo hồ sơ mới), or complete one scanned before its procedure was
    chosen."""
    if received_at is not None and received_at.tzinfo is None:
        received_at = received_at.astimezone()  # naive input means the station's local time
    request = DossierRequest(  # the clerk is the one named before the command (--clerk)
        code, procedure_code, applicant, id_number, received_at, cases=tuple(cases),
        takes_over=takes_over,
    )  # fmt: skip
    catalog = app.catalog
    dossier, warnings = open_dossier(app.store, catalog, request)
    procedure = catalog.get(dossier.procedure_code)
    notes = [
        {"code": w.value, "message_vi": vi, "message_en": en}
        for w in warnings
        for vi, en in [warning_text(w.value)]
    ] + case_warnings(dossier, procedure)
    if as_json:
        print_json({"ok": True, "dossier": dossier_dict(dossier, procedure), "warnings": notes})
    else:
        click.echo(f"Đã tạo hồ sơ / Dossier created: {dossier.code}")
    for note in notes:
        click.echo(f"Cảnh báo: {note['message_vi']} | Warning: {note['message_en']}", err=True)


@dossier_group.command("cases")
@click.argument("code")
@click.option(
    "--case",
    "cases",
    multiple=True,
    help="A case (trường hợp) of the procedure; repeatable. Replaces the cases chosen before.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def cases_command(app: AppContext, code: str, cases: tuple[str, ...], as_json: bool) -> None:
    """Choose the cases of an open dossier (chọn trường hợp): they decide the papers required.
    `sohoa catalog show PROCEDURE` lists them."""
    dossier = set_cases(app.store, app.catalog, code.strip(), cases)
    procedure = app.catalog.for_version(dossier.catalog_version).get(dossier.procedure_code)
    notes = case_warnings(dossier, procedure)
    if as_json:
        print_json({"ok": True, "dossier": dossier_dict(dossier, procedure), "warnings": notes})
    else:
        chosen = ", ".join(dossier.cases) or "—"
        click.echo(f"Trường hợp / Cases of {dossier.code}: {chosen}")
    for note in notes:
        click.echo(f"Cảnh báo: {note['message_vi']} | Warning: {note['message_en']}", err=True)


@dossier_group.command("show")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def show_command(app: AppContext, code: str, as_json: bool) -> None:
    """Show a dossier with its components and pages."""
    dossier = app.store.dossier(code.strip())
    procedure = _procedure_or_none(app, dossier.procedure_code)
    pages = app.store.pages(dossier.code)
    rows = checklist_rows(procedure, pages, dossier.cases) if procedure else []
    data = {
        "ok": True,
        "dossier": dossier_dict(dossier, procedure),
        "components": [
            {
                "code": s.component.code,
                "name": s.component.name,
                "required": s.component.required,
                "need": s.need.need,
                "one_of": list(s.need.one_of),
                "kind": s.component.kind,
                "pages": s.pages,
                "missing": s.missing,
            }
            for s in rows
        ],
        "undecided_groups": list(undecided_groups(procedure, dossier.cases) if procedure else ()),
        "untagged_pages": untagged_pages(pages),
        "pages": [page_dict(p) for p in pages],
    }
    if as_json:
        print_json(data)
        return
    click.echo(f"{dossier.code}  {dossier.procedure_code}  {procedure.name if procedure else '?'}")
    click.echo(f"  {dossier.applicant_name}  {dossier.applicant_id_number}  [{dossier.state}]")
    for s in rows:
        mark = "!" if s.missing else ("*" if s.need.need is Need.REQUIRED else " ")
        click.echo(f"  {mark} {s.component.code:<5} {s.pages:>3}  {s.component.name}")
    for group in data["undecided_groups"]:
        click.echo(f"  ! Chưa chọn trường hợp / No case chosen: {group}")
    click.echo(f"  {len(pages)} trang / pages, {data['untagged_pages']} chưa gắn / untagged")


@dossier_group.command("list")
@click.option("--state", type=click.Choice([s.value for s in DossierState]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def list_command(app: AppContext, state: str | None, as_json: bool) -> None:
    """List dossiers, newest first."""
    dossiers = app.store.dossiers(DossierState(state) if state else None)
    if as_json:
        print_json(
            {
                "ok": True,
                "dossiers": [
                    dossier_dict(d, _procedure_or_none(app, d.procedure_code)) for d in dossiers
                ],
            }
        )
        return
    for d in dossiers:
        click.echo(f"{d.code}\t{d.procedure_code}\t{d.state}\t{d.applicant_name}")


@dossier_group.command("finish")
@click.argument("code")
@click.option(
    "--profile",
    type=click.Choice(list(PROFILES)),
    default=None,
    help="Processing profile (default: the station's, as set in the window's settings).",
)
@click.option(
    "--override-reason",
    default=None,
    help="Why the dossier is finished with required components missing (lý do).",
)
@click.option("--pdfa", is_flag=True, help="Write PDF/A-2b.")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Processes (default: all cores)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def finish_command(
    app: AppContext,
    code: str,
    profile: str | None,
    override_reason: str | None,
    pdfa: bool,
    workers: int | None,
    as_json: bool,
) -> None:
    """Finish a dossier: one PDF per component in the finished/ folder, queued for upload
    (hoàn tất hồ sơ). When signing is set up, every file is signed; the PIN or password is asked
    (or read from stdin)."""
    code = code.strip()
    outcome = finish(
        app.store,
        app.catalog,
        code,
        secret=lambda: read_secret("PIN / mật khẩu khóa ký (signing PIN or password)"),
        profile=profile or app.settings.profile,
        override_reason=override_reason,
        pdfa=pdfa,
        workers=workers or os.cpu_count(),
    )
    if outcome.upload.error is not None:
        raise outcome.upload.error
    receipt, warnings, jobs = outcome.receipt, outcome.warnings, outcome.upload.jobs
    signed = outcome.signer is not None
    if as_json:
        print_json(
            {"ok": True, **asdict(receipt), "signed": signed, "signing_warnings": warnings,
             "sync_jobs": jobs, "details": asdict(outcome.details) if outcome.details else None}
        )  # fmt: skip
        return
    click.echo(f"Đã hoàn tất hồ sơ / Dossier finished: {receipt.dossier_code}")
    if signed:
        click.echo("  Đã ký số mọi tệp / Every file is signed")
    for warning in warnings:
        click.echo(f"  Cảnh báo / Warning: {warning}")
    for f in receipt.files:
        path = app.store.layout.absolute(f.path)
        click.echo(f"  {f.component_code:<5} {f.pages:>3} trang / pages  {f.bytes:>9} B  {path}")
    for line in cli_lines(outcome.details) if outcome.details else []:
        click.echo(line)
    if receipt.override_reason:
        click.echo(f"  Lý do / Reason: {receipt.override_reason}")
    click.echo(f"  {jobs} mục chờ gửi / upload jobs queued")
