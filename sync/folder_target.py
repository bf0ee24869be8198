"""A shared folder as the receiving side: the same package (PDFs + manifest JSON), written
atomically, for a province whose system collects dossiers from a network share.

Layout: <folder>/<dossier>/<file>.pdf, then <folder>/<dossier>/manifest.json written last, so
a collector that waits for the manifest never sees a half-delivered dossier. A small index
under <folder>/.sohoa/keys/ maps idempotency keys to what was delivered.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

from station.errors import ErrorCode, StationError
from station.workflow.finished_files import dossier_folder
from station.workflow.result_manifest import manifest_file_name
from sync.failures import Interrupted, TransientError
from sync.jobs import Job
from sync.target import RemoteFile, UploadProgress


class FolderTarget:
    name = "folder"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _keys(self) -> Path:
        return self.folder / ".sohoa" / "keys"

    def file_state(self, idempotency_key: str) -> RemoteFile | None:
        record = self._keys() / f"{idempotency_key}.json"
        try:
            entry = json.loads(record.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise self._failure(exc) from None
        delivered = self.folder / entry["path"]
        if not delivered.is_file():
            return None
        return RemoteFile(
            idempotency_key, "complete", entry["size"], entry["size"], entry["sha256"]
        )

    def upload_file(self, job: Job, source: Path, progress: UploadProgress) -> RemoteFile:
        known = self.file_state(job.idempotency_key)
        if known is not None:
            return known
        relative = f"{dossier_folder(job.dossier_code)}/{job.file_name}"
        try:
            digest = _copy_atomic(source, self.folder / relative, progress)
            _write_atomic(
                self._keys() / f"{job.idempotency_key}.json",
                json.dumps({"path": relative, "sha256": digest, "size": job.size}).encode(),
            )
        except OSError as exc:
            raise self._failure(exc) from None
        return RemoteFile(job.idempotency_key, "complete", job.size, job.size, digest)

    def commit_manifest(self, job: Job) -> None:
        target = self.folder / dossier_folder(job.dossier_code) / "manifest.json"
        data = json.dumps(job.manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        try:
            _write_atomic(target, data)
        except OSError as exc:
            raise self._failure(exc) from None

    def commit_result(self, job: Job) -> None:
        """Beside the dossier's manifest, under the name the station gave it."""
        name = manifest_file_name(job.idempotency_key)
        target = self.folder / dossier_folder(job.dossier_code) / name
        data = json.dumps(job.manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        try:
            _write_atomic(target, data)
        except OSError as exc:
            raise self._failure(exc) from None

    def heartbeat(self, body: dict[str, Any]) -> None:
        return None  # a folder has no one to tell

    def reachable(self) -> bool:
        return self.folder.is_dir()

    def close(self) -> None:
        return None

    def _failure(self, exc: Exception) -> TransientError:
        # A share that is down or full now may be back later: never park for that.
        return TransientError(
            StationError(ErrorCode.SYNC_FOLDER_FAILED, path=str(self.folder), detail=str(exc)),
            offline=True,
        )


def _temp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")


def _copy_atomic(source: Path, target: Path, progress: UploadProgress) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_for(target)
    digest = hashlib.sha256()
    try:
        with source.open("rb") as src, temp.open("wb") as dst:
            while block := src.read(1024 * 1024):
                if progress.stopping():
                    raise Interrupted
                digest.update(block)
                dst.write(block)
                progress.record_sent(dst.tell())
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_for(target)
    try:
        with temp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
