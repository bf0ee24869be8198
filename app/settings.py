"""The station's processing settings, kept in the store so the window and the command line
finish with the same ones: the profile new work is processed with, and the profiles whose
duplex scans keep their blank back sides (with the others a back found blank is skipped). The
other store-kept settings: the identity (station/store/identity.py), which profiles are read
(station/ocr/switch.py), the sign-in mode (app/people.py).

Earlier versions kept the profile and the blank-back choice in the window's settings file in
the data directory; the first read takes them over, once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from station.pipeline.profile import DEFAULT_PROFILE, PROFILES, get_profile
from station.store import Store

LEGACY_FILE = "gui-settings.json"  # the window's preferences (ui/settings/values.py)
PREFIX = "processing."
PROFILE_KEY = PREFIX + "profile"
BLANK_BACKS_KEPT_KEY = PREFIX + "blank_backs_kept"  # profile names, comma-separated
TAKEN_OVER_KEY = PREFIX + "taken_over"  # the settings file was read: never again


@dataclass(frozen=True)
class ProcessingSettings:
    profile: str = DEFAULT_PROFILE
    blank_backs_kept: frozenset[str] = frozenset()

    def skips_blank_backs(self, profile: str) -> bool:
        return profile not in self.blank_backs_kept


def profile_names(text: str) -> frozenset[str]:
    """The known profiles in a comma-separated list (a name no longer declared is left out)."""
    return frozenset(name.strip() for name in text.split(",") if name.strip() in PROFILES)


def processing_settings(store: Store, home: Path | None = None) -> ProcessingSettings:
    """The store's settings; given the data directory, those of an earlier version's settings
    file are taken over first, the first time."""
    stored = store.settings(PREFIX)
    if home is not None and TAKEN_OVER_KEY not in stored:
        settings = _legacy_settings(Path(home) / LEGACY_FILE, stored)
        save_processing_settings(store, settings)
        return settings
    return _from_stored(stored)


def save_processing_settings(store: Store, settings: ProcessingSettings) -> None:
    """Unknown profile names fail before anything is written."""
    profile = get_profile(settings.profile).name
    kept = sorted({get_profile(name).name for name in settings.blank_backs_kept})
    store.save_settings(
        {
            PROFILE_KEY: profile,
            BLANK_BACKS_KEPT_KEY: ",".join(kept) if kept else None,
            TAKEN_OVER_KEY: "1",
        }
    )


def _from_stored(stored: dict[str, str]) -> ProcessingSettings:
    profile = stored.get(PROFILE_KEY, "")
    return ProcessingSettings(
        profile if profile in PROFILES else DEFAULT_PROFILE,
        profile_names(stored.get(BLANK_BACKS_KEPT_KEY, "")),
    )


def _legacy_settings(path: Path, stored: dict[str, str]) -> ProcessingSettings:
    """What the settings file says, where the store says nothing yet."""
    data = read_json_object(path)
    current = _from_stored(stored)
    profile = current.profile
    if PROFILE_KEY not in stored and data.get("profile") in PROFILES:
        profile = data["profile"]
    kept = current.blank_backs_kept
    if BLANK_BACKS_KEPT_KEY not in stored:
        if isinstance(data.get("blank_backs_kept"), str):
            kept = profile_names(data["blank_backs_kept"])
        elif data.get("skip_blank_backs") is False:  # switched off before it was per profile
            kept = frozenset(PROFILES)
    return ProcessingSettings(profile, kept)


def read_json_object(path: Path) -> dict[str, Any]:
    """A settings file's object; empty when the file is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
