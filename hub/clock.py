"""UTC timestamps in the one text format the store compares as strings."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    if moment.tzinfo is None:  # a naive time from a station is taken as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def now_text() -> str:
    return to_text(now())


# Times outside these years are refused: year 9999 (or 1) overflows as soon as a time zone or
# a duration is applied to it, and no station has a real reason to send one.
FIRST_YEAR, LAST_YEAR = 1970, 3000
MAX_TEXT = 64


def parse(text: str) -> datetime:
    """Raises ValueError for anything that is not ISO-8601 within FIRST_YEAR..LAST_YEAR."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise ValueError("not a time")
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError("year out of range")
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    moment.astimezone(UTC)  # an offset that moves it past a limit raises here, not later
    return moment
