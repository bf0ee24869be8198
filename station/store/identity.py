"""The station's identity (name, agency code, level), kept in the store's `station` row.

It is the one source for what the PDFs' metadata, the manifests and the hub's facts say about
the station; the settings dialog and `sohoa station set` write it here.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from station.errors import ErrorCode, StationError
from station.model import AdminLevel

# QĐ 20/2020/QĐ-TTg: at most 35 characters, digits, A-Z and ".", one group per level from left
# to right; the last group (level 1) is a letter and two digits, e.g. 000.01.31.H05. Codes
# after the 2025 mergers are not confirmed, so only this shape is checked.
AGENCY_CODE = re.compile(r"(?:[0-9A-Z]+\.)*[A-Z][0-9]{2}")
AGENCY_CODE_MAX = 35
LEVELS = (AdminLevel.COMMUNE, AdminLevel.PROVINCE)  # two tiers since 1/7/2025


@dataclass(frozen=True)
class StationIdentity:
    name: str
    agency_code: str = ""  # empty until the province gives the station's unit its code
    level: AdminLevel = AdminLevel.COMMUNE
    updated_at: datetime | None = None  # None: never set by a person (the host name)

    def checked(self) -> StationIdentity:
        """Trimmed and validated; raises StationError with the first problem's code."""
        name = " ".join(self.name.split())
        if not name:
            raise StationError(ErrorCode.STATION_NAME_EMPTY)
        code = self.agency_code.strip().upper()
        if code and (len(code) > AGENCY_CODE_MAX or not AGENCY_CODE.fullmatch(code)):
            raise StationError(ErrorCode.AGENCY_CODE_INVALID, code=self.agency_code)
        try:
            level = AdminLevel(self.level)
        except ValueError:
            level = None
        if level not in LEVELS:
            raise StationError(ErrorCode.STATION_LEVEL_INVALID, level=str(self.level))
        return replace(self, name=name, agency_code=code, level=level)


def read_identity(conn: sqlite3.Connection) -> StationIdentity:
    row = conn.execute(
        "SELECT name, agency_code, level, identity_updated_at FROM station LIMIT 1"
    ).fetchone()
    updated = row["identity_updated_at"]
    return StationIdentity(
        row["name"],
        row["agency_code"],
        AdminLevel(row["level"]),
        datetime.fromisoformat(updated) if updated else None,
    )


def write_identity(conn: sqlite3.Connection, identity: StationIdentity, at: datetime) -> None:
    conn.execute(
        "UPDATE station SET name = ?, agency_code = ?, level = ?, identity_updated_at = ?",
        (identity.name, identity.agency_code, identity.level.value, at.isoformat()),
    )
