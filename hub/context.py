"""What every request handler needs, built once per app and passed on `app.state`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from hub.check_slots import CheckSlots
from hub.config import HubConfig
from hub.db import Database
from hub.file_store import FileStore, LocalDiskFiles
from hub.report_cache import ReportCache
from hub.result_components import CatalogKinds
from hub.throttle import KnownAddresses, Throttle
from hub.upload_turns import UploadTurns


@dataclass
class Hub:
    config: HubConfig
    db: Database
    files: FileStore = field(init=False)  # committed dossiers' files
    reports: ReportCache = field(init=False)  # figures, reused for a few seconds
    token_by_address: Throttle = field(init=False)
    token_by_client: Throttle = field(init=False)
    token_addresses: KnownAddresses = field(init=False)  # where each name got tokens lately
    heartbeats: Throttle = field(init=False)  # per station
    metrics: Throttle = field(init=False)  # per station
    personal_reads: Throttle = field(init=False)  # per station or account
    # signature checks running at once in this process (each a worker process), one per station
    signature_slots: CheckSlots = field(init=False)
    upload_turns: UploadTurns = field(init=False)  # tus PATCHes writing in this process
    catalog_kinds: CatalogKinds = field(init=False)  # what a result addendum may carry

    def __post_init__(self) -> None:
        config = self.config
        self.files = LocalDiskFiles(config.dossiers_dir)
        self.reports = ReportCache(config.figures_cache_seconds)
        self.token_by_address = Throttle(config.token_requests_per_address, 60)
        self.token_by_client = Throttle(config.token_requests_per_client, 60)
        self.token_addresses = KnownAddresses()
        self.heartbeats = Throttle(config.heartbeats_per_minute, 60)
        self.metrics = Throttle(config.metrics_per_minute, 60)
        self.personal_reads = Throttle(config.personal_reads_per_minute, 60)
        self.signature_slots = CheckSlots(config.signature_workers)
        self.upload_turns = UploadTurns()
        self.catalog_kinds = CatalogKinds(self.db)


def hub_of(request: Request) -> Hub:
    return request.app.state.hub


HubDep = Annotated[Hub, Depends(hub_of)]
