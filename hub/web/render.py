"""Pages from jinja2 templates, autoescaped, with numbers written the reader's way."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from hub.web.words import Lang, lang_of, word
from station.stats.export import KINDS, Cell, Column, Kind
from station.stats.periods import zone

_TEMPLATES = Path(__file__).with_name("templates")
_env = Environment(
    loader=FileSystemLoader(_TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
# Pages carry personal data and a CSRF token: no cache keeps them, no other site frames them,
# and the page itself loads nothing from elsewhere.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
        " frame-ancestors 'none'; base-uri 'none'"
    ),
}


def number(value: Cell, lang: Lang, decimals: int = 0) -> str:
    """1.234,56 in Vietnamese, 1,234.56 in English; N/A as a dash."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    text = f"{value:,.{decimals}f}"
    if lang is Lang.VI:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def cell(value: Cell, column: Column, lang: Lang) -> str:
    kind = KINDS[column]
    if kind is Kind.TEXT or value is None or isinstance(value, str):
        return number(value, lang)
    return number(value, lang, 0 if kind is Kind.COUNT else 2)


def local_time(text: str | None, lang: Lang) -> str:
    """A stored UTC time as Viet Nam time, the way the reader writes dates."""
    if not text:
        return word("never", lang)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(zone())
    return moment.strftime("%d/%m/%Y %H:%M" if lang is Lang.VI else "%Y-%m-%d %H:%M")


def day_text(day: date, lang: Lang) -> str:
    """A day as the reader writes it: 01/11/2026 in Vietnamese, 2026-11-01 in English. The
    period fields are text in this form, not the browser's date picker, which writes the
    browser's locale (11/01/2026 in an en-US one) whatever the page's language."""
    return day.strftime("%d/%m/%Y") if lang is Lang.VI else day.isoformat()


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = _env.get_template(template).render(
        back_path=back if request.method == "GET" else "/",
        lang=lang.value,
        t=lambda key: word(key, lang),
        cell=lambda value, column: cell(value, column, lang),
        number=lambda value, decimals=0: number(value, lang, decimals),
        local_time=lambda text: local_time(text, lang),
        day=lambda value: day_text(value, lang),
        **context,
    )
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
