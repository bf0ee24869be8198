"""What every form the dashboard posts goes through: a signed-in session and the CSRF token of
the hub's own page; and, before a read the access log records, the reader's pace and a code a
dossier can have."""

from __future__ import annotations

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from hub.codes import is_acceptable_code, normalised_code
from hub.context import Hub
from hub.guard import reader_key
from hub.web import render, sessions
from hub.web.forms import genuine, read_form
from hub.web.login_routes import to_login
from hub.web.sessions import WebSession

Posted = tuple[dict[str, str], WebSession]


async def signed_in_form(request: Request, hub: Hub) -> Posted | Response:
    """The posted form and its session, or the answer to give instead (the login page, or 403
    for a form the hub's own page did not post)."""
    form = await read_form(request)
    session = await run_in_threadpool(sessions.current, request, hub)
    if session is None:
        return to_login(request, expired=sessions.had_cookie(request))
    if not genuine(request, form, session.csrf):
        return render.page(request, "message.html", 403, session=session, message="refused")
    return form, session


def refused_read(request: Request, hub: Hub, session: WebSession, code: str) -> Response | None:
    """Before a read the access log records: 429 past the reader's pace (60 a minute by
    default, shared with their API reads), counted whatever the answer so that guessing codes
    is paced as reading them is; then 422 for a code no dossier can have."""
    wait = hub.personal_reads.take(reader_key(session.principal))
    if wait:
        page = render.page(request, "message.html", 429, session=session, message="lookups_paced")
        page.headers["Retry-After"] = str(int(wait))
        return page
    wanted = code.strip()
    if wanted and not is_acceptable_code(normalised_code(wanted)):
        return render.page(request, "message.html", 422, session=session, message="code_refused")
    return None
