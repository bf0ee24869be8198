"""A warning that stays: a refusal ("open a dossier first") or an error, shown above the pages
until the clerk dismisses it (✕; Esc once Shift+Tab from the pages reaches the ✕; Ctrl+Shift+X
from anywhere in the window) or does what it asks. The status bar's messages go after a few
seconds, which is right for news and wrong for something the clerk must act on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

BANNER_STYLE = (
    "#noticeBanner { background: #fff3e0; border: 1px solid #e65100; border-radius: 3px; }"
    " #noticeText { color: #8a3c00; font-weight: bold; }"
    " #noticeDismiss:focus { border: 2px solid #1565c0; }"
)
DISMISS_KEYS = "Ctrl+Shift+X"


class NoticeBanner(QFrame):
    dismissed = Signal(bool)  # the clerk put the warning away; True: it had the keyboard

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QToolButton()
        self.dismiss.setObjectName("noticeDismiss")
        self.dismiss.setText("✕")
        self.dismiss.setToolTip(self.tr("Dismiss this warning (Esc, Ctrl+Shift+X)"))
        self.dismiss.setAutoRaise(True)
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Shift+Tab from the pages
        self.dismiss.clicked.connect(self._dismiss)
        self.dismiss.installEventFilter(self)
        # For the window's menu (and so the F1 list): the same from anywhere in the window.
        self.dismiss_action = QAction(self.tr("Dismiss the warning above the pages"), self)
        self.dismiss_action.setShortcut(QKeySequence(DISMISS_KEYS))
        self.dismiss_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.dismiss_action.setEnabled(False)
        self.dismiss_action.triggered.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 3, 3)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.cause = ""  # what the warning is about, so the step that settles it can clear it
        self.setVisible(False)

    def show_notice(self, text: str, cause: str = "") -> None:
        """Replaces the warning on show, if any: the newest is the one to act on."""
        self.cause = cause
        self.text.setText("⚠ " + text)
        self.setToolTip(text)
        self.setVisible(True)
        self.dismiss_action.setEnabled(True)

    def settle(self, cause: str) -> None:
        """The clerk did what the warning asked (opened a dossier…): it goes."""
        if self.isVisible() and cause and cause == self.cause:
            self.clear()

    def clear(self) -> None:
        self.cause = ""
        self.text.clear()
        self.setVisible(False)
        self.dismiss_action.setEnabled(False)

    def _dismiss(self) -> None:
        had_keyboard = self.dismiss.hasFocus()
        self.clear()
        self.dismissed.emit(had_keyboard)

    # Esc, while the ✕ has the keyboard, is the banner's: the window's Esc (cancel a scan)
    # must not take it first.
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dismiss and self._esc(event):
            return True
        return super().eventFilter(watched, event)

    def _esc(self, event: QEvent) -> bool:
        """Claims Esc (True) when it is the banner's to take: dismisses on its press."""
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Escape:
            return False
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self._dismiss()
        return True
