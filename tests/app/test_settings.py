"""The station's processing settings live in the store, so the window and the command line
agree; an earlier version's settings file is read once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.context import AppContext
from app.settings import (
    LEGACY_FILE,
    ProcessingSettings,
    processing_settings,
    save_processing_settings,
)
from station.errors import ErrorCode, StationError
from station.pipeline.profile import DEFAULT_PROFILE
from station.store import Store


def _legacy(home: Path, **values: object) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / LEGACY_FILE).write_text(json.dumps(values), encoding="utf-8")


def test_a_new_station_processes_with_the_default_profile_and_skips_every_blank_back(
    store: Store, home: Path
) -> None:
    settings = processing_settings(store, home)
    assert settings == ProcessingSettings(DEFAULT_PROFILE, frozenset())
    assert all(settings.skips_blank_backs(name) for name in ("standard", "jpeg", "card"))


def test_the_settings_file_of_an_earlier_version_is_taken_over_once(
    store: Store, home: Path
) -> None:
    _legacy(home, profile="lossless", blank_backs_kept="jpeg, card,gone", language="en")
    assert processing_settings(store, home) == ProcessingSettings(
        "lossless", frozenset({"jpeg", "card"})
    )
    save_processing_settings(store, ProcessingSettings("jpeg"))
    assert processing_settings(store, home) == ProcessingSettings("jpeg")  # not read again
    assert processing_settings(store) == ProcessingSettings("jpeg")


def test_blank_backs_switched_off_before_it_was_per_profile_stay_off(
    store: Store, home: Path
) -> None:
    _legacy(home, skip_blank_backs=False)
    settings = processing_settings(store, home)
    assert not any(settings.skips_blank_backs(name) for name in ("standard", "jpeg", "card"))
    assert settings.profile == DEFAULT_PROFILE


def test_an_unknown_profile_is_refused_before_anything_is_written(store: Store) -> None:
    save_processing_settings(store, ProcessingSettings("card"))
    with pytest.raises(StationError) as refused:
        save_processing_settings(store, ProcessingSettings("fast"))
    assert refused.value.code is ErrorCode.UNKNOWN_PROFILE
    assert processing_settings(store).profile == "card"


def test_the_context_reads_what_the_store_holds_now(home: Path) -> None:
    _legacy(home, profile="jpeg")
    context = AppContext(home=home)
    try:
        assert context.settings.profile == "jpeg"
        save_processing_settings(context.store, ProcessingSettings("lossless"))
        assert context.settings.profile == "lossless"
    finally:
        context.close()
