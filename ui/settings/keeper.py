"""The station settings in memory for the screens; every change is written in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.settings.values import StationSettings, save_station_settings
from ui.tasks import TaskRunner


class SettingsKeeper(QObject):
    changed = Signal(object)  # StationSettings

    def __init__(
        self, home: Path, settings: StationSettings, tasks: TaskRunner, parent=None
    ) -> None:
        super().__init__(parent)
        self.home = home
        self._value = settings
        self._tasks = tasks

    @property
    def value(self) -> StationSettings:
        return self._value

    def update(self, **values: Any) -> None:
        updated = self._value.changed(**values)
        if updated == self._value:
            return
        self._value = updated
        # The serial store thread keeps the writes in order: the last one wins on disk too.
        self._tasks.db(save_station_settings, self.home, updated).run()
        self.changed.emit(updated)
