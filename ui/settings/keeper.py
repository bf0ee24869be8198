"""The station settings in memory for the screens; every change is written in the background:
the station's identity and its processing settings to the store, the rest to the window's
preferences file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.identity import take_over_identity
from app.settings import processing_settings, save_processing_settings
from station.store import Store
from ui.settings.identity import identity_of, with_identity
from ui.settings.values import (
    IDENTITY_FIELDS,
    PROCESSING_FIELDS,
    StationSettings,
    processing_of,
    save_station_settings,
    with_processing,
)
from ui.tasks import TaskRunner


class SettingsKeeper(QObject):
    changed = Signal(object)  # StationSettings

    def __init__(
        self,
        home: Path,
        settings: StationSettings,
        tasks: TaskRunner,
        store: Store | None = None,
        parent=None,
    ) -> None:
        """Without a store (a screen tested alone) the store's settings are kept in memory only."""
        super().__init__(parent)
        self.home = home
        self._store = store
        if store is not None:
            settings = with_identity(settings, take_over_identity(store, home))
            settings = with_processing(settings, processing_settings(store, home))
        self._value = settings
        self._tasks = tasks

    @property
    def value(self) -> StationSettings:
        return self._value

    def update(self, **values: Any) -> None:
        updated = self._value.changed(**values)
        if updated == self._value:
            return
        renamed = any(getattr(updated, f) != getattr(self._value, f) for f in IDENTITY_FIELDS)
        processing = any(getattr(updated, f) != getattr(self._value, f) for f in PROCESSING_FIELDS)
        self._value = updated
        # The serial store thread keeps the writes in order: the last one wins on disk too.
        self._tasks.db(save_station_settings, self.home, updated).run()
        if renamed and self._store is not None:
            self._tasks.db(self._store.set_identity, identity_of(updated)).run()
        if processing and self._store is not None:
            self._tasks.db(save_processing_settings, self._store, processing_of(updated)).run()
        self.changed.emit(updated)
