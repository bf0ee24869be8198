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
from hub.web.dossier_view import DossierView, look_up
from hub.web.forms import genuine, read_form
from hub.web.login_routes import to_login
from hub.web.plain_tables import access_log_sheet, components_sheet, stations_sheet
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
) -> Response:
    if fmt not in FORMATS:
        return Response(status_code=404)
    answer = supervised(request, hub, figure_query(since, until, unit, station, clerk, None, None))
    if isinstance(answer, Response):
        return answer
    _session, found = answer
    return download(stations_sheet(found.view.stations, lang_of(request)), fmt, "stations")


@router.post("/dossier/components.{fmt}")
async def export_components(fmt: str, request: Request, hub: HubDep) -> Response:
    """A POST from the lookup page, as the lookup is: the code stays out of URLs, the export
    needs the page's token, and it is a read of the dossier written to the access log."""
    if fmt not in FORMATS:
        return Response(status_code=404)
    form = await read_form(request)
    session = await run_in_threadpool(sessions.current, request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if not genuine(request, form, session.csrf):
        return render.page(request, "message.html", 403, session=session, message="refused")
    asked = (form.get("code", ""), client_address(request), form.get("station", ""))
    try:
        found = await run_in_threadpool(look_up, hub, session.principal, *asked)
    except ApiError:
        return render.page(request, "message.html", 403, session=session, message="not_yours")
    if not isinstance(found, DossierView):  # none, or several stations and none picked
        return render.page(request, "message.html", 404, session=session, message="not_yours")
    sheet = components_sheet(found, lang_of(request))
    return download(sheet, fmt, f"components-{_file_safe(found.manifest['dossier_code'])}")


def _file_safe(code: str) -> str:
    """A dossier code as part of a file name: any code the hub took, in plain ASCII."""
    return re.sub(r"[^A-Za-z0-9.-]", "_", code)[:80]


@router.get("/access-log.{fmt}")
def export_access_log(fmt: str, request: Request, hub: HubDep) -> Response:
    if fmt not in FORMATS:
        return Response(status_code=404)
    session = sessions.current(request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if session.principal.role is not Role.ADMIN:
        return RedirectResponse("/", status_code=303)
    entries = access_log.entries(hub.db, limit=LOG_SHOWN)
    return download(access_log_sheet(entries, lang_of(request)), fmt, "access-log")
