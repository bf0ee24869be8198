"""Which profiles' pages the station reads (OCR), kept in the store so the window, the command
line and finishing obey one switch. A profile is read unless its declaration says otherwise or
it is switched off here: a store that never set the switch reads every page."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from station.pipeline.profile import PROFILES, get_profile
from station.store import Store

NOT_READ_SETTING = "ocr.profiles_off"  # profile names, comma-separated


def profiles_not_read(store: Store) -> frozenset[str]:
    """The known profiles switched off (a name no longer declared is left out)."""
    text = store.settings(NOT_READ_SETTING).get(NOT_READ_SETTING, "")
    return frozenset(name.strip() for name in text.split(",") if name.strip() in PROFILES)


def profile_reads(profile: str, not_read: Collection[str]) -> bool:
    """Pages of `profile` are read: its declaration reads, and it is not among `not_read`."""
    return get_profile(profile).ocr and profile not in not_read


def reads_text(store: Store, profile: str) -> bool:
    """True when pages processed with `profile` are read: suggestions and the text layer."""
    return profile_reads(profile, profiles_not_read(store))


def set_profiles_not_read(store: Store, profiles: Iterable[str]) -> None:
    """Switch reading off for exactly these profiles (on for every other); unknown names fail
    before anything is written."""
    names = sorted({get_profile(name).name for name in profiles})
    store.save_settings({NOT_READ_SETTING: ",".join(names) if names else None})
