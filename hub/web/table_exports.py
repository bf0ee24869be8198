"""The stations table and a dossier's components (for supervisors, within their scope) and the
access log (for administrators) as CSV or XLSX: the rows their pages show."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from hub import access_log, clock
from hub.auth import client_address
from hub.context import HubDep
from hub.errors import ApiError
from hub.principal import Role
from hub.web import render, sessions
from hub.web.dossier_pages import LOG_SHOWN
from hub.web.dossier_view import DossierView, holders, look_up
from hub.web.login_routes import to_login
from hub.web.plain_tables import (
    ACCESS_LOG_SORTS,
    COMPONENT_SORTS,
    access_log_sheet,
    components_sheet,
    holders_sheet,
    stations_sheet,
)
from hub.web.posted import refused_read, signed_in_form
from hub.web.sheet_files import FORMATS, Sheet, sheet_bytes
from hub.web.stats_pages import figure_query, supervised
from hub.web.words import lang_of
from station.stats.periods import zone

router = APIRouter()


def download(sheet: Sheet, fmt: str, stem: str) -> Response:
    today = clock.now().astimezone(zone()).date().isoformat()
    headers = {
        "Content-Disposition": f'attachment; filename="sohoa-{stem}-{today}.{fmt}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(sheet_bytes(sheet, fmt), media_type=FORMATS[fmt], headers=headers)


@router.get("/stations.{fmt}")
def export_stations(
    fmt: str,
    request: Request,
    hub: HubDep,
    since: str | None = None,
    until: str | None = None,
    unit: str | None = None,
    station: str = "",
    clerk: str = "",
    stations_sort: str | None = None,
    stations_dir: str | None = None,
) -> Response:
    """The page's stations table, in the page's order."""
    if fmt not in FORMATS:
        return Response(status_code=404)
    asked = figure_query(
        since, until, unit, station, clerk, None, None, stations_sort, stations_dir
    )
    answer = supervised(request, hub, asked)
    if isinstance(answer, Response):
        return answer
    _session, found = answer
    return download(stations_sheet(found.stations, lang_of(request)), fmt, "stations")


@router.post("/dossier/components.{fmt}")
async def export_components(fmt: str, request: Request, hub: HubDep) -> Response:
    """A POST from the lookup page, as the lookup is: the code stays out of URLs, the export
    needs the page's token, and it is a read of the dossier written to the access log."""
    if fmt not in FORMATS:
        return Response(status_code=404)
    posted = await signed_in_form(request, hub)
    if isinstance(posted, Response):
        return posted
    form, session = posted
    asked = (form.get("code", ""), client_address(request), form.get("station", ""))
    refused = refused_read(request, hub, session, asked[0])
    if refused is not None:
        return refused
    try:
        found = await run_in_threadpool(look_up, hub, session.principal, *asked)
    except ApiError:
        return render.page(request, "message.html", 403, session=session, message="not_yours")
    if not isinstance(found, DossierView):  # none, or several stations and none picked
        return render.page(request, "message.html", 404, session=session, message="not_yours")
    lang = lang_of(request)
    order = COMPONENT_SORTS.order(form.get("sort"), form.get("dir"))
    sheet = components_sheet(COMPONENT_SORTS.rows(found.files, order, lang), lang)
    return download(sheet, fmt, f"components-{_file_safe(found.manifest['dossier_code'])}")


@router.post("/dossier/holders.{fmt}")
async def export_holders(fmt: str, request: Request, hub: HubDep) -> Response:
    """The stations to pick from when several of the reader's hold a code: a POST from the
    lookup page, as the lookup is. It names stations, not a dossier's contents: not a read."""
    if fmt not in FORMATS:
        return Response(status_code=404)
    posted = await signed_in_form(request, hub)
    if isinstance(posted, Response):
        return posted
    form, session = posted
    try:
        found = await run_in_threadpool(holders, hub, session.principal, form.get("code", ""))
    except ApiError:
        return render.page(request, "message.html", 403, session=session, message="not_yours")
    if found is None:
        return render.page(request, "message.html", 404, session=session, message="not_yours")
    sheet = holders_sheet(found, lang_of(request))
    return download(sheet, fmt, f"holders-{_file_safe(found.code)}")


def _file_safe(code: str) -> str:
    """A dossier code as part of a file name: any code the hub took, in plain ASCII."""
    return re.sub(r"[^A-Za-z0-9.-]", "_", code)[:80]


@router.get("/access-log.{fmt}")
def export_access_log(
    fmt: str, request: Request, hub: HubDep, sort: str | None = None, dir: str | None = None
) -> Response:
    """The access log page's rows, in the page's order."""
    if fmt not in FORMATS:
        return Response(status_code=404)
    session = sessions.current(request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if session.principal.role is not Role.ADMIN:
        return RedirectResponse("/", status_code=303)
    lang, order = lang_of(request), ACCESS_LOG_SORTS.order(sort, dir)
    entries = ACCESS_LOG_SORTS.rows(access_log.entries(hub.db, limit=LOG_SHOWN), order, lang)
    return download(access_log_sheet(entries, lang), fmt, "access-log")
