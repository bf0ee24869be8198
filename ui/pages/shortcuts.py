"""A page action: a shortcut that works wherever the keyboard is within its widget (the grid
and the preview beside it), not only on one control."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def area_action(
    owner: QObject, text: str, keys, slot: Callable[[], None], widget: QWidget
) -> QAction:
    action = QAction(text, owner)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action
