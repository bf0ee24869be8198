"""Settings of one hub process, declared once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TOKEN_TTL = 3600
DEFAULT_ONLINE_WINDOW = 300
DEFAULT_MAX_UPLOAD = 2 * 1024**3


@dataclass(frozen=True)
class HubConfig:
    data_dir: Path
    dsn: str | None = None  # None: SQLite in data_dir; "postgresql://...": PostgreSQL
    token_ttl: int = DEFAULT_TOKEN_TTL
    online_window: int = DEFAULT_ONLINE_WINDOW
    max_upload_size: int = DEFAULT_MAX_UPLOAD
    require_signatures: bool = False  # refuse PDFs that carry no clerk's signature

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
