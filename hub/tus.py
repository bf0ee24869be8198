"""tus 1.0.0 core + creation at /files/, keyed by the station's idempotency key.

Written here rather than with tuspyserver's router: that router refuses HEAD without a
`filetype` metadata key, cannot answer a create with an existing upload, and keeps its
offsets in sidecar files outside the store's transactions.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import os
import re
import shutil
from dataclasses import replace
from email.utils import format_datetime
from pathlib import Path
from typing import BinaryIO

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from filelock import FileLock, Timeout
from starlette.requests import ClientDisconnect

from hub import uploads
from hub.auth import StationDep
from hub.codes import is_acceptable_code, normalised_code
from hub.config import HubConfig
from hub.context import Hub, HubDep
from hub.errors import ApiError
from hub.storage import DIR_MODE, FILE_MODE, fsync_dir, is_safe_file_name, sha256_of
from hub.upload_turns import Turn
from hub.uploads import Quota, Upload, UploadRequest, UploadState

TUS_VERSION = "1.0.0"
REQUIRED_METADATA = ("filename", "sha256", "idempotency_key", "dossier_code")
SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")
CHECKPOINT_BYTES = 4 * 1024 * 1024
LOCK_WAIT_SECONDS = 10.0
HEAD_WAIT_SECONDS = 2.0
NO_ROOM_RETRY_SECONDS = 600
NO_ROOM = (
    "Máy chủ tỉnh không còn đủ chỗ trống cho tệp này; trạm sẽ tự gửi lại sau."
    " / The hub has too little free disk space for this file; the station will send it later."
)

router = APIRouter(prefix="/files")
_log = logging.getLogger(__name__)


def upload_path(hub: Hub, upload: Upload) -> Path:
    return hub.config.upload_file(upload.station_id, upload.upload_id)


def upload_url(request: Request, upload_id: str) -> str:
    return f"{str(request.base_url).rstrip('/')}/files/{upload_id}"


def _tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **extra}


def _require_version(request: Request) -> None:
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise ApiError(412, "unsupported_tus_version", {"Tus-Version": TUS_VERSION})


def parse_metadata(header: str) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for pair in header.split(","):
        key, _, value = pair.strip().partition(" ")
        if not key:
            continue
        try:
            metadata[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise ApiError(400, "invalid_metadata", key=key) from exc
    return metadata


# ASCII digits only ("²".isdigit() is True), and few enough that int() never balks.
_DIGITS = re.compile(r"^[0-9]{1,19}$")


def _number(header: str | None) -> int | None:
    return int(header) if header is not None and _DIGITS.fullmatch(header) else None


def _upload_request(request: Request, max_size: int) -> UploadRequest:
    length = _number(request.headers.get("upload-length"))
    if length is None:
        raise ApiError(400, "upload_length_required")
    if length > max_size:
        raise ApiError(413, "too_large", {"Tus-Max-Size": str(max_size)})
    metadata = parse_metadata(request.headers.get("upload-metadata", ""))
    if "dossier_code" in metadata:
        metadata["dossier_code"] = normalised_code(metadata["dossier_code"])
    missing = [key for key in REQUIRED_METADATA if not metadata.get(key)]
    if missing:
        raise ApiError(400, "metadata_missing", keys=missing)
    if not SHA256_HEX.fullmatch(metadata["sha256"]):
        raise ApiError(400, "invalid_metadata", key="sha256")
    if not is_safe_file_name(metadata["filename"]):
        raise ApiError(400, "invalid_metadata", key="filename")
    for key in ("dossier_code", "idempotency_key"):
        if not is_acceptable_code(metadata[key]):
            raise ApiError(400, "invalid_metadata", key=key)
    return UploadRequest(
        idempotency_key=metadata["idempotency_key"],
        file_name=metadata["filename"],
        dossier_code=metadata["dossier_code"],
        sha256=metadata["sha256"].lower(),
        length=length,
    )


@router.options("/")
def options(_: StationDep, hub: HubDep) -> Response:
    return Response(
        status_code=204,
        headers={
            "Tus-Resumable": TUS_VERSION,
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": "creation,expiration",
            "Tus-Max-Size": str(hub.config.max_upload_size),
        },
    )


def _open_data_file(path: Path) -> BinaryIO:
    """Opens the data file for writing, creating it (never emptying it) when it is missing.

    Never truncating matters: another hub process may already be writing into a file whose
    row it saw committed before this process got round to creating the file.
    """
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE), "r+b")


def _ensure_data_file(path: Path) -> None:
    with _open_data_file(path) as handle:
        os.fsync(handle.fileno())
    fsync_dir(path.parent)


def _quota(config: HubConfig) -> Quota:
    return Quota(config.max_open_uploads, config.max_bytes_in_flight, config.upload_ttl)


def _room(config: HubConfig) -> int:
    """Bytes an upload may still declare: the data folder's free space less the margin."""
    return shutil.disk_usage(config.data_dir).free - config.free_disk_margin


