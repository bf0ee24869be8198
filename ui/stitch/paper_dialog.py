"""Which paper stored pages are stitched into: the A sizes larger than them, the likeliest one
chosen. Enter stitches, Esc leaves the pages as they are."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.stitching import PaperChoice
from station.paper import PaperSize


class PaperDialog(QDialog):
    def __init__(self, choice: PaperChoice, pages: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stitchPaperDialog")
        self.setWindowTitle(self.tr("Stitch into one sheet"))
        self._papers = choice.papers
        note = QLabel(
            self.tr(
                "The %1 selected pages become one page of this paper at true scale, in their "
                "place. They are kept as its parts, so it can be separated again."
            ).replace("%1", str(pages))
        )
        note.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.setObjectName("stitchPaper")
        for paper in choice.papers:
            self.paper.addItem(_label(paper), paper.name)
        self.paper.setCurrentIndex(choice.papers.index(choice.suggested))
        form = QFormLayout()
        label = QLabel(self.tr("&Paper"))
        label.setBuddy(self.paper)
        form.addRow(label, self.paper)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Stitch"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> PaperSize:
        return self._papers[self.paper.currentIndex()]


def _label(paper: PaperSize) -> str:
    assert paper.width_mm is not None and paper.height_mm is not None
    return f"{paper.name} ({paper.width_mm:g}×{paper.height_mm:g} mm)"
