"""The hub's files in an S3-compatible bucket (planned second store; hub/file_store.py).

Written against the calls boto3's S3 client makes (put_object, get_object, delete_object,
list_objects_v2), so MinIO, Ceph or a cloud bucket fit; tests/hub/s3_double.py behaves like
S3 for the contract tests: whole-object PUTs, an ETag per object, listings in pages, and no
rename. A publication is written under "<folder>/@v/<version>/" and made current by one PUT
of the pointer "<folder>/@current" naming that version, after every file is in place; a
reader resolves the pointer first, so it never sees half of a publication.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from hub.file_store import MANIFEST, MissingFile, Staged

POINTER = "@current"
VERSIONS = "@v"


class S3Client(Protocol):
    def put_object(self, *, Bucket: str, Key: str, Body: bytes) -> dict[str, Any]: ...

    def get_object(self, *, Bucket: str, Key: str) -> dict[str, Any]: ...

    def delete_object(self, *, Bucket: str, Key: str) -> dict[str, Any]: ...

    def list_objects_v2(self, **kwargs: Any) -> dict[str, Any]: ...


class S3Files:
    """`missing`: the exception types the client raises for an absent key (boto3:
    `client.exceptions.NoSuchKey`)."""

    def __init__(
        self, client: S3Client, bucket: str, missing: tuple[type[Exception], ...], prefix: str = ""
    ) -> None:
        self.client, self.bucket, self.missing = client, bucket, missing
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def _key(self, key: str) -> str:
        if not key or any(part in ("", ".", "..") for part in key.split("/")):
            raise ValueError(f"not a key: {key!r}")
        return self.prefix + key

    def put(self, key: str, data: bytes) -> str:
        answer = self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)
        return str(answer["ETag"]).strip('"')

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except self.missing:
            raise MissingFile(key) from None
        return bytes(answer["Body"].read())

    def exists(self, key: str) -> bool:
        return self._key(key) in self._listed(self._key(key))

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def list(self, prefix: str) -> list[str]:
        return sorted(key[len(self.prefix) :] for key in self._listed(self.prefix + prefix))

    def _listed(self, prefix: str) -> list[str]:
        keys: list[str] = []
        request: dict[str, Any] = {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            page = self.client.list_objects_v2(**request)
            keys += [entry["Key"] for entry in page.get("Contents", [])]
            if not page.get("IsTruncated"):
                return keys
            request["ContinuationToken"] = page["NextContinuationToken"]

    # publications -------------------------------------------------------------------------
    def _current(self, folder: str) -> str | None:
        try:
            return self.get(f"{folder}/{POINTER}").decode("ascii")
        except MissingFile:
            return None

    def publish(self, folder: str, files: Mapping[str, Path], record: bytes) -> None:
        staged = self.stage(folder, files)
        try:
            self.publish_staged(staged, record)
        finally:
            self.discard(staged)

    def stage(self, folder: str, files: Mapping[str, Path]) -> Staged:
        staged = Staged(folder, uuid.uuid4().hex)
        try:
            for name, source in files.items():
                self.put(f"{folder}/{VERSIONS}/{staged.token}/{name}", source.read_bytes())
        except BaseException:
            self.discard(staged)
            raise
        return staged

    def publish_staged(self, staged: Staged, record: bytes) -> None:
        self.put(f"{staged.folder}/{VERSIONS}/{staged.token}/{MANIFEST}", record)
        # The one write that switches readers over; earlier versions stay, as on disk.
        self.put(f"{staged.folder}/{POINTER}", staged.token.encode("ascii"))

    def discard(self, staged: Staged) -> None:
        if self._current(staged.folder) == staged.token:
            return  # published: it stays
        for key in self.list(f"{staged.folder}/{VERSIONS}/{staged.token}/"):
            self.delete(key)

    def add(self, folder: str, name: str, source: Path | bytes, replace: bool = False) -> None:
        version = self._current(folder)
        if version is None:
            raise MissingFile(folder)
        key = f"{folder}/{VERSIONS}/{version}/{name}"
        if replace or not self.exists(key):
            self.put(key, source if isinstance(source, bytes) else source.read_bytes())

    def read(self, folder: str, name: str) -> bytes:
        version = self._current(folder)
        if version is None:
            raise MissingFile(f"{folder}/{name}")
        return self.get(f"{folder}/{VERSIONS}/{version}/{name}")

    def names(self, folder: str) -> list[str]:
        version = self._current(folder)
        if version is None:
            return []
        base = f"{folder}/{VERSIONS}/{version}/"
        return sorted(key[len(base) :] for key in self.list(base))
