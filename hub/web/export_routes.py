"""The figures table of a page as CSV (UTF-8 with a BOM, `;` and decimal commas for a
Vietnamese Excel) or XLSX, written by station/stats/export.py: the numbers on the screen, in
its order, formula-like text neutralised."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hub.context import HubDep
from hub.web import sessions
from hub.web.drill import NotVisible
from hub.web.login_routes import to_login
from hub.web.period_params import QueryError
from hub.web.stats_pages import NAME_KEYS, Shown, figure_query, log_clerk_read, refusal, shown
from hub.web.words import Lang, export_wording, lang_of, word
from station.stats.export import CsvDialect, Overview, write_csv, write_xlsx

router = APIRouter()

_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_bytes(found: Shown, lang: Lang, fmt: str) -> bytes:
    level = found.view.drill.level
    name_heading = word(NAME_KEYS[level], lang)
    wording = export_wording(
        lang, found.table.kind, name_heading, word(NAME_KEYS[level] + "s", lang)
    )
    report = found.view.report
    view = Overview(found.period, report.total, report.queue, (found.table,))
    with tempfile.TemporaryDirectory(prefix="sohoa-export-") as folder:
        path = Path(folder) / f"export.{fmt}"
        if fmt == "csv":
            write_csv(path, view, wording, CsvDialect.EXCEL_VI)
        else:
            write_xlsx(path, view, wording)
        return path.read_bytes()


def file_name(found: Shown, fmt: str) -> str:
    level = found.view.drill.level.value
    period = found.period
    return f"sohoa-{level}-{period.first_day.isoformat()}-{period.last_day.isoformat()}.{fmt}"


@router.get("/export.{fmt}")
def export(
    fmt: str,
    request: Request,
    hub: HubDep,
    since: str | None = None,
    until: str | None = None,
    unit: str | None = None,
    station: str = "",
    clerk: str = "",
    sort: str | None = None,
    dir: str | None = None,  # (the query parameter's name)
) -> Response:
    if fmt not in _TYPES:
        return Response(status_code=404)
    session = sessions.current(request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    try:
        asked = figure_query(since, until, unit, station, clerk, sort, dir)
        found = shown(hub, session, asked, lang_of(request))
    except (QueryError, NotVisible) as problem:
        return refusal(request, problem)
    log_clerk_read(hub, request, session, found)
    headers = {
        "Content-Disposition": f'attachment; filename="{file_name(found, fmt)}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    content = export_bytes(found, lang_of(request), fmt)
    return Response(content, media_type=_TYPES[fmt], headers=headers)
