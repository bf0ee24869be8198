"""A warning that stays: a refusal ("open a dossier first") or an error, shown above the pages
until the clerk dismisses it or does what it asks. The status bar's messages go after a few
seconds, which is right for news and wrong for something the clerk must act on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

BANNER_STYLE = (
    "#noticeBanner { background: #fff3e0; border: 1px solid #e65100; border-radius: 3px; }"
    " #noticeText { color: #8a3c00; font-weight: bold; }"
)


class NoticeBanner(QFrame):
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
        self.dismiss.setToolTip(self.tr("Dismiss this warning"))
        self.dismiss.setAutoRaise(True)
        self.dismiss.clicked.connect(self.clear)
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

    def settle(self, cause: str) -> None:
        """The clerk did what the warning asked (opened a dossier…): it goes."""
        if self.isVisible() and cause and cause == self.cause:
            self.clear()

    def clear(self) -> None:
        self.cause = ""
        self.text.clear()
        self.setVisible(False)
