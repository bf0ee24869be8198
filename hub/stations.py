"""Station accounts, token issue and check, heartbeats and metrics."""

from __future__ import annotations

import json
import re
import secrets
import time
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from hub import clock
from hub.db import Database, Session
from hub.secrets_hash import (
    burn_verification,
    hash_secret,
    new_secret,
    new_token,
    token_digest,
    verify_secret,
)
from hub.token_limit import keep_newest

CLIENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Agency codes as the provincial system gives them, e.g. "000.00.14.H05".
UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
UNIT_NAME_MAX = 200
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class StationExists(Exception):
    pass


class UnknownStation(Exception):
    pass


@dataclass(frozen=True)
class Unit:
    """The agency (đơn vị) a station works for, as the hub's operator registered it."""

    code: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        if self.code and not UNIT_CODE.fullmatch(self.code):
            raise ValueError(
                "mã đơn vị gồm 1-64 ký tự A-Z a-z 0-9 . _ - /"
                " a unit code is 1-64 of A-Z a-z 0-9 . _ -"
            )
        if self.name and not self.code:
            raise ValueError("tên đơn vị cần mã đơn vị / a unit name needs a unit code")
        controls = any(unicodedata.category(c) == "Cc" for c in self.name)
        if len(self.name) > UNIT_NAME_MAX or controls:
            raise ValueError(
                f"tên đơn vị tối đa {UNIT_NAME_MAX} ký tự, không ký tự điều khiển /"
                f" a unit name is at most {UNIT_NAME_MAX} characters, no control characters"
            )


def client_id_from_name(name: str) -> str:
    """A readable, unguessable-enough id: "Xã Đông Anh" gives e.g. "xa-dong-anh-3f9c1a"."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = plain.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_name).strip("-")[:40].rstrip("-") or "station"
    return f"{slug}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


def add_station(
    db: Database, client_id: str, name: str | None = None, unit: Unit | None = None
) -> str:
    """Returns the new client secret; only its hash is kept."""
    if not CLIENT_ID.fullmatch(client_id):
        raise ValueError("client id must be 1-64 of A-Z a-z 0-9 . _ -")
    secret = new_secret()
    with db.transaction(write=True) as session:
        if session.one("SELECT client_id FROM stations WHERE client_id = ?", (client_id,)):
            raise StationExists(client_id)
        session.execute(
            "INSERT INTO stations (client_id, name, secret_hash, created_at) VALUES (?, ?, ?, ?)",
            (client_id, name or client_id, hash_secret(secret), clock.now_text()),
        )
        if unit is not None and unit.code:
            _store_unit(session, client_id, unit)
    return secret


def set_unit(db: Database, client_id: str, unit: Unit) -> None:
    """Register (or, with an empty code, forget) the unit of an existing station."""
    with db.transaction(write=True) as session:
        if not session.one("SELECT client_id FROM stations WHERE client_id = ?", (client_id,)):
            raise UnknownStation(client_id)
        _store_unit(session, client_id, unit)


def _store_unit(session: Session, client_id: str, unit: Unit) -> None:
    session.execute(
        "INSERT INTO station_profiles (station_id, unit_code, unit_name) VALUES (?, ?, ?)"
        " ON CONFLICT (station_id) DO UPDATE SET unit_code = excluded.unit_code,"
        " unit_name = excluded.unit_name",
        (client_id, unit.code, unit.name),
    )


def add_named_station(
    db: Database, name: str, attempts: int = 3, unit: Unit | None = None
) -> tuple[str, str]:
    """(client id made from the name, secret); a fresh suffix if the first is taken."""
    for attempt in range(attempts):
        client_id = client_id_from_name(name)
        try:
            return client_id, add_station(db, client_id, name, unit)
        except StationExists:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def issue_token(
    db: Database, client_id: str, secret: str, ttl: int, max_tokens: int = 10
) -> IssuedToken | None:
    """A token for an enabled station and its secret; the oldest beyond `max_tokens` lapse."""
    with db.transaction() as session:
        row = session.one(
            "SELECT s.secret_hash, coalesce(t.disabled, 0) AS disabled FROM stations s"
            " LEFT JOIN station_states t ON t.station_id = s.client_id WHERE s.client_id = ?",
            (client_id,),
        )
    if row is None:
        burn_verification(secret)  # an unknown id costs as much as a known one
        return None
    if not verify_secret(secret, row["secret_hash"]) or row["disabled"]:
        return None
    token = new_token()
    now = int(time.time())
    with db.transaction(write=True) as session:
        session.execute("DELETE FROM tokens WHERE expires_at <= ?", (now,))
        session.execute(
            "INSERT INTO tokens (token_hash, client_id, expires_at) VALUES (?, ?, ?)",
            (token_digest(token), client_id, now + ttl),
        )
        keep_newest(session, "tokens", client_id, token_digest(token), max_tokens)
    return IssuedToken(token, ttl)


def check_secret(db: Database, client_id: str, secret: str) -> bool:
    with db.transaction() as session:
        row = session.one("SELECT secret_hash FROM stations WHERE client_id = ?", (client_id,))
    if row is None:
        burn_verification(secret)
        return False
    return verify_secret(secret, row["secret_hash"])


def station_for_token(db: Database, token: str) -> str | None:
    with db.transaction() as session:
        row = session.one(
            "SELECT t.client_id FROM tokens t"
            " LEFT JOIN station_states s ON s.station_id = t.client_id"
            " WHERE t.token_hash = ? AND t.expires_at > ? AND coalesce(s.disabled, 0) = 0",
            (token_digest(token), int(time.time())),
        )
    return None if row is None else row["client_id"]


def revoke_token(db: Database, token: str, client_id: str | None = None) -> None:
    """RFC 7009: with a client id, only that client's token goes."""
    sql, params = "DELETE FROM tokens WHERE token_hash = ?", [token_digest(token)]
    if client_id is not None:
        sql += " AND client_id = ?"
        params.append(client_id)
    with db.transaction(write=True) as session:
        session.execute(sql, params)


