"""How a failed attempt is treated: try again later (transient) or hold for a person (permanent)."""

from __future__ import annotations

from datetime import UTC
from email.utils import parsedate_to_datetime

import requests

from station.errors import ErrorCode, StationError
from station.model import utc_now

# 4xx answers that a later attempt may not get: expired token, timeout, conflict, rate limit,
# and 423, which the hub sends while a cut-off PATCH still holds the upload's lock.
RETRYABLE_4XX = {401, 408, 409, 423, 429}
# A server asking for more than this is wrong or hostile; an hour later we ask again.
MAX_RETRY_AFTER = 3600.0


class TransientError(Exception):
    def __init__(
        self, error: StationError, retry_after: float | None = None, offline: bool = False
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after
        self.offline = offline  # the network, not the server: pause everything, not one job


class PermanentError(Exception):
    def __init__(self, error: StationError) -> None:
        super().__init__(str(error))
        self.error = error


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3), at most an hour; None
    when it is missing or not one of those."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # isdigit alone accepts "²" and other digits
        return min(MAX_RETRY_AFTER, float(value)) if len(value) < 10 else MAX_RETRY_AFTER
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC with no claim about the local zone
        when = when.replace(tzinfo=UTC)
    try:
        seconds = (when - utc_now()).total_seconds()
    except OverflowError:
        return MAX_RETRY_AFTER
    return min(MAX_RETRY_AFTER, max(0.0, seconds))


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return (response.text or response.reason or "")[:200]
    if isinstance(body, dict):
        return str(body.get("error") or body.get("detail") or body)[:200]
    return str(body)[:200]


def raise_for_answer(response: requests.Response, what: str) -> None:
    """Nothing for 2xx; otherwise the failure, classified."""
    status = response.status_code
    if 200 <= status < 300:
        return
    retry_after = retry_after_seconds(response.headers.get("Retry-After"))
    if 300 <= status < 400:
        raise redirect_refused(response, what)
    if status == 401:
        raise TransientError(
            StationError(ErrorCode.SYNC_AUTH_REJECTED, url=response.url, detail=_detail(response))
        )
    if status >= 500 or status in RETRYABLE_4XX:
        delay = "?" if retry_after is None else f"{retry_after:.0f}"
        raise TransientError(
            StationError(ErrorCode.SYNC_SERVER_BUSY, status=status, delay=delay), retry_after
        )
    raise PermanentError(
        StationError(ErrorCode.SYNC_REJECTED, what=what, status=status, detail=_detail(response))
    )


def redirect_refused(response: requests.Response, what: str) -> TransientError:
    """Redirects are never followed: a token request would post the secret, a PATCH the
    file, to wherever the answer points. Often a captive portal; transient, so it heals."""
    where = response.headers.get("Location", "?")[:200]
    detail = f"{what}: HTTP {response.status_code} redirect to {where}, not followed"
    error = StationError(ErrorCode.SYNC_REDIRECT_REFUSED, url=response.url, detail=detail)
    return TransientError(error)


def from_network_error(exc: requests.RequestException, url: str) -> TransientError:
    detail = type(exc).__name__
    if isinstance(exc, requests.exceptions.SSLError):
        return TransientError(StationError(ErrorCode.SYNC_TLS_FAILED, url=url, detail=detail))
    return TransientError(StationError(ErrorCode.SYNC_OFFLINE, url=url, detail=detail), None, True)


class Interrupted(Exception):
    """The worker is stopping: the job goes back to the queue as it was, no failure counted."""
