"""A small tus 1.0.0 client (creation + core) over the hub's authenticated session.

Why not tuspy's Uploader: tuspy 1.1.0 calls module-level requests.post/head/patch, so there is
no session to carry a CA bundle (it coerces `verify` to a bool), an explicit proxy, timeouts
(a dead link would hang the worker forever), a Bearer token refreshed on 401, the Retry-After
of a 503, or a bandwidth cap. The protocol itself is three requests, written out here.
"""

from __future__ import annotations

from base64 import b64encode
from urllib.parse import urljoin

from station.errors import ErrorCode, StationError
from sync.answers import upload_offset
from sync.failures import PermanentError, TransientError, raise_for_answer
from sync.origins import foreign_url, same_origin
from sync.throttle import FileSlice
from sync.transport import HubHttp

TUS = {"Tus-Resumable": "1.0.0"}


def encode_metadata(metadata: dict[str, str]) -> str:
    return ",".join(
        f"{key} {b64encode(value.encode('utf-8')).decode('ascii')}"
        for key, value in metadata.items()
    )


class TusClient:
    def __init__(self, http: HubHttp, files_path: str = "/files/") -> None:
        self._http = http
        self.files_url = http.url(files_path)

    def create(self, length: int, metadata: dict[str, str]) -> str:
        """The upload's absolute URL (the hub answers an idempotency key it has seen with the
        existing upload's Location, so this never makes a second copy)."""
        headers = {
            **TUS,
            "Upload-Length": str(length),
            "Upload-Metadata": encode_metadata(metadata),
        }
        response = self._http.request("POST", self.files_url, headers=headers)
        raise_for_answer(response, "tus create")
        location = response.headers.get("Location")
        if not location:  # a 2xx without Location: a proxy in between mangled the answer
            raise TransientError(
                StationError(ErrorCode.SYNC_SERVER_BUSY, status=response.status_code, delay="?")
            )
        url = urljoin(self.files_url, location)
        if not same_origin(url, self.files_url):
            raise PermanentError(foreign_url(url, self.files_url))
        return url

    def offset(self, url: str) -> int | None:
        """The server's confirmed byte count, or None when it does not know the upload."""
        response = self._http.request("HEAD", url, headers=dict(TUS))
        if response.status_code in (404, 410):
            return None
        raise_for_answer(response, "tus offset")
        return upload_offset(response, "tus offset")

    def patch(self, url: str, offset: int, body: FileSlice) -> int:
        headers = {
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
        }
        response = self._http.request("PATCH", url, headers=headers, data=body)
        if response.status_code == 409 and "Upload-Offset" in response.headers:
            raise OffsetConflict(upload_offset(response, "tus patch"))
        if response.status_code in (404, 410):  # expired or removed: the next attempt recreates
            gone = StationError(ErrorCode.SYNC_SERVER_BUSY, status=response.status_code, delay="0")
            raise TransientError(gone)
        raise_for_answer(response, "tus patch")
        return upload_offset(response, "tus patch")


class OffsetConflict(TransientError):
    """The hub holds a different offset than the PATCH said (a cut request it finished after
    we asked); it tells which, so the upload goes on from there."""

    def __init__(self, offset: int) -> None:
        super().__init__(StationError(ErrorCode.SYNC_SERVER_BUSY, status=409, delay="0"))
        self.offset = offset
