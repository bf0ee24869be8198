"""What each role may read, and which stations' data that covers."""

from __future__ import annotations

from hub import stations
from hub.db import Database
from hub.errors import ApiError
from hub.principal import SUPERVISORS, Principal, Role

Scope = frozenset[str] | None  # the station ids a principal may read; None: every station


def forbidden() -> ApiError:
    return ApiError(403, "forbidden")


def require(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        raise forbidden()


def require_reader(principal: Principal) -> None:
    """Dossiers and figures: a station (its own) or a supervisor (their stations)."""
    if not principal.is_station and principal.role not in SUPERVISORS:
        raise forbidden()


def station_scope(db: Database, principal: Principal) -> Scope:
    if principal.is_station:
        return frozenset({principal.name})
    if principal.role is Role.UNIT_SUPERVISOR:
        units = stations.registered_units(db)
        return frozenset(s for s, unit in units.items() if unit == principal.unit_code)
    return None


def narrowed(scope: Scope, asked: str | None) -> Scope:
    """The scope, limited to one station when the query names one (404 outside the scope)."""
    if asked is None or asked == "":
        return scope
    if scope is not None and asked not in scope:
        raise ApiError(404, "not_found")
    return frozenset({asked})


def in_scope(scope: Scope, station_id: str) -> bool:
    return scope is None or station_id in scope


def scope_condition(column: str, scope: Scope) -> tuple[str, list[str]]:
    """An SQL condition for `column IN scope` (always true for None, false for empty)."""
    if scope is None:
        return "1 = 1", []
    if not scope:
        return "1 = 0", []
    ordered = sorted(scope)
    return f"{column} IN ({', '.join('?' for _ in ordered)})", ordered
