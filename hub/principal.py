"""Who is behind a bearer token: a station, or a person's account with a role."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    STATION = "station"  # its own uploads, dossiers, facts and figures
    UNIT_SUPERVISOR = "unit_supervisor"  # the stations of one unit (đơn vị)
    PROVINCE_SUPERVISOR = "province_supervisor"  # every station
    ADMIN = "admin"  # stations and accounts, the access log; no dossier contents


ACCOUNT_ROLES = (Role.UNIT_SUPERVISOR, Role.PROVINCE_SUPERVISOR, Role.ADMIN)
SUPERVISORS = frozenset({Role.UNIT_SUPERVISOR, Role.PROVINCE_SUPERVISOR})


@dataclass(frozen=True)
class Principal:
    name: str  # the station's client id, or the account's username
    role: Role
    unit_code: str = ""  # a unit supervisor's unit

    @property
    def is_station(self) -> bool:
        return self.role is Role.STATION
