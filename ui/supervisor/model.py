"""One of the supervisor's tables as a Qt model: the same rows the exports write.

DisplayRole is the formatted text; RAW_ROLE is the value the CSV and XLSX files hold.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from station.stats.export import KINDS, Cell, Kind, Table, TableKind, Wording, heading, table_rows
from ui.supervisor.wording import format_cell, formulas, wrap_heading

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class FiguresModel(QAbstractTableModel):
    def __init__(self, kind: TableKind, wording: Wording, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.wording = wording
        self.table = Table(kind, (), ())
        self._rows: list[tuple[Cell, ...]] = []

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = [tuple(row) for row in table_rows(table, self.wording)]
        self.endResetModel()

    def headings(self) -> list[str]:
        return [heading(self.kind, column, self.wording) for column in self.table.columns]

    def raw_rows(self) -> list[tuple[Cell, ...]]:
        return list(self._rows)

    # QAbstractTableModel ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.table.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(column, value)
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (
                Qt.AlignmentFlag.AlignLeft
                if KINDS[column] is Kind.TEXT
                else Qt.AlignmentFlag.AlignRight
            )
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._is_total(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(self.table.columns):
            return None
        text = heading(self.kind, self.table.columns[section], self.wording)
        if role == Qt.ItemDataRole.DisplayRole:
            return wrap_heading(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            formula = formulas().get(self.table.columns[section])
            return f"{text}\n{formula}" if formula else text
        return None

    def _is_total(self, row: int) -> bool:
        return self.table.total is not None and row == len(self._rows) - 1