def _expires_header(upload: Upload, ttl: int) -> dict[str, str]:
    if upload.state != UploadState.RECEIVING:
        return {}
    return {"Upload-Expires": format_datetime(upload.expires_at(ttl), usegmt=True)}


def drop_expired(hub: Hub) -> int:
    """Deletes incomplete uploads past their expiry, bytes and rows; skips one being written."""
    dropped = 0
    for upload in uploads.expired(hub.db, hub.config.upload_ttl):
        path = upload_path(hub, upload)
        lock = FileLock(str(path) + ".lock", mode=FILE_MODE)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue
        try:
            uploads.forget(hub.db, upload)
            path.unlink(missing_ok=True)
        finally:
            lock.release()
        Path(str(path) + ".lock").unlink(missing_ok=True)
        dropped += 1
    return dropped


async def sweep_expired(hub: Hub) -> None:
    """Drops expired uploads every `upload_sweep_interval` seconds while the app runs, so their
    bytes go even when no station starts a new upload. A failed round (a busy database) is
    logged and the next one tried."""
    while True:
        await asyncio.sleep(hub.config.upload_sweep_interval)
        try:
            dropped = await run_in_threadpool(_drop_all_expired, hub)
        except Exception:
            _log.exception("sweeping expired uploads failed")
            continue
        if dropped:
            _log.info("dropped %d expired uploads", dropped)


def _drop_all_expired(hub: Hub) -> int:
    """Round after round (each takes a batch), until one drops nothing."""
    total = 0
    while dropped := drop_expired(hub):
        total += dropped
    return total


@router.post("/", status_code=201)
def create(request: Request, station: StationDep, hub: HubDep) -> Response:
    _require_version(request)
    wanted = _upload_request(request, hub.config.max_upload_size)
    drop_expired(hub)
    try:
        quota, room = _quota(hub.config), _room(hub.config)
        upload, restarted = uploads.create_or_reuse(hub.db, station, wanted, quota, room)
    except uploads.QuotaExceeded:
        raise ApiError(429, "quota_exceeded", _tus_headers(**{"Retry-After": "60"})) from None
    except uploads.NoRoom:
        retry = _tus_headers(**{"Retry-After": str(NO_ROOM_RETRY_SECONDS)})
        raise ApiError(507, "insufficient_storage", retry, msg=NO_ROOM) from None
    if restarted:
        # A restarted upload's old bytes are dropped by its first PATCH, which truncates
        # the file to the recorded offset (0) under the upload's lock.
        _ensure_data_file(upload_path(hub, upload))
    headers = _tus_headers(
        Location=upload_url(request, upload.upload_id),
        **{"Upload-Offset": str(upload.offset)},
        **_expires_header(upload, hub.config.upload_ttl),
    )
    return Response(status_code=201, headers=headers)


def _owned_upload(hub: Hub, station: str, upload_id: str) -> Upload:
    upload = uploads.get(hub.db, station, upload_id)
    if upload is None:
        raise ApiError(404, "not_found", _tus_headers())
    if upload.expired(hub.config.upload_ttl):
        raise ApiError(410, "upload_expired", _tus_headers())
    return upload


@router.head("/{upload_id}")
async def head(
    upload_id: str,
    request: Request,
    station: StationDep,
    hub: HubDep,
) -> Response:
    """The upload's offset. Asked right after a cut, while the cut PATCH is still being
    written, it waits (up to HEAD_WAIT_SECONDS) for that PATCH to know its last byte, so the
    answer is where the station must go on from, not a stale offset it would PATCH in vain.
    Until those bytes are durable the next PATCH waits for its turn; were the hub to fail
    before, that PATCH gets 409 with the recorded offset, so nothing is ever skipped."""
    _require_version(request)
    upload = await run_in_threadpool(_owned_upload, hub, station, upload_id)
    if upload.state == UploadState.RECEIVING:
        path = upload_path(hub, upload)
        turns = hub.upload_turns
        waited, reached = await turns.settled(station, upload_id, path, HEAD_WAIT_SECONDS)
        if reached is not None:
            upload = _with_offset(upload, reached)
        elif waited:
            upload = await run_in_threadpool(_owned_upload, hub, station, upload_id)
    return Response(
        status_code=200,
        headers=_tus_headers(
            **{
                "Upload-Offset": str(upload.offset),
                "Upload-Length": str(upload.length),
                "Upload-Metadata": _encode_metadata(upload),
                **_expires_header(upload, hub.config.upload_ttl),
            }
        ),
    )


