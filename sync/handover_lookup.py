"""Ask the hub about a dossier received at another station of the unit, for this station's
result desk (`GET /api/v1/handover/{code}`, with the station's own credentials). The answer
holds no personal data; every question is written to the hub's access log.

Failures are StationErrors a clerk can read: the hub does not know the code for this unit
(404, also for another unit's dossier), the hub cannot be reached (nothing changed here, try
again), or what the sender would say of the hub (credentials refused, TLS, an answer that is
not the hub's)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import quote

from station.errors import ErrorCode, StationError
from station.workflow.handover import HandoverInfo
from sync.answers import json_object, unexpected_answer
from sync.credentials import load_secret
from sync.failures import PermanentError, TransientError, raise_for_answer
from sync.settings import SettingsOwner, SyncSettings, load_settings
from sync.transport import HubHttp

HANDOVER_PATH = "/api/v1/handover/"


def hub_configured(store: SettingsOwner) -> bool:
    """Whether the station sends to a hub it could ask (not a shared folder)."""
    settings = load_settings(store)
    return settings.target == "hub" and settings.configured


class HandoverLookup:
    """One HTTP session to the hub, closed with the object."""

    def __init__(self, settings: SyncSettings, secret: Callable[[], str] | None = None) -> None:
        if settings.target != "hub" or not settings.configured:
            raise StationError(ErrorCode.SYNC_NOT_CONFIGURED)
        self.http = HubHttp(settings, secret or (lambda: load_secret(settings)))

    @classmethod
    def for_station(cls, store: SettingsOwner) -> HandoverLookup:
        return cls(load_settings(store))

    def fetch(self, code: str) -> HandoverInfo:
        """Raises StationError: unknown to the unit, unreachable, or refused."""
        url = self.http.settings.url
        try:
            response = self.http.request("GET", HANDOVER_PATH + quote(code, safe=""))
            if response.status_code == 404:
                raise StationError(ErrorCode.RESULT_DOSSIER_UNKNOWN_IN_UNIT, code=code)
            raise_for_answer(response, "handover")
            body = json_object(response, "handover")
            try:
                return info_from_json(body)
            except (KeyError, TypeError, ValueError):
                raise unexpected_answer(response, "handover") from None
        except TransientError as exc:
            if exc.offline or exc.error.code is ErrorCode.SYNC_SERVER_BUSY:
                raise StationError(
                    ErrorCode.RESULT_HUB_UNREACHABLE, code=code, url=url, detail=_said(exc)
                ) from None
            raise exc.error from None
        except PermanentError as exc:
            raise exc.error from None

    def close(self) -> None:
        self.http.close()


def fetch_handover(store: SettingsOwner, code: str) -> HandoverInfo:
    lookup = HandoverLookup.for_station(store)
    try:
        return lookup.fetch(code)
    finally:
        lookup.close()


def info_from_json(body: dict[str, Any]) -> HandoverInfo:
    finished = body.get("finished_at")
    components = body["result_components"]
    if not isinstance(components, list) or not all(isinstance(c, str) for c in components):
        raise ValueError("result_components")
    count = body["files_count"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError("files_count")
    return HandoverInfo(
        dossier_code=str(body["dossier_code"]),
        procedure_code=str(body["procedure_code"]),
        catalog_version=str(body.get("catalog_version") or ""),
        received_at=datetime.fromisoformat(str(body["received_at"])),
        finished_at=None if finished is None else datetime.fromisoformat(str(finished)),
        station_id=str(body["station_id"]),
        files_count=count,
        result_components=tuple(components),
    )


def _said(exc: TransientError) -> str:
    params = exc.error.params
    return str(params.get("detail") or params.get("status") or exc.error.code.value)
