"""Reading the hub's answers. An answer not in the shape the hub gives (a captive portal's
login page, a proxy's error page, a cut-off body) is a transient failure, never a crash."""

from __future__ import annotations

from typing import Any

import requests

from station.errors import ErrorCode, StationError
from sync.failures import TransientError


def unexpected_answer(response: requests.Response, what: str) -> TransientError:
    kind = response.headers.get("Content-Type", "no content type").split(";")[0].strip()
    detail = f"unexpected answer to {what}: HTTP {response.status_code}, {kind}"
    error = StationError(ErrorCode.SYNC_UNEXPECTED_ANSWER, url=response.url, detail=detail)
    return TransientError(error)


def json_object(response: requests.Response, what: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:  # JSONDecodeError, and requests' own, are ValueErrors
        raise unexpected_answer(response, what) from None
    if not isinstance(body, dict):
        raise unexpected_answer(response, what)
    return body


def upload_offset(response: requests.Response, what: str) -> int:
    """The Upload-Offset header of a tus answer, a byte count."""
    value = response.headers.get("Upload-Offset", "").strip()
    if not (value.isascii() and value.isdigit()):
        raise unexpected_answer(response, what)
    return int(value)