def _encode_metadata(upload: Upload) -> str:
    pairs = {
        "filename": upload.file_name,
        "sha256": upload.declared_sha256,
        "idempotency_key": upload.idempotency_key,
        "dossier_code": upload.dossier_code,
    }
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in pairs.items())


@router.patch("/{upload_id}")
async def patch(
    upload_id: str,
    request: Request,
    station: StationDep,
    hub: HubDep,
) -> Response:
    _require_version(request)
    if request.headers.get("content-type") != "application/offset+octet-stream":
        raise ApiError(415, "unsupported_media_type", _tus_headers())
    claimed_offset = _number(request.headers.get("upload-offset"))
    if claimed_offset is None:
        raise ApiError(400, "upload_offset_required", _tus_headers())
    with hub.upload_turns.coming(station, upload_id):
        upload = await run_in_threadpool(_owned_upload, hub, station, upload_id)
        path = upload_path(hub, upload)
        path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        # A cut-off PATCH holds the upload until it notices the cut, so a quick resume waits
        # its turn (several hub processes sharing the data directory take turns too).
        turn = await hub.upload_turns.take(upload_id, path, LOCK_WAIT_SECONDS)
    if turn is None:
        # 409 rather than 423: stations retry a 409 after a fresh HEAD.
        raise ApiError(409, "upload_locked", _tus_headers(**{"Retry-After": "1"}))
    try:
        # Re-read in turn: the interrupted request may have advanced the offset.
        upload = await run_in_threadpool(_owned_upload, hub, station, upload_id)
        if claimed_offset != upload.offset:
            raise ApiError(
                409, "offset_mismatch", _tus_headers(**{"Upload-Offset": str(upload.offset)})
            )
        if upload.state == UploadState.RECEIVING:
            _refuse_overflow(request, upload)
            upload = await _receive(hub, upload, path, request, turn)
    finally:
        hub.upload_turns.give_back(upload_id, turn)
    expires = _expires_header(upload, hub.config.upload_ttl)
    return Response(
        status_code=204, headers=_tus_headers(**{"Upload-Offset": str(upload.offset)}, **expires)
    )


def _exceeds_length() -> ApiError:
    return ApiError(413, "exceeds_upload_length", _tus_headers())


def _refuse_overflow(request: Request, upload: Upload) -> None:
    declared = _number(request.headers.get("content-length"))
    if declared is not None and upload.offset + declared > upload.length:
        raise _exceeds_length()


async def _receive(hub: Hub, upload: Upload, path: Path, request: Request, turn: Turn) -> Upload:
    start = durable = offset = upload.offset
    exceeded = False
    with _open_data_file(path) as handle:
        # Bytes past the recorded offset were never acknowledged; drop them.
        handle.truncate(offset)
        handle.seek(offset)
        try:
            async for chunk in request.stream():
                if offset + len(chunk) > upload.length:
                    exceeded = True  # a chunked body with no Content-Length to check first
                    break
                handle.write(chunk)
                offset += len(chunk)
                if offset - durable >= CHECKPOINT_BYTES:
                    durable = await run_in_threadpool(_checkpoint, hub, upload, handle, offset)
        except ClientDisconnect:
            # Keep what arrived; the station resumes from HEAD's offset, told it now.
            if offset < upload.length:
                turn.reach(offset)
        finally:
            if exceeded:  # the whole request is refused, so none of its bytes are kept
                offset = start
                handle.truncate(start)
            if offset != durable:
                await run_in_threadpool(_checkpoint, hub, upload, handle, offset)
    if exceeded:
        raise _exceeds_length()
    if offset < upload.length:
        return _with_offset(upload, offset)
    computed = await run_in_threadpool(sha256_of, path)
    state = await run_in_threadpool(uploads.finish, hub.db, upload, computed)
    if state == UploadState.CORRUPT:
        # The station is told through the file status and the manifest commit; the hub
        # keeps no bytes it could never publish.
        await run_in_threadpool(_discard_bytes, path)
    return _with_offset(upload, offset, state)


def _discard_bytes(path: Path) -> None:
    with _open_data_file(path) as handle:
        handle.truncate(0)
        os.fsync(handle.fileno())


def _checkpoint(hub: Hub, upload: Upload, handle: BinaryIO, offset: int) -> int:
    handle.flush()
    os.fsync(handle.fileno())
    uploads.set_offset(hub.db, upload.upload_id, offset)
    return offset


def _with_offset(upload: Upload, offset: int, state: UploadState | None = None) -> Upload:
    return replace(upload, offset=offset, state=state or upload.state)
