"""`sohoa page separate PAGE_ID` and `sohoa page stitch PAGE_ID... [--paper A2]`: a stitched page
given back as its scanned parts, or stored pages stitched into one sheet in their place."""

from __future__ import annotations

import click

from app.context import AppContext
from app.stitching import paper_choice, separate, stitch_stored
from station.model import Page
from station.paper import parse_paper
from station.stitch import StitchError
from ui.cli.dossier import page_dict
from ui.cli.output import print_error_line, print_json
from ui.stitch.messages import stitch_error_text

EXIT_ERROR = 3


@click.group("page")
def page_group() -> None:
    """Pages of an open dossier (trang): separate a stitched page, stitch pages into a sheet."""


@page_group.command("separate")
@click.argument("page_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def separate_command(app: AppContext, page_id: str, as_json: bool) -> None:
    """Give a stitched page back as the parts it was stitched from, in its place
    (tách trang ghép thành các phần đã quét)."""
    parts = separate(app.store, page_id.strip())
    if as_json:
        print_json({"ok": True, "separated": page_id, "parts": [page_dict(p) for p in parts]})
        return
    for part in parts:
        click.echo(f"#{part.order} {part.id}")
    click.echo(f"{len(parts)} phần đã quét / scanned parts")


@page_group.command("stitch")
@click.argument("page_ids", nargs=-1, required=True)
@click.option(
    "--paper",
    "paper_name",
    default=None,
    metavar="PAPER",
    help="A0, A1, A2, A3 or WxH mm (default: the smallest A size the pages make: four A4 "
    "scans an A3, eight an A2).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def stitch_command(
    app: AppContext, page_ids: tuple[str, ...], paper_name: str | None, as_json: bool
) -> None:
    """Stitch overlapping pages of one dossier into one page of the paper, in their place; they
    stay as its parts (ghép các trang thành một tờ)."""
    ids = list(dict.fromkeys(page_id.strip() for page_id in page_ids))
    if paper_name is None:
        paper = paper_choice(app.store, ids).suggested
    else:
        paper = parse_paper(paper_name)
        if paper.is_auto:
            raise click.BadParameter("choose a paper size, not auto", param_hint="--paper")
    try:
        page = stitch_stored(app.store, ids, paper)
    except StitchError as error:
        _refuse(error, ids, as_json)
        raise SystemExit(EXIT_ERROR) from error
    _report(page, ids, as_json)


def _report(page: Page, parts: list[str], as_json: bool) -> None:
    if as_json:
        print_json({"ok": True, "page": page_dict(page), "parts": parts})
        return
    click.echo(f"#{page.order} {page.id} {page.paper_size}: {len(parts)} phần / parts stitched")


def _refuse(error: StitchError, page_ids: list[str], as_json: bool) -> None:
    """Why the pages make no sheet; they stay as they were."""
    vi, en = stitch_error_text(error, page_ids)
    vi += " Các trang vẫn như cũ."
    en += " The pages are left as they were."
    if as_json:
        error_part = {"code": error.code.value, "message_vi": vi, "message_en": en}
        print_json({"ok": False, "error": error_part})
    print_error_line(vi, en)
