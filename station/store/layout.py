"""Where the station keeps its data: SOHOA_HOME, else the platform's user data directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

HOME_ENV = "SOHOA_HOME"


def default_home() -> Path:
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("SoHoaStation", appauthor=False))


@dataclass(frozen=True)
class Layout:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / "station.db"

    @property
    def pages(self) -> Path:
        return self.home / "pages"

    @property
    def sessions(self) -> Path:
        return self.home / "sessions"

    @property
    def lost_and_found(self) -> Path:
        return self.home / "lost+found"

    @property
    def finished_files(self) -> Path:
        """Finished dossiers' component PDFs, one folder per dossier, kept until the upload
        queue has sent them (and the retention is over)."""
        return self.home / "finished"

    @property
    def legacy_finished_files(self) -> Path:
        """Where earlier versions put them; their rows still point there."""
        return self.home / "outbox"

    @property
    def catalog(self) -> Path:
        return self.home / "catalog"

    def absolute(self, relative: str) -> Path:
        return self.home / relative

    def relative(self, path: Path) -> str:
        return path.relative_to(self.home).as_posix()
