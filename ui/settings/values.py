"""The window's settings, declared once with types and defaults.

The window's preferences (scanner choices, language, the dossier left open, the window's
geometry) live in a file in the data directory next to the store, so they travel with it. Which
data directory to use cannot live inside it: that one line is kept in the user's config
directory.

The station's identity (name, agency code, level) is the store's `station` row, and the
processing profile and the blank-back choice are the store's too (app/settings.py), read by the
command line as well; the fields here only mirror them for the screens and are never written to
the file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from app.settings import LEGACY_FILE, ProcessingSettings, profile_names, read_json_object
from station.pipeline.profile import DEFAULT_PROFILE

STATION_FILE = LEGACY_FILE
LANGUAGES = ("vi", "en")
IDENTITY_FIELDS = ("station_name", "agency_code", "station_level")
PROCESSING_FIELDS = ("profile", "blank_backs_kept")
STORE_FIELDS = IDENTITY_FIELDS + PROCESSING_FIELDS  # mirrored from the store, not in the file


@dataclass(frozen=True)
class StationSettings:
    language: str = "vi"
    station_name: str = ""  # the identity: mirrors the store's station row
    agency_code: str = ""
    station_level: str = "commune"
    profile: str = DEFAULT_PROFILE  # the store's (app/settings.py), mirrored
    device: str = "virtual"
    paper: str = "A4"
    dpi: int = 300
    mode: str = "color"
    source: str = "adf"
    options: str = ""  # backend options, `name=value` separated by spaces
    last_dossier: str = ""  # reopened after a crash or a restart
    # Profiles, comma-separated, whose duplex scans keep their blank back sides; with the others
    # backs found blank are hidden (and can be restored). The store's, mirrored.
    blank_backs_kept: str = ""
    window_geometry: str = ""  # Qt's saveGeometry in base64, on screens of 1600×900 and more

    def changed(self, **values: Any) -> StationSettings:
        return replace(self, **values)

    def skips_blank_backs(self, profile: str) -> bool:
        return profile not in kept_profiles(self.blank_backs_kept)


def kept_profiles(text: str) -> set[str]:
    return {name.strip() for name in text.split(",") if name.strip()}


def with_processing(settings: StationSettings, processing: ProcessingSettings) -> StationSettings:
    kept = ",".join(sorted(processing.blank_backs_kept))
    return settings.changed(profile=processing.profile, blank_backs_kept=kept)


def processing_of(settings: StationSettings) -> ProcessingSettings:
    return ProcessingSettings(settings.profile, profile_names(settings.blank_backs_kept))


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Atomic replace: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_station_settings(home: Path) -> StationSettings:
    data = read_json_object(home / STATION_FILE)
    defaults = StationSettings()
    values: dict[str, Any] = {}
    for spec in fields(StationSettings):
        if spec.name in STORE_FIELDS:
            continue  # the store's, not the file's
        value = data.get(spec.name)
        if isinstance(value, type(getattr(defaults, spec.name))):
            values[spec.name] = value
    settings = StationSettings(**values)
    if settings.language not in LANGUAGES:
        settings = settings.changed(language=defaults.language)
    return settings


def save_station_settings(home: Path, settings: StationSettings) -> None:
    data = {k: v for k, v in asdict(settings).items() if k not in STORE_FIELDS}
    _write_json(home / STATION_FILE, data)


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir("SoHoaStation", appauthor=False)) / "gui.json"


def configured_home(config: Path) -> Path | None:
    value = read_json_object(config).get("data_directory")
    return Path(value) if isinstance(value, str) and value.strip() else None


def save_configured_home(config: Path, home: Path) -> None:
    data = read_json_object(config)
    data["data_directory"] = str(home)
    _write_json(config, data)
