"""`create_app(config)`: the hub as one FastAPI application."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI

from hub import access_log, api, auth, tus, web
from hub.catalog_api import router as catalog_router
from hub.config import HubConfig
from hub.context import Hub
from hub.db import open_database
from hub.errors import install_handlers
from hub.guard import Guard
from hub.handover_api import router as handover_router
from hub.results_elsewhere import router as results_elsewhere_router
from hub.storage import keep_private, make_private_dir


@asynccontextmanager
async def _background(app: FastAPI) -> AsyncIterator[None]:
    """Work the hub does on its own while it serves: the sweeps of expired uploads and of
    access log entries past their retention."""
    hub: Hub = app.state.hub
    config = hub.config
    sweeps = [
        asyncio.create_task(tus.sweep_expired(hub)),
        asyncio.create_task(
            access_log.sweep_expired(
                hub.db, config.access_log_days, config.access_log_sweep_interval
            )
        ),
    ]
    try:
        yield
    finally:
        for sweep in sweeps:
            sweep.cancel()
        for sweep in sweeps:
            with suppress(asyncio.CancelledError):
                await sweep


def create_app(config: HubConfig) -> FastAPI:
    for folder in (config.data_dir, config.uploads_dir, config.dossiers_dir):
        make_private_dir(folder)
    db = open_database(config.dsn, config.sqlite_path)
    if config.dsn is None:
        keep_private(config.sqlite_path)
    # The API is documented by hand in docs/hub-openapi.yaml; no generated docs are served.
    app = FastAPI(
        title="SoHoa hub", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_background
    )
    app.state.hub = hub = Hub(config=config, db=db)
    install_handlers(app)
    app.add_middleware(Guard, hub=hub)
    tus.drop_expired(hub)  # what expired while the hub was down
    access_log.drop_expired(db, config.access_log_days)
    app.include_router(auth.router)
    app.include_router(tus.router)
    app.include_router(handover_router)
    app.include_router(results_elsewhere_router)
    app.include_router(api.router)
    app.include_router(web.router)
    app.include_router(catalog_router)
    return app


_CONVERTOR = re.compile(r":\w+}")  # "{code:path}" is "{code}" in OpenAPI


def served_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(METHOD, path) for every operation the app answers; compared with the OpenAPI file."""
    found: set[tuple[str, str]] = set()
    for route in app.routes:
        # FastAPI >= 0.16x mounts included routers lazily; older ones flatten them.
        contexts = getattr(route, "effective_route_contexts", None)
        entries = list(contexts()) if contexts else [route]
        for entry in entries:
            if not getattr(entry, "include_in_schema", True):
                continue  # the dashboard's HTML pages (hub/web) are not part of the API
            for method in getattr(entry, "methods", None) or ():
                found.add((method, _CONVERTOR.sub("}", entry.path)))
    return found
