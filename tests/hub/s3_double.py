"""A bucket that behaves like S3 for the hub's object store: whole-object PUTs (no append,
no rename), an ETag (MD5) per object, listings by prefix in pages of `page_size` with a
continuation token, NoSuchKey for an absent key, deletes that succeed on absent keys. It
can be told to fail the n-th PUT from now, as a network or the service would. Like a bucket,
it answers several clients at once (a hub's request threads), each call whole."""

from __future__ import annotations

import hashlib
import io
import threading
from typing import Any


class NoSuchKey(Exception):
    pass


class PutFailed(Exception):
    pass


class S3Double:
    def __init__(self, page_size: int = 3) -> None:
        self.objects: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.page_size = page_size
        self.puts = 0
        self._fail_at: int | None = None
        self._lock = threading.Lock()

    def fail_put(self, after: int) -> None:
        """The PUT after `after` more successful ones raises (once)."""
        self._fail_at = self.puts + after + 1

    def put_object(self, *, Bucket: str, Key: str, Body: bytes) -> dict[str, Any]:
        with self._lock:
            self.puts += 1
            if self._fail_at is not None and self.puts == self._fail_at:
                self._fail_at = None
                raise PutFailed(Key)
            if not isinstance(Body, bytes):
                raise TypeError("a PUT carries the whole object")
            etag = hashlib.md5(Body, usedforsecurity=False).hexdigest()
            self.objects[(Bucket, Key)] = (bytes(Body), etag)
            return {"ETag": f'"{etag}"'}

    def get_object(self, *, Bucket: str, Key: str) -> dict[str, Any]:
        with self._lock:
            if (Bucket, Key) not in self.objects:
                raise NoSuchKey(Key)
            data, etag = self.objects[(Bucket, Key)]
            return {"Body": io.BytesIO(data), "ETag": f'"{etag}"', "ContentLength": len(data)}

    def delete_object(self, *, Bucket: str, Key: str) -> dict[str, Any]:
        with self._lock:
            self.objects.pop((Bucket, Key), None)
            return {}

    def list_objects_v2(
        self,
        *,
        Bucket: str,
        Prefix: str = "",
        ContinuationToken: str | None = None,
    ) -> dict[str, Any]:
        with self._lock:
            keys = sorted(k for b, k in self.objects if b == Bucket and k.startswith(Prefix))
            start = int(ContinuationToken or 0)
            page = keys[start : start + self.page_size]
            answer: dict[str, Any] = {
                "Contents": [
                    {
                        "Key": k,
                        "ETag": f'"{self.objects[(Bucket, k)][1]}"',
                        "Size": len(self.objects[(Bucket, k)][0]),
                    }
                    for k in page
                ],  # fmt: skip
                "IsTruncated": start + self.page_size < len(keys),
            }
            if answer["IsTruncated"]:
                answer["NextContinuationToken"] = str(start + self.page_size)
            return answer
