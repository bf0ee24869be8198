"""Settings of one hub process, declared once with their defaults (docs/SECURITY.md lists them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TOKEN_TTL = 3600
DEFAULT_ONLINE_WINDOW = 300
DEFAULT_MAX_UPLOAD = 2 * 1024**3
KIB, MIB, GIB = 1024, 1024**2, 1024**3


@dataclass(frozen=True)
class HubConfig:
    data_dir: Path
    dsn: str | None = None  # None: SQLite in data_dir; "postgresql://...": PostgreSQL
    token_ttl: int = DEFAULT_TOKEN_TTL
    online_window: int = DEFAULT_ONLINE_WINDOW
    max_upload_size: int = DEFAULT_MAX_UPLOAD
    require_signatures: bool = False  # refuse PDFs that carry no clerk's signature
    # people's logins (supervisors, administrators)
    login_ttl: int = 8 * 3600
    # live tokens per station or account; the oldest lapse beyond this
    max_tokens: int = 10
    # token requests per minute, from one address and for one client id or username
    token_requests_per_address: int = 60
    token_requests_per_client: int = 20
    # per station and minute, in each hub process: a station sends one heartbeat a minute and
    # its facts in rounds of up to 20 requests every five minutes
    heartbeats_per_minute: int = 12
    # seconds a figures report is reused by this process (0: never; `serve` sets 30)
    figures_cache_seconds: float = 0.0
    metrics_per_minute: int = 60
    # per station or account and minute, in each hub process: reads of personal data, each
    # written to the access log (a dossier, a hand-over look-up, figures per clerk); beyond: 429
    personal_reads_per_minute: int = 60
    # days an access log entry is kept; older ones are deleted at start and every
    # `access_log_sweep_interval` seconds (two years: this project's choice, docs/SECURITY.md)
    access_log_days: int = 730
    access_log_sweep_interval: float = 24 * 3600.0
    metrics_kept: int = 20  # snapshots per station; only the latest is read, older ones dropped
    # per station: uploads not yet complete, and the bytes they declared
    max_open_uploads: int = 50
    max_bytes_in_flight: int = 8 * GIB
    upload_ttl: int = 7 * 24 * 3600  # an unfinished upload expires this long after creation
    upload_sweep_interval: float = 3600.0  # seconds between two sweeps of expired uploads
    # free space left on the data folder's disk: an upload that would eat into it is refused
    free_disk_margin: int = 1 * GIB
    # request bodies: the largest manifest commit and metrics report (facts) accepted
    max_manifest_body: int = 2 * MIB
    max_metrics_body: int = 32 * MIB
    # request bodies: idle gap between two pieces, and the whole body of a non-upload request;
    # an upload's PATCH gets body_total_timeout plus one second per upload_min_rate bytes it
    # carried (a trickle below that average rate is cut, 408, and frees the upload's lock)
    body_idle_timeout: float = 30.0
    body_total_timeout: float = 120.0
    upload_min_rate: float = 1 * KIB  # bytes per second
    # the signature check of received PDFs, in a worker process
    signature_max_bytes: int = 256 * MIB
    signature_timeout: float = 60.0  # per commit, however many files it has
    signature_memory: int = 1 * GIB
    signature_workers: int = 2
    # seconds a commit waits for a free worker before 503 with Retry-After (it holds a server
    # thread while it waits)
    signature_slot_wait: float = 3.0
    # seconds a station whose check overran signature_timeout gets no check (503 station_busy):
    # two stations sending files that take ages cannot keep both workers to themselves
    signature_overrun_rest: float = 300.0
    # refused commits (422) per station in `rejection_window` seconds before 429
    max_rejections: int = 10
    rejection_window: int = 600

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "hub.sqlite3"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def dossiers_dir(self) -> Path:
        return self.data_dir / "dossiers"

    def upload_file(self, station_id: str, upload_id: str) -> Path:
        return self.uploads_dir / station_id / f"{upload_id}.bin"