def rotate_secret(db: Database, client_id: str) -> str:
    """A new secret; the old one and every token issued with it stop working."""
    secret = new_secret()
    with db.transaction(write=True) as session:
        changed = session.execute(
            "UPDATE stations SET secret_hash = ? WHERE client_id = ?",
            (hash_secret(secret), client_id),
        )
        if not changed:
            raise UnknownStation(client_id)
        session.execute("DELETE FROM tokens WHERE client_id = ?", (client_id,))
    return secret


def set_disabled(db: Database, client_id: str, disabled: bool = True) -> None:
    with db.transaction(write=True) as session:
        if not session.one("SELECT client_id FROM stations WHERE client_id = ?", (client_id,)):
            raise UnknownStation(client_id)
        session.execute(
            "INSERT INTO station_states (station_id, disabled, changed_at) VALUES (?, ?, ?)"
            " ON CONFLICT (station_id) DO UPDATE SET disabled = excluded.disabled,"
            " changed_at = excluded.changed_at",
            (client_id, int(disabled), clock.now_text()),
        )
        session.execute("DELETE FROM tokens WHERE client_id = ?", (client_id,))


def remove_station(db: Database, client_id: str) -> None:
    """Forgets the station's credentials and tokens; its dossiers and figures stay."""
    with db.transaction(write=True) as session:
        if not session.execute("DELETE FROM stations WHERE client_id = ?", (client_id,)):
            raise UnknownStation(client_id)
        session.execute("DELETE FROM tokens WHERE client_id = ?", (client_id,))
        session.execute("DELETE FROM station_states WHERE station_id = ?", (client_id,))


