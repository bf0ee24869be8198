"""Logging in and out of the dashboard, the language switch, and the stylesheet."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from hub.auth import client_address
from hub.context import HubDep
from hub.web import render, sessions
from hub.web.forms import genuine, read_form
from hub.web.sessions import LoginRefusal
from hub.web.words import LANG_COOKIE, Lang

router = APIRouter()

LOGIN_COOKIE = "sohoa_login"  # before a login: what the login form's CSRF token is bound to
_CSS = Path(__file__).with_name("static") / "dashboard.css"


def to_login(request: Request, expired: bool = False) -> RedirectResponse:
    return RedirectResponse("/login?expired=1" if expired else "/login", status_code=303)


def _login_page(request: Request, problem: str = "", status: int = 200) -> Response:
    nonce = secrets.token_urlsafe(32)
    response = render.page(
        request,
        "login.html",
        status,
        csrf=sessions.csrf_token(nonce),
        problem=problem,
        secure=sessions.transport_allowed(request),
    )
    sessions.set_cookie(response, request, LOGIN_COOKIE, nonce)
    return response


@router.get("/login")
def login_form(request: Request, expired: str = "") -> Response:
    return _login_page(request, "expired" if expired else "")


@router.post("/login")
async def login(request: Request, hub: HubDep) -> Response:
    form = await read_form(request)
    nonce = request.cookies.get(sessions.cookie_name(request, LOGIN_COOKIE), "")
    if not nonce or not genuine(request, form, sessions.csrf_token(nonce)):
        return _login_page(request, "refused", 403)
    if not sessions.transport_allowed(request):
        return _login_page(request, LoginRefusal.INSECURE.value, 403)
    username, password = form.get("username", ""), form.get("password", "")
    wait = max(
        hub.token_by_address.take(client_address(request)),
        hub.token_by_client.take(f"account:{username[:100]}"),
    )
    if wait:
        return _login_page(request, LoginRefusal.SLOW_DOWN.value, 429)
    outcome = await run_in_threadpool(sessions.log_in, hub, username, password)
    if isinstance(outcome, LoginRefusal):
        return _login_page(request, outcome.value, 401)
    response = RedirectResponse("/", status_code=303)
    sessions.set_cookie(response, request, sessions.SESSION_COOKIE, outcome)
    sessions.clear_cookie(response, request, LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, hub: HubDep) -> Response:
    form = await read_form(request)
    session = await run_in_threadpool(sessions.current, request, hub)
    if session is None:
        return to_login(request)
    if not genuine(request, form, session.csrf):
        return render.page(request, "message.html", 403, message="refused")
    await run_in_threadpool(sessions.log_out, hub, session.token)
    response = to_login(request)
    sessions.clear_cookie(response, request, sessions.SESSION_COOKIE)
    return response


@router.get("/lang")
def switch_language(request: Request, to: str = "vi", back: str = "/") -> Response:
    # Only a path on this hub: "//elsewhere" or "/\\elsewhere" would leave it.
    safe = back if back.startswith("/") and not back.startswith(("//", "/\\")) else "/"
    response = RedirectResponse(safe, status_code=303)
    chosen = Lang.EN if to == Lang.EN else Lang.VI
    response.set_cookie(
        LANG_COOKIE,
        chosen.value,
        max_age=365 * 86400,
        path="/",
        httponly=True,
        secure=sessions.is_https(request),
        samesite="lax",
    )
    return response


@router.get("/static/dashboard.css")
def stylesheet() -> Response:
    return Response(
        _CSS.read_bytes(),
        media_type="text/css",
        headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
