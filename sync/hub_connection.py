"""Build the configured upload target (hub or shared folder) from the stored settings and the
kept secret."""

from __future__ import annotations

from pathlib import Path

from station.errors import ErrorCode, StationError
from sync.credentials import load_secret
from sync.folder_target import FolderTarget
from sync.hub_target import CHUNK, HubTarget
from sync.settings import SyncSettings
from sync.target import Target
from sync.throttle import Pace
from sync.transport import HubHttp


def build_target(
    settings: SyncSettings, pace: Pace | None = None, chunk_size: int = CHUNK
) -> Target:
    if not settings.configured:
        raise StationError(ErrorCode.SYNC_NOT_CONFIGURED)
    if settings.target == "folder":
        return FolderTarget(Path(settings.folder))
    # The secret is read when a token is needed, not kept in this object's fields.
    http = HubHttp(settings, lambda: load_secret(settings))
    return HubTarget(http, chunk_size=chunk_size, pace=pace)