def registered_units(db: Database) -> dict[str, str]:
    """Stations with a unit registered on the hub (`add-station --unit`, `set-unit`).

    Only these count where access depends on a unit: a unit a station merely reports about
    itself decides its figures' grouping, never who may read its data or own a code.
    """
    with db.transaction() as session:
        rows = session.query(
            "SELECT station_id, unit_code FROM station_profiles WHERE unit_code <> ''"
        )
    return {row["station_id"]: row["unit_code"] for row in rows}


def record_heartbeat(
    db: Database, station_id: str, version: str, queue: dict[str, Any], reported_at: str
) -> None:
    """The station's own row, last writer wins: not behind the commits' write lock."""
    with db.transaction(write=True, exclusive=False) as session:
        session.execute(
            "UPDATE stations SET last_seen_at = ?, reported_at = ?, version = ?, queue_json = ?"
            " WHERE client_id = ?",
            (clock.now_text(), reported_at, version, json.dumps(queue), station_id),
        )


def record_metrics(
    db: Database, station_id: str, reported_at: str, snapshot: dict[str, Any], kept: int
) -> None:
    """A row under a fresh key, and the station's older rows beyond the `kept` latest dropped:
    not behind the commits' write lock."""
    metric_id = uuid.uuid4().hex
    with db.transaction(write=True, exclusive=False) as session:
        session.execute(
            "INSERT INTO metrics (metric_id, station_id, reported_at, received_at, snapshot_json)"
            " VALUES (?, ?, ?, ?, ?)",
            (metric_id, station_id, reported_at, clock.now_text(), json.dumps(snapshot)),
        )
        # The new row stays whatever the clocks say; the others newest first fill the rest.
        session.execute(
            "DELETE FROM metrics WHERE station_id = ? AND metric_id <> ? AND metric_id NOT IN"
            " (SELECT metric_id FROM metrics WHERE station_id = ? AND metric_id <> ?"
            " ORDER BY received_at DESC, metric_id LIMIT ?)",
            (station_id, metric_id, station_id, metric_id, max(kept - 1, 0)),
        )


def list_stations(
    db: Database, online_window: int, scope: frozenset[str] | None = None
) -> list[dict[str, Any]]:
    """Registered stations, all of them or those in `scope`, each under the name the
    dashboard shows: the one it reports for itself (set at the station), else the registered
    one, which stays as `registered_name`."""
    with db.transaction() as session:
        rows = session.query(
            "SELECT s.client_id, s.name, p.reported_name, s.created_at, s.last_seen_at,"
            " s.reported_at, s.version, s.queue_json, coalesce(p.unit_code, '') AS unit_code,"
            " coalesce(p.unit_name, '') AS unit_name, p.agency_code"
            " FROM stations s LEFT JOIN station_profiles p ON p.station_id = s.client_id"
            " ORDER BY s.client_id"
        )
    now = clock.now()
    return [
        {
            "station_id": row["client_id"],
            "name": (row["reported_name"] or "").strip() or row["name"],
            "registered_name": row["name"],
            "created_at": row["created_at"],
            "last_heartbeat_at": row["last_seen_at"],
            "reported_at": row["reported_at"],
            "version": row["version"],
            "queue": json.loads(row["queue_json"]) if row["queue_json"] else None,
            "online": row["last_seen_at"] is not None
            and (now - clock.parse(row["last_seen_at"])).total_seconds() <= online_window,
            # The registered unit, or else the agency code the station reports for itself.
            "unit_code": row["unit_code"] or row["agency_code"] or "",
            "unit_name": row["unit_name"],
        }
        for row in rows
        if scope is None or row["client_id"] in scope
    ]


def latest_metrics(db: Database, station_id: str) -> dict[str, Any] | None:
    with db.transaction() as session:
        row = session.one(
            "SELECT reported_at, received_at, snapshot_json FROM metrics WHERE station_id = ?"
            " ORDER BY received_at DESC LIMIT 1",
            (station_id,),
        )
    if row is None:
        return None
    return {
        "at": row["reported_at"],
        "received_at": row["received_at"],
        "snapshot": json.loads(row["snapshot_json"]),
    }
