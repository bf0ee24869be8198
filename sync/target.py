"""Where finished dossiers go: the seam a province plugs its own system into."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sync.jobs import Job


@dataclass(frozen=True)
class RemoteFile:
    """What the receiving side holds under an idempotency key."""

    idempotency_key: str
    state: str  # "receiving", "complete" or "corrupt"
    offset: int
    length: int
    sha256: str | None  # computed by the receiver once complete
    upload_url: str | None = None


@dataclass
class UploadProgress:
    """Callbacks the worker gives an upload: where to resume, how far it got, when to stop."""

    record_url: Callable[[str], None] = lambda url: None
    record_sent: Callable[[int], None] = lambda sent: None
    stopping: Callable[[], bool] = lambda: False
    extra: dict[str, Any] = field(default_factory=dict)


class Target(Protocol):
    name: str

    def upload_file(self, job: Job, source: Path, progress: UploadProgress) -> RemoteFile:
        """Send the file, resuming where the receiver stopped; returns its confirmed state.
        Raises TransientError or PermanentError."""
        ...

    def commit_manifest(self, job: Job) -> None: ...

    def commit_result(self, job: Job) -> None:
        """A result addendum's manifest, once its dossier's manifest is committed."""
        ...

    def file_state(self, idempotency_key: str) -> RemoteFile | None: ...

    def heartbeat(self, body: dict[str, Any]) -> None: ...

    def reachable(self) -> bool:
        """After a network failure: does the receiver still answer (a cut link, not none)?"""
        ...

    def close(self) -> None: ...
