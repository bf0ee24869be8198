"""Scanner choices, the big Scan button, batch progress and Cancel. Only widgets: the scan
controller fills the device list and reads the choices."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from drivers.contract import ColorMode, Source
from station.paper import AUTO, PRESETS
from station.pipeline.profile import PROFILES

CUSTOM = "custom"
PAPERS = (AUTO, "A7", "A6", "A5", "A4", "A3", "A2", "A1", "A0", "B5", "B4", "Letter", "Legal")
DEFAULT_DPIS = (150, 200, 300, 400, 600)


def select_data(combo: QComboBox, value) -> bool:
    row = combo.findData(value)
    if row >= 0:
        combo.setCurrentIndex(row)
    return row >= 0


class ScanControls(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("scanControls")
        self.device = QComboBox()
        self.device.setObjectName("device")
        self.device.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.paper = QComboBox()
        self.paper.addItem(self.tr("Auto (whole bed)"), AUTO)
        for name in PAPERS[1:]:
            width, height = PRESETS[name]
            self.paper.addItem(f"{name} ({width:g}×{height:g} mm)", name)
        self.paper.addItem(self.tr("Custom size…"), CUSTOM)
        self.custom_paper = QLineEdit()
        self.custom_paper.setPlaceholderText(self.tr("width x height mm"))
        self.custom_paper.setVisible(False)
        self.paper.currentIndexChanged.connect(
            lambda: self.custom_paper.setVisible(self.paper.currentData() == CUSTOM)
        )
        self.dpi = QComboBox()
        self.set_resolutions(DEFAULT_DPIS)
        self.mode = QComboBox()
        for mode, text in (
            (ColorMode.COLOR, self.tr("Colour")),
            (ColorMode.GRAY, self.tr("Grayscale")),
            (ColorMode.LINEART, self.tr("Black and white")),
        ):
            self.mode.addItem(text, mode.value)
        self.source = QComboBox()
        for source, text in (
            (Source.FLATBED, self.tr("Flatbed")),
            (Source.ADF, self.tr("Feeder (ADF)")),
            (Source.DUPLEX, self.tr("Feeder, both sides")),
        ):
            self.source.addItem(text, source.value)
        self.profile = QComboBox()
        names = {
            "standard": self.tr("Standard"),
            "jpeg": self.tr("JPEG"),
            "lossless": self.tr("Lossless (archive)"),
            "card": self.tr("ID card"),
            "raw": self.tr("As scanned"),
        }
        for name in PROFILES:
            self.profile.addItem(names.get(name, name), name)
        self.options = QLineEdit()
        self.options.setPlaceholderText(self.tr("scanner options: name=value …"))
        self.scan_button = QPushButton(self.tr("Scan (F5)"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setMinimumHeight(56)
        self.scan_button.setMinimumWidth(150)
        font = QFont(self.scan_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.scan_button.setFont(font)
        self.scan_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.received = QLabel()
        self.received.setObjectName("pagesReceived")
        # the scanner first: choosing one fills the resolutions
        self.choices = (self.device, self.paper, self.dpi, self.mode, self.source, self.profile)
        for combo in self.choices:
            # narrow enough for a 1280-pixel screen; the open list shows whole names
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.device.setMinimumContentsLength(10)
        self.options.setMinimumWidth(80)
        self._layout()

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = (
            ((self.tr("Scanner"), self.device), (self.tr("P&aper"), self.paper),
             (self.tr("Resolution (dpi)"), self.dpi)),
            ((self.tr("Colour"), self.mode), (self.tr("Source"), self.source),
             (self.tr("Profile"), self.profile)),
        )  # fmt: skip
        for row, cells in enumerate(rows):
            for cell, (text, widget) in enumerate(cells):
                label = QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, row, cell * 2, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(widget, row, cell * 2 + 1)
        grid.addWidget(self.custom_paper, 2, 3)
        options = QLabel(self.tr("&Options"))  # Alt+O, as Alt+A the paper: keyboard-first
        options.setBuddy(self.options)
        grid.addWidget(options, 2, 4, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.options, 2, 5)
        grid.addWidget(self.scan_button, 0, 6, 2, 1)
        grid.addWidget(self.cancel_button, 2, 6)
        grid.addWidget(self.progress, 3, 0, 1, 5)
        grid.addWidget(self.received, 3, 5, 1, 2)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

    def keys_state(self) -> Callable[[], None]:
        """The choices typed keys may change from now on (a list picks an item by its first
        letters), to put back by calling what this returns (in `choices` order)."""
        chosen = [(combo, combo.currentData()) for combo in self.choices]

        def put_back() -> None:
            for combo, value in chosen:
                if combo.currentData() != value:
                    select_data(combo, value)

        return put_back

    def set_resolutions(self, resolutions) -> None:
        current = self.dpi.currentData() or 300
        self.dpi.clear()
        for dpi in resolutions:
            self.dpi.addItem(str(dpi), dpi)
        if not select_data(self.dpi, current):
            select_data(self.dpi, 300)

    def paper_text(self) -> str:
        value = self.paper.currentData()
        return self.custom_paper.text() if value == CUSTOM else value

    def set_paper(self, text: str) -> None:
        if not select_data(self.paper, text):
            select_data(self.paper, CUSTOM)
            self.custom_paper.setText(text)

    def set_scanning(self, scanning: bool) -> None:
        self.scan_button.setEnabled(not scanning)
        self.cancel_button.setEnabled(scanning)
        for widget in (self.device, self.paper, self.custom_paper, self.dpi, self.mode,
                       self.source, self.options):  # fmt: skip
            widget.setEnabled(not scanning)
