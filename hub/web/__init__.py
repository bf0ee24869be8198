"""The supervisors' web dashboard: server-rendered pages behind a cookie login.

Pages are jinja2 templates with autoescaping on, so every value from a station or a person is
escaped unless a template says otherwise; charts are SVG drawn here; the one stylesheet is served
by the hub itself. Nothing is loaded from elsewhere.
"""

from __future__ import annotations

from fastapi import APIRouter

from hub.web import dossier_pages, export_routes, login_routes, stats_pages, table_exports

# Not part of the API: docs/hub-openapi.yaml documents /api, /oauth and /files only.
router = APIRouter(include_in_schema=False)
for _part in (login_routes, stats_pages, dossier_pages, export_routes, table_exports):
    router.include_router(_part.router)
