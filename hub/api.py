"""The /api/v1 routes: upload status, manifest commit, heartbeat, metrics, read views."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from hub import access, access_log, clock, dossiers, facts, results, stations, stats, uploads
from hub.auth import PrincipalDep, StationDep, client_address
from hub.codes import normalised_code
from hub.context import HubDep
from hub.errors import ApiError
from hub.manifest import Manifest, normalised, problems
from hub.principal import Role
from hub.results import ResultManifest
from hub.station_reports import Heartbeat, Metrics, heartbeat_problems, snapshot_fits
from hub.tus import upload_url
from hub.uploads import UploadState
from station.stats.figures import Grouping

router = APIRouter(prefix="/api/v1")


def _same_station(claimed: str, station: str) -> None:
    if claimed != station:
        raise ApiError(403, "station_mismatch")


def _valid_time(text: str, where: str, part: str = "body") -> str:
    try:
        clock.parse(text)
    except ValueError:
        raise ApiError(422, "invalid_request", detail=[{"loc": [part, where]}]) from None
    return text


@router.get("/files/{idempotency_key}")
def file_status(
    idempotency_key: str,
    request: Request,
    station: StationDep,
    hub: HubDep,
) -> dict[str, Any]:
    upload = uploads.get_by_key(hub.db, station, idempotency_key)
    if upload is None:
        raise ApiError(404, "not_found")
    return {
        "idempotency_key": upload.idempotency_key,
        "state": upload.state.value,
        "offset": upload.offset,
        "length": upload.length,
        "sha256": upload.sha256 if upload.state == UploadState.COMPLETE else None,
        "upload_url": upload_url(request, upload.upload_id),
    }


@router.post("/manifests")
def commit_manifest(manifest: Manifest, station: StationDep, hub: HubDep) -> JSONResponse:
    _same_station(manifest.station_id, station)
    manifest = normalised(manifest)
    bad = problems(manifest)
    if bad:
        detail = [{"loc": ["body", *path.split(".")]} for path in bad]
        raise ApiError(422, "invalid_request", detail=detail)
    result = dossiers.commit(hub, station, manifest)
    return JSONResponse(result.body, status_code=result.status, headers=result.headers)


@router.post("/results")
def commit_result(manifest: ResultManifest, station: StationDep, hub: HubDep) -> JSONResponse:
    """A result addendum to a dossier this station committed (hub/results.py)."""
    _same_station(manifest.station_id, station)
    manifest = results.normalised(manifest)
    bad = results.problems(manifest)
    if bad:
        detail = [{"loc": ["body", *path.split(".")]} for path in bad]
        raise ApiError(422, "invalid_request", detail=detail)
    result = results.commit_result(hub, station, manifest)
    return JSONResponse(result.body, status_code=result.status, headers=result.headers)


@router.post("/heartbeat", status_code=204)
def heartbeat(beat: Heartbeat, station: StationDep, hub: HubDep) -> Response:
    _same_station(beat.station_id, station)
    bad = heartbeat_problems(beat)
    if bad:
        raise ApiError(422, "invalid_request", detail=[{"loc": ["body", *loc]} for loc in bad])
    queue = {
        "queued": beat.queue.queued,
        "failed": beat.queue.failed,
        "oldest_queued_at": beat.queue.oldest_queued_at,
    }
    stations.record_heartbeat(hub.db, station, beat.version, queue, _valid_time(beat.at, "at"))
    return Response(status_code=204)


@router.post("/metrics", status_code=204, response_model=None)
def metrics(report: Metrics, station: StationDep, hub: HubDep) -> Response:
    """A snapshot alone: 204 as ever. With facts: 200 and what the hub now holds of them."""
    _same_station(report.station_id, station)
    at = _valid_time(report.at, "at")
    if not snapshot_fits(report.snapshot):
        raise ApiError(422, "invalid_request", detail=[{"loc": ["body", "snapshot"]}])
    if report.facts is None:
        stations.record_metrics(hub.db, station, at, report.snapshot, hub.config.metrics_kept)
        return Response(status_code=204)
    bad = facts.problems(report.facts)
    if bad:
        detail = [{"loc": ["body", "facts", *loc], "msg": msg} for loc, msg in bad]
        raise ApiError(422, "invalid_request", detail=detail)
    if report.snapshot:
        stations.record_metrics(hub.db, station, at, report.snapshot, hub.config.metrics_kept)
    return JSONResponse(facts.record_facts(hub.db, station, at, report.facts))


@router.get("/stats")
def station_stats(
    request: Request,
    principal: PrincipalDep,
    hub: HubDep,
    since: str | None = None,
    until: str | None = None,
    by: str | None = None,
    tz: str | None = None,
    station: str | None = None,
) -> dict[str, Any]:
    """A station's own figures; a supervisor's, those of their unit or of the province.
    Figures per clerk name staff: such a read is logged."""
    access.require_reader(principal)
    scope = access.narrowed(access.station_scope(hub.db, principal), station)
    try:
        query = stats.parse_query(since, until, by, tz)
    except stats.QueryError as exc:
        detail = [{"loc": ["query", exc.param], "msg": exc.message}]
        raise ApiError(422, "invalid_request", detail=detail) from None
    report = stats.hub_report(
        hub.db, query, hub.config.online_window, scope=scope, cache=hub.reports
    )
    if query.by is Grouping.CLERK and report.get("groups"):
        period = query.period
        where, target = access_log.figures_target(
            principal, scope, period.first_day, period.last_day
        )
        action = access_log.READ_CLERK_FIGURES
        access_log.record(hub.db, principal, action, where, target, client_address(request))
    return report


@router.get("/dossiers")
def list_dossiers(
    principal: PrincipalDep,
    hub: HubDep,
    station: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    access.require_reader(principal)
    scope = access.narrowed(access.station_scope(hub.db, principal), station)
    since_text = clock.to_text(clock.parse(_valid_time(since, "since", "query"))) if since else None
    return dossiers.list_dossiers(hub.db, scope, since_text)


# `:path` so that a code with "/" in it (sent as %2F) still reaches this route.
@router.get("/dossiers/{code:path}")
def get_dossier(
    code: str,
    request: Request,
    principal: PrincipalDep,
    hub: HubDep,
    station: str | None = None,
) -> dict[str, Any]:
    """A dossier's manifest (personal data: every read is logged)."""
    access.require_reader(principal)
    scope = access.narrowed(access.station_scope(hub.db, principal), station)
    wanted = normalised_code(code)
    found = dossiers.get_dossier(hub.db, wanted, scope)
    if found is None:
        raise ApiError(404, "not_found")
    owner, manifest = found
    access_log.record(
        hub.db, principal, access_log.READ_DOSSIER, owner, wanted, client_address(request)
    )
    return manifest


@router.get("/stations")
def list_stations(principal: PrincipalDep, hub: HubDep) -> list[dict[str, Any]]:
    """A station sees itself; a supervisor their stations; an administrator all."""
    scope = access.station_scope(hub.db, principal)
    return stations.list_stations(hub.db, hub.config.online_window, scope)


@router.get("/access-log")
def read_access_log(
    principal: PrincipalDep,
    hub: HubDep,
    since: str | None = None,
    actor: str | None = None,
    station: str | None = None,
    limit: int = access_log.MAX_ENTRIES,
) -> list[dict[str, str]]:
    """Who read which personal data; administrators only."""
    access.require(principal, Role.ADMIN)
    since_text = clock.to_text(clock.parse(_valid_time(since, "since", "query"))) if since else None
    found = access_log.entries(hub.db, since_text, actor, station, limit)
    return [entry.to_dict() for entry in found]
