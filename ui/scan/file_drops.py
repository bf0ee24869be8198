"""Files dropped on the page grid from a file manager: those of the types File > Import… offers
go to the window's importer, as if picked there (same dossier rules, progress and errors); the
others are refused by name, and nothing is stored from them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.imports import ImportFailed
from station.errors import ErrorCode, StationError
from ui.pages.view import PageGrid
from ui.scan.importing import FILE_TYPES, ImportController

SUFFIXES = frozenset(pattern.removeprefix("*").lower() for pattern in FILE_TYPES.split())


def unsupported(names: str) -> StationError:
    return StationError(ErrorCode.IMPORT_UNSUPPORTED, path=names, detail="dropped on the page grid")


def importable(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.is_dir()


class FileDrops(QObject):
    error = Signal(object)
    refused = Signal(str)  # a drop not taken: said until the clerk acts (the banner)

    def __init__(
        self,
        grid: PageGrid,
        importer: ImportController,
        scanning: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._importer = importer
        self._scanning = scanning
        grid.files_dropped.connect(self.dropped)

    def dropped(self, paths: list[Path]) -> None:
        if self._scanning() or self._importer.busy:
            self.refused.emit(self.tr("A scan or an import is under way: drop the files again "
                                      "when it has ended"))  # fmt: skip
            return
        wanted = [path for path in paths if importable(path)]
        refused = [path for path in paths if not importable(path)]
        if wanted:  # the import names the refused ones with its own failures, when it ends
            self._importer.start(wanted, [ImportFailed(path, unsupported(path.name))
                                          for path in refused])  # fmt: skip
        elif refused:
            self._refuse(refused)

    def _refuse(self, refused: list[Path]) -> None:
        names = ", ".join(path.name for path in refused)
        self.error.emit(unsupported(names))
        text = self.tr("Not imported: %1 — only scans and documents (%2) can be dropped here")
        self.refused.emit(text.replace("%1", names).replace("%2", FILE_TYPES))
