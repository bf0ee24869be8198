"""The province hub: tus uploads, a file-state check by idempotency key, manifest commits."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from station.errors import ErrorCode, StationError
from sync.answers import json_object, unexpected_answer
from sync.failures import Interrupted, PermanentError, TransientError, raise_for_answer
from sync.jobs import Job
from sync.origins import same_origin
from sync.target import RemoteFile, UploadProgress
from sync.throttle import FileSlice, Pace
from sync.transport import HubHttp
from sync.tus import TusClient

log = logging.getLogger(__name__)

CHUNK = 4 * 1024 * 1024  # one PATCH; a cut connection costs at most this much again
PROBE_TIMEOUT = (5.0, 5.0)


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
        with source.open("rb") as file:
            resumed_at = offset
            while offset < job.size:
                if progress.stopping():
                    raise Interrupted
                length = min(self.chunk_size, job.size - offset)
                try:
                    offset = self.tus.patch(url, offset, FileSlice(file, offset, length, self.pace))
                except TransientError:
                    # The hub keeps what arrived before a cut: while each cut still moved the
                    # offset, carry on from there at once (a flaky link, not a dead one).
                    confirmed = self.tus.offset(url)
                    if confirmed is None or confirmed <= resumed_at:
                        raise
                    offset = resumed_at = confirmed
                progress.record_sent(offset)
        final = self.file_state(job.idempotency_key)
        if final is None or final.state == "receiving":
            raise TransientError(StationError(ErrorCode.SYNC_SERVER_BUSY, status=202, delay="?"))
        return final

    def reachable(self) -> bool:
        """A cheap look without a token: any answer at all means the link to the hub works."""
        try:
            self.http.send("HEAD", self.http.settings.url, timeout=PROBE_TIMEOUT)
        except (TransientError, StationError):
            return False
        return True

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
