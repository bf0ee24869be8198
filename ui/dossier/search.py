"""Type-to-search over the catalog: Vietnamese with or without diacritics ("khai sinh" and
"dang ky khai sinh" typed on an English keyboard both find "Đăng ký khai sinh")."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from station.catalog import Catalog

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, single spaces: the form both sides are compared in."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.casefold().split())


def procedure_model(catalog: Catalog, parent=None) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for procedure in catalog:
        item = QStandardItem(f"{procedure.name}  ·  {procedure.code}")
        item.setEditable(False)
        item.setToolTip(f"{procedure.code} — {procedure.name}\n{procedure.name_en}".strip())
        item.setData(procedure.code, CODE_ROLE)
        words = " ".join((procedure.code, procedure.name, procedure.name_en, procedure.field))
        item.setData(fold(words), SEARCH_ROLE)
        model.appendRow(item)
    return model


class ProcedureFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = index.data(SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)
