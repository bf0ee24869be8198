"""`sohoa catalog …`: list, show, check and diff the procedure catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from app.context import AppContext
from station.catalog import Catalog, bundled_catalog_dir, procedure_to_dict
from station.catalog_audit import Problem, ProblemKind, Severity, check_catalog, diff_catalogs
from station.catalog_builtin import is_built_in
from station.catalog_problem_text import problem_words
from station.model import Component, Procedure
from station.store import Layout
from ui.cli.catalog_sources import catalog_source, province_problems, split_sources
from ui.cli.output import print_json

EXIT_PROBLEMS = 1


@click.group("catalog")
def catalog_group() -> None:
    """The procedure catalog (danh mục thủ tục)."""


@catalog_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalog_list_command(app: AppContext, as_json: bool) -> None:
    """List the procedures this station knows."""
    procedures = list(app.catalog)
    if as_json:
        print_json({"ok": True, "procedures": [procedure_to_dict(p) for p in procedures]})
        return
    for p in procedures:
        mark = "✓" if p.provenance.verified else "?"
        click.echo(f"{p.code}\t{mark}\t{p.name}")


@catalog_group.command("show")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalog_show_command(app: AppContext, code: str, as_json: bool) -> None:
    """One procedure: its cases, components, alternatives and sources."""
    catalog = app.catalog
    procedure = catalog.get(code.strip())
    own = next((f for f in catalog.local if f.code == procedure.code), None)
    if as_json:
        print_json(
            {"ok": True, "procedure": procedure_to_dict(procedure),
             "catalog_version": catalog.version_for(procedure.code),
             "local_file": own.path if own else None}
        )  # fmt: skip
        return
    for line in _describe(procedure):
        click.echo(line)
    if own is not None:
        click.echo(f"Tệp riêng của trạm / station's own file: {own.path}")
        click.echo(f"  hồ sơ mới ghi / new dossiers record: {catalog.version_for(procedure.code)}")


def _describe(p: Procedure) -> list[str]:
    v = p.provenance
    state = (
        f"đã kiểm chứng / verified {v.verified_on} ({v.verified_by})"
        if v.verified
        else f"chưa kiểm chứng / unverified: {v.reason}"
    )
    lines = [f"{p.code} — {p.name}", f"  {p.agency}", f"  {state}"]
    if v.valid_from or v.valid_until:
        lines.append(f"  hiệu lực / valid: {v.valid_from or '…'} → {v.valid_until or '…'}")
    if p.cases:
        lines.append("Trường hợp / cases:")
        lines += [f"  {c.code}\t[{c.group or '-'}]\t{c.name}" for c in p.cases]
    lines.append("Thành phần / components:")
    for c in p.components:
        lines.append(f"  {c.code}\t{c.kind.value}\t{_need(p, c)}\t{c.name}")
    for a in p.alternatives:
        when = f" (khi {', '.join(a.cases)})" if a.cases else ""
        lines.append(f"Một trong / one of: {' | '.join(a.any_of)}{when}")
    lines.append("Nguồn / sources:")
    for d in v.documents:
        read = f"đọc {d.read_on}" if d.read_on else "chưa đọc"
        lines.append(f"  [{d.kind.value}] {d.title} ({read}) {d.ref}")
    return lines


def _need(p: Procedure, c: Component) -> str:
    if c.not_requested:
        return "KHÔNG được yêu cầu"
    if c.required:
        return "bắt buộc"
    needs = ["một trong " + "|".join(a.any_of) for a in p.alternatives_with(c.code)]
    if c.required_in:
        needs.append("bắt buộc khi " + ", ".join(c.required_in))
    return "; ".join(needs) or "tùy trường hợp"


@catalog_group.command("check")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check validity on this day.")
@click.pass_obj
def catalog_check_command(
    app: AppContext, sources: tuple[Path, ...], as_json: bool, today: object
) -> None:
    """Check catalog files, folders or signed versions' files (default: the bundled ones, the
    province's version in use and this station's own folder, whose files may only add
    procedures); exit 1 on an error."""
    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    plain, problems = split_sources(list(sources), day)
    paths = plain if sources else [bundled_catalog_dir(), Layout(app.home).catalog]
    problems += check_catalog(paths, day) if paths else []
    paths += [s for s in sources if s not in plain]
    if not sources:
        province, found = province_problems(app, day)
        paths += [Path(province)] if province else []
        problems += found
    if not sources and not any(p.kind is ProblemKind.INVALID for p in problems):
        problems += _ignored_own_files(app.catalog)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if as_json:
        print_json(
            {
                "ok": not errors,
                "sources": [str(p) for p in paths],
                "problems": [
                    {**vars(p), "kind": p.kind.value, "severity": p.severity.value}
                    for p in problems
                ],
            }
        )
    else:
        for p in problems:
            vi, en = problem_words(p.kind)
            where = f"{p.severity.value}\t{p.procedure or '-'}\t{p.kind.value}"
            click.echo(f"{where}\t{vi} / {en}: {p.detail}\t{p.path}")
        click.echo(f"{len(errors)} lỗi / errors, {len(problems) - len(errors)} cảnh báo / warnings")
    if errors:
        raise SystemExit(EXIT_PROBLEMS)


def _ignored_own_files(catalog: Catalog) -> list[Problem]:
    version = "built-in" if is_built_in(catalog.version) else catalog.version
    return [Problem(f.path, f.code, ProblemKind.LOCAL_IGNORED, version) for f in catalog.ignored]


@catalog_group.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalog_diff_command(app: AppContext, old: str, new: str, as_json: bool) -> None:
    """What changed between two catalogs: directories or files of procedures, a province
    version as the hub serves it, or the name of a version this station keeps (`sohoa catalog
    version` lists them; "builtin" is the installed built-in one)."""
    changes = diff_catalogs(catalog_source(app, old), catalog_source(app, new))
    if as_json:
        print_json({"ok": True, "changes": [{**vars(c), "kind": c.kind.value} for c in changes]})
        return
    for c in changes:
        detail = f": {c.old!r} → {c.new!r}" if c.old is not None or c.new is not None else ""
        click.echo(f"{c.kind.value}\t{c.procedure}\t{c.item or '(thủ tục / procedure)'}{detail}")
    click.echo(f"{len(changes)} thay đổi / changes")
