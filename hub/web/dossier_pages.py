"""The dossier lookup and the opening of its files (every read written to the access log),
and the access log itself. Both reads are paced as the API's are, and a code no dossier can
have is refused before anything is looked up or logged (hub/web/posted.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from hub import access_log
from hub.auth import client_address
from hub.context import HubDep
from hub.errors import ApiError
from hub.principal import Role
from hub.web import render, sessions
from hub.web.dossier_file import attachment, media_type, open_file
from hub.web.dossier_view import DossierView, Holders, look_up
from hub.web.links import access_log_url
from hub.web.login_routes import to_login
from hub.web.plain_tables import (
    ACCESS_LOG_COLUMNS,
    ACCESS_LOG_SORTS,
    COMPONENT_SORTS,
    access_log_sheet,
)
from hub.web.posted import refused_read, signed_in_form
from hub.web.words import lang_of

router = APIRouter()
LOG_SHOWN = 200  # newest entries on the page


@router.get("/dossier")
def lookup_form(request: Request, hub: HubDep) -> Response:
    session = sessions.current(request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if session.principal.role is Role.ADMIN:
        return render.page(request, "message.html", 403, session=session, message="not_yours")
    return render.page(request, "dossier.html", session=session, code="", found=None, holders=None)


@router.post("/dossier")
async def lookup(request: Request, hub: HubDep) -> Response:
    """A POST: the code stays out of URLs and history, and the read needs the page's token."""
    posted = await signed_in_form(request, hub)
    if isinstance(posted, Response):
        return posted
    form, session = posted
    code, station = form.get("code", ""), form.get("station", "")
    refused = refused_read(request, hub, session, code)
    if refused is not None:
        return refused
    try:
        found = await run_in_threadpool(
            look_up, hub, session.principal, code, client_address(request), station
        )
    except ApiError:
        return render.page(request, "message.html", 403, session=session, message="not_yours")
    holders = found if isinstance(found, Holders) else None
    shown = found if isinstance(found, DossierView) else None
    status = 404 if found is None else 200
    order = COMPONENT_SORTS.order(form.get("sort"), form.get("dir"))
    files = () if shown is None else COMPONENT_SORTS.rows(shown.files, order, lang_of(request))
    return render.page(
        request, "dossier.html", status, session=session, code=code, found=shown,
        holders=holders, asked=True, files=files, order=order,
        next_order=lambda column: COMPONENT_SORTS.following(order, column),
    )  # fmt: skip


@router.post("/dossier/file")
async def open_dossier_file(request: Request, hub: HubDep) -> Response:
    """A POST from the lookup page, as the lookup is: the code stays out of URLs, and the
    opening needs the page's token."""
    posted = await signed_in_form(request, hub)
    if isinstance(posted, Response):
        return posted
    form, session = posted
    asked = (form.get("code", ""), form.get("station", ""), form.get("name", ""))
    refused = refused_read(request, hub, session, asked[0])
    if refused is not None:
        return refused
    try:
        opened = await run_in_threadpool(
            open_file, hub, session.principal, *asked, client_address(request)
        )
    except ApiError:
        return render.page(request, "message.html", 403, session=session, message="not_yours")
    if opened is None:
        return render.page(request, "message.html", 404, session=session, message="not_yours")
    headers = {
        "Content-Disposition": attachment(opened.name),
        "Content-Length": str(opened.size),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(opened.chunks, media_type=media_type(opened.name), headers=headers)


@router.get("/access-log")
def access_log_page(
    request: Request, hub: HubDep, sort: str | None = None, dir: str | None = None
) -> Response:
    session = sessions.current(request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if session.principal.role is not Role.ADMIN:
        return RedirectResponse("/", status_code=303)
    lang, order = lang_of(request), ACCESS_LOG_SORTS.order(sort, dir)
    entries = ACCESS_LOG_SORTS.rows(access_log.entries(hub.db, limit=LOG_SHOWN), order, lang)
    sheet = access_log_sheet(entries, lang)  # as the exports write it
    rows = [(e.action, row) for e, row in zip(entries, sheet.rows, strict=True)]
    return render.page(
        request, "access_log.html", session=session, sheet=sheet, rows=rows, order=order,
        columns=ACCESS_LOG_COLUMNS, export_url=lambda fmt: access_log_url(order, fmt),
        sort_url=lambda column: access_log_url(ACCESS_LOG_SORTS.following(order, column)),
    )  # fmt: skip
