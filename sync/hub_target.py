"""The province hub: tus uploads, a file-state check by idempotency key, manifest commits."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, BinaryIO

from station.errors import ErrorCode, StationError
from sync.answers import json_object, unexpected_answer
from sync.failures import Interrupted, PermanentError, TransientError, raise_for_answer
from sync.jobs import Job
from sync.origins import same_origin
from sync.target import RemoteFile, UploadProgress
from sync.throttle import FileSlice, Pace
from sync.transport import HubHttp
from sync.tus import OffsetConflict, TusClient

log = logging.getLogger(__name__)

CHUNK = 4 * 1024 * 1024  # one PATCH; a cut connection costs at most this much again
PROBE_TIMEOUT = (5.0, 5.0)
# Any route the hub guards: without a token it answers 401 {"error": "invalid_token"} before
# any work (hub/guard.py), an answer nothing but the hub gives.
PROBE_PATH = "/api/v1/stations"


class HubTarget:
    name = "hub"

    def __init__(self, http: HubHttp, chunk_size: int = CHUNK, pace: Pace | None = None) -> None:
        self.http = http
        self.tus = TusClient(http)
        self.pace = pace or Pace(http.settings.bandwidth_kbps * 1024)
        # Under a tight cap, smaller PATCHes: progress is confirmed every ~15 s, not minutes.
        capped = max(64 * 1024, self.pace.rate * 15) if self.pace.rate > 0 else chunk_size
        self.chunk_size = min(chunk_size, capped)

    def file_state(self, idempotency_key: str) -> RemoteFile | None:
        response = self.http.request("GET", f"/api/v1/files/{idempotency_key}")
        if response.status_code == 404:
            return None
        raise_for_answer(response, "file state")
        body = json_object(response, "file state")
        try:
            return RemoteFile(
                idempotency_key=str(body["idempotency_key"]),
                state=str(body["state"]),
                offset=int(body.get("offset") or 0),
                length=int(body.get("length") or 0),
                sha256=_text_or_none(body.get("sha256")),
                upload_url=_text_or_none(body.get("upload_url")),
            )
        except (KeyError, TypeError, ValueError):
            raise unexpected_answer(response, "file state") from None

    def upload_file(self, job: Job, source: Path, progress: UploadProgress) -> RemoteFile:
        remote = self.file_state(job.idempotency_key)
        if remote is not None and remote.state == "complete":
            return remote  # sent before (another attempt, another process): the worker checks
        # A corrupt upload is restarted by the hub on create, under the same key.
        resumable = remote is None or remote.state == "receiving"
        url, offset = self._resume_point(job, remote) if resumable else (None, None)
        if url is None or offset is None:
            url = self.tus.create(job.size, self._metadata(job))
            progress.record_url(url)
            offset = self.tus.offset(url)
            if offset is None:
                raise TransientError(
                    StationError(ErrorCode.SYNC_SERVER_BUSY, status=404, delay="?")
                )
        log.info("job %s: sending %s from byte %s of %s", job.id, job.file_name, offset, job.size)
        if offset:
            progress.record_sent(offset)  # what earlier attempts got there
        with source.open("rb") as file:
            self._send_from(url, offset, job.size, file, progress)
        final = self.file_state(job.idempotency_key)
        if final is None or final.state == "receiving":
            raise TransientError(StationError(ErrorCode.SYNC_SERVER_BUSY, status=202, delay="?"))
        return final

    def _send_from(
        self, url: str, offset: int, size: int, file: BinaryIO, progress: UploadProgress
    ) -> None:
        """PATCH after PATCH. The hub keeps what arrived before a cut, so while cuts still
        move its offset the upload carries on from there at once (a flaky link, not a dead
        one): one HEAD, which the hub answers once it has read the cut request to its end,
        then the next PATCH. A cut that moved nothing gets one more try at once; two such in
        a row end the attempt."""
        stalled = 0
        while offset < size:
            if progress.stopping():
                raise Interrupted
            length = min(self.chunk_size, size - offset)
            try:
                offset = self.tus.patch(url, offset, FileSlice(file, offset, length, self.pace))
                stalled = 0
            except OffsetConflict as conflict:
                offset, stalled = self._after_cut(offset, conflict.offset, stalled, conflict)
            except TransientError as failure:
                confirmed = self.tus.offset(url)
                offset, stalled = self._after_cut(offset, confirmed, stalled, failure)
            progress.record_sent(offset)

    @staticmethod
    def _after_cut(
        offset: int, confirmed: int | None, stalled: int, failure: TransientError
    ) -> tuple[int, int]:
        log.debug("cut at %s: hub has %s (%s)", offset, confirmed, type(failure).__name__)
        if confirmed is None:  # the hub no longer knows the upload: start over next attempt
            raise failure
        if confirmed > offset:
            return confirmed, 0
        if stalled >= 1:
            raise failure
        return confirmed, stalled + 1

    def reachable(self) -> bool:
        """A cheap look without a token. Only the hub's own refusal counts: a captive portal,
        or a proxy's error page, answers too, but the hub is not there behind it."""
        try:
            response = self.http.send("GET", self.http.url(PROBE_PATH), timeout=PROBE_TIMEOUT)
        except (TransientError, StationError):
            return False
        return response.status_code == 401 and _body(response).get("error") == "invalid_token"

    def _resume_point(self, job: Job, remote: RemoteFile | None) -> tuple[str | None, int | None]:
        for url in (job.upload_url, remote.upload_url if remote else None):
            if url:
                url = self.http.url(url)
                if not same_origin(url, self.http.settings.url):
                    log.warning("job %s: upload URL on another host ignored: %s", job.id, url)
                    continue
                offset = self.tus.offset(url)
                if offset is not None:
                    return url, offset
        return None, None

    @staticmethod
    def _metadata(job: Job) -> dict[str, str]:
        return {
            "filename": job.file_name,
            "sha256": job.sha256,
            "idempotency_key": job.idempotency_key,
            "dossier_code": job.dossier_code,
        }

    def commit_manifest(self, job: Job) -> None:
        # The hub knows a station by its client id, whatever id the station gave itself.
        body = {**job.manifest, "station_id": self.http.settings.client_id}
        response = self.http.request("POST", "/api/v1/manifests", json=body)
        if response.status_code == 409 and _body(response).get("error") != "files_missing":
            raise PermanentError(  # the code is another unit's or another station's
                StationError(
                    ErrorCode.SYNC_MANIFEST_REJECTED,
                    code=job.dossier_code,
                    detail=str(_body(response).get("error", "409")),
                )
            )
        if response.status_code == 409:
            raise TransientError(
                StationError(
                    ErrorCode.SYNC_FILES_MISSING,
                    code=job.dossier_code,
                    files=", ".join(map(str, _body(response).get("files", []))),
                )
            )
        if response.status_code == 422:
            raise PermanentError(
                StationError(
                    ErrorCode.SYNC_MANIFEST_REJECTED,
                    code=job.dossier_code,
                    detail=str(_body(response).get("error", "422")),
                )
            )
        raise_for_answer(response, "manifest")

    def commit_result(self, job: Job) -> None:
        body = {**job.manifest, "station_id": self.http.settings.client_id}
        response = self.http.request("POST", "/api/v1/results", json=body)
        if response.status_code == 409 and _body(response).get("error") == "files_missing":
            raise TransientError(
                StationError(
                    ErrorCode.SYNC_FILES_MISSING,
                    code=job.dossier_code,
                    files=", ".join(map(str, _body(response).get("files", []))),
                )
            )
        if response.status_code in (403, 404, 409, 422):
            raise PermanentError(
                StationError(
                    ErrorCode.SYNC_RESULT_REFUSED,
                    code=job.dossier_code,
                    status=response.status_code,
                    detail=str(_body(response).get("error", response.status_code)),
                )
            )
        raise_for_answer(response, "result")

    def heartbeat(self, body: dict[str, Any]) -> None:
        body = {**body, "station_id": self.http.settings.client_id}
        raise_for_answer(self.http.request("POST", "/api/v1/heartbeat", json=body), "heartbeat")

    def close(self) -> None:
        self.http.close()


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _body(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
