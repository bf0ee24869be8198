"""Where an export is saved and, for a CSV, in which dialect: the save dialog offers both as
file types, Excel-in-Vietnamese (semicolons, decimal commas) first and chosen when the window
is in Vietnamese, plain comma-separated values when it is in English."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from station.stats.export import CsvDialect

# A file type the dialog offers, and the CSV dialect it stands for (None: not a CSV).
FileType = tuple[str, CsvDialect | None]


def default_dialect() -> CsvDialect:
    """In Vietnamese, the CSV Excel set to Vietnamese opens as columns of numbers; in English,
    plain comma-separated values."""
    if QLocale().language() == QLocale.Language.Vietnamese:
        return CsvDialect.EXCEL_VI
    return CsvDialect.PLAIN


def csv_types() -> list[FileType]:
    """Both CSV dialects as file types, the window language's first."""
    excel = QCoreApplication.translate(
        "SaveDialog", "CSV for Excel in Vietnamese, ; separated (*.csv)"
    )
    plain = QCoreApplication.translate("SaveDialog", "CSV, comma separated (*.csv)")
    types: list[FileType] = [(excel, CsvDialect.EXCEL_VI), (plain, CsvDialect.PLAIN)]
    return types if default_dialect() is CsvDialect.EXCEL_VI else types[::-1]


class SaveDialog(QFileDialog):
    """Opened with `open()` (the screen keeps working meanwhile); `chosen` once a file is picked."""

    chosen = Signal(object, object)  # Path, CsvDialect (the default one for a file not a CSV)

    def __init__(self, parent: QWidget, start: Path, types: list[FileType]) -> None:
        super().__init__(parent, self.tr("Save as"), str(start))
        self.setObjectName("exportDialog")
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.setDefaultSuffix(start.suffix.lstrip("."))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._types = dict(types)
        self.setNameFilters([name for name, _dialect in types])
        self.selectNameFilter(types[0][0])
        self.fileSelected.connect(self._picked)

    def dialect(self) -> CsvDialect:
        return self._types.get(self.selectedNameFilter()) or default_dialect()

    def _picked(self, chosen: str) -> None:
        self.chosen.emit(Path(chosen), self.dialect())
