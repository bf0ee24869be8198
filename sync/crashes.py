"""The sender's last crash, kept in the station's `setting` table so `sohoa sync status` can say
it from another process: when, and a short description with anything that may be a secret
taken out (a token, a URL's password)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from station.model import utc_now
from station.store.database import Database
from station.store.settings import read_settings, write_settings
from sync.jobs import from_text, to_text

STATE_PREFIX = "sync_state."  # the sender's own notes; not settings a person changes
_AT = STATE_PREFIX + "last_crash_at"
_DETAIL = STATE_PREFIX + "last_crash"
MAX_DETAIL = 200

_SECRETS = [
    (re.compile(r"(?i)\b(bearer|basic)\s+[^\s,;'\"]+"), r"\1 ***"),
    (re.compile(r"(?i)(://)[^/\s@]+@"), r"\1***@"),  # user:password@ in a URL
    (re.compile(r"(?i)\b(secret|password|token|key)(['\"]?\s*[=:]\s*['\"]?)[^\s&,;'\"]+"),
     r"\1\2***"),
]  # fmt: skip


@dataclass(frozen=True)
class SenderCrash:
    at: datetime
    detail: str  # "RuntimeError: …", secrets masked, at most MAX_DETAIL characters


def crash_detail(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())[:MAX_DETAIL]


def record_crash(database: Database, error: BaseException) -> SenderCrash:
    crash = SenderCrash(utc_now(), crash_detail(error))
    with database.transaction() as conn:
        write_settings(conn, {_AT: to_text(crash.at), _DETAIL: crash.detail})
    return crash


def last_crash(database: Database) -> SenderCrash | None:
    stored = database.read(read_settings, STATE_PREFIX)
    at = from_text(stored.get(_AT))
    if at is None:
        return None
    return SenderCrash(at, stored.get(_DETAIL, ""))
