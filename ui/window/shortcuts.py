"""F1: every keyboard shortcut of the window, read from its menus so the list cannot drift."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has keys, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{title} › {action.menu().title().replace('&', '')}")
            elif action.shortcuts() and action.isVisible():
                keys = ", ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                )
                rows.append((title, action.text().replace("&", ""), keys))

    for action in bar.actions():
        if isinstance(action, QAction) and action.menu() is not None:
            walk(action.menu(), action.menu().title().replace("&", ""))
    return rows


class ShortcutsOverlay(QDialog):
    """Non-modal: the clerk can keep it open while trying the keys; F1 or Esc closes it."""

    def __init__(self, bar: QMenuBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self._bar = bar
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        QVBoxLayout(self).addWidget(self.table)
        close = QAction(self)
        close.setShortcut(QKeySequence("F1"))
        close.triggered.connect(self.close)
        self.addAction(close)
        self.resize(760, 560)

    def refresh(self) -> None:
        rows = shortcut_rows(self._bar)
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)

    def toggle(self) -> None:
        if self.isVisible():
            self.close()
            return
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
