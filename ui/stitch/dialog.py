"""The "scan in parts" dialog: widgets only. Left, where the next part goes on the sheet; right,
the sheet as assembled so far; below, what to do now, the scanner options and the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.stitch.sheet_map import SheetMap


class PartsDialog(QDialog):
    scan_requested = Signal()
    assemble_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partsDialog")
        self.setWindowTitle(self.tr("Scan in parts"))
        self.resize(1000, 660)
        self.heading = QLabel()
        self.heading.setObjectName("partsHeading")
        self.heading.setWordWrap(True)
        self.instruction = QLabel()
        self.instruction.setObjectName("partsInstruction")
        self.instruction.setWordWrap(True)
        font = QFont(self.instruction.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.instruction.setFont(font)
        self.message = QLabel()
        self.message.setObjectName("partsMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.sheet_map = SheetMap()
        self.preview = QLabel()
        self.preview.setObjectName("partsPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(260, 260)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setStyleSheet("background: #5f6368; color: white;")
        self.parts = QListWidget()
        self.parts.setObjectName("partsList")
        self.parts.setFlow(QListWidget.Flow.LeftToRight)  # one line: "Part 1  Part 2  …"
        self.parts.setWrapping(True)
        self.parts.setSpacing(4)
        self.parts.setMaximumHeight(56)
        self.options = QLineEdit()
        self.options.setObjectName("partsOptions")
        self.options.setPlaceholderText(self.tr("scanner options: name=value …"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.scan_button = QPushButton(self.tr("Scan this part (F5)"))
        self.scan_button.setObjectName("scanPartButton")
        self.scan_button.setMinimumHeight(44)
        self.remove_button = QPushButton(self.tr("Take back the last part"))
        self.assemble_button = QPushButton(self.tr("Assemble the sheet (Ctrl+Enter)"))
        self.assemble_button.setObjectName("assembleButton")
        self.assemble_button.setMinimumHeight(44)
        self.close_button = QPushButton(self.tr("Close (Esc)"))
        for button in (self.scan_button, self.remove_button, self.assemble_button,
                       self.close_button):  # fmt: skip
            button.setAutoDefault(False)  # Enter in the options field scans nothing by mistake
        self.close_button.clicked.connect(self.reject)
        self._layout()

    def _layout(self) -> None:
        where = QGroupBox(self.tr("Where the next part goes"))
        QVBoxLayout(where).addWidget(self.sheet_map)
        assembled = QGroupBox(self.tr("The sheet as assembled so far"))
        QVBoxLayout(assembled).addWidget(self.preview)
        pictures = QHBoxLayout()
        pictures.addWidget(where, 2)
        pictures.addWidget(assembled, 3)
        options_row = QHBoxLayout()
        label = QLabel(self.tr("Scanner options"))
        label.setBuddy(self.options)
        options_row.addWidget(label)
        options_row.addWidget(self.options, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scan_button, 2)
        buttons.addWidget(self.remove_button, 1)
        buttons.addWidget(self.assemble_button, 2)
        buttons.addWidget(self.close_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.instruction)
        layout.addWidget(self.message)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.parts)
        layout.addLayout(options_row)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        """F5 scans the part on the glass, Ctrl+Enter assembles: keys reach here from any
        widget of the dialog that does not use them itself."""
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_F5 and self.scan_button.isEnabled():
            self.scan_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            if self.assemble_button.isEnabled():
                self.assemble_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
        else:
            super().keyPressEvent(event)

    def show_message(self, text: str, refusal: bool) -> None:
        colour = "#c62828" if refusal else "#2e7d32"
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_preview(self, image: QImage | None) -> None:
        if image is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No part yet"))
            return
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def set_busy(self, busy: bool, can_assemble: bool, can_remove: bool) -> None:
        self.scan_button.setEnabled(not busy)
        self.options.setEnabled(not busy)
        self.assemble_button.setEnabled(not busy and can_assemble)
        self.remove_button.setEnabled(not busy and can_remove)
        self.close_button.setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(0)
