"""A paper larger than the scanner's bed: the clerk is offered the other connected scanners whose
bed takes the whole sheet, importing a file of it, or scanning it in parts on this bed. The
other scanners' beds are read on the scanner's thread each time, so one unplugged since is not
offered. A number key or Enter (the first scanner that fits, else in parts) chooses."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.stitching import needs_parts, sheet_plan
from drivers.bridge import Bridge
from drivers.contract import Capabilities, DeviceInfo, ScanSettings
from station.errors import StationError
from ui.tasks import TaskRunner

MAX_DEVICES = 3  # scanners offered; a counter rarely has more than one that fits


@dataclass(frozen=True)
class LargePaper:
    """What the clerk asked for: this paper on this device, too large for its bed."""

    device: DeviceInfo
    settings: ScanSettings
    bed_mm: tuple[float, float]


def read_capabilities(bridge: Bridge, devices: list[DeviceInfo]) -> dict[str, Capabilities]:
    """On the scanner's thread; a scanner that does not answer is left out."""
    found = {}
    for device in devices:
        try:
            found[device.id] = bridge.capabilities(device.id)
        except StationError:
            continue
    return found


def fitting_devices(
    asked: LargePaper, devices: list[DeviceInfo], capabilities: dict[str, Capabilities]
) -> list[tuple[DeviceInfo, Capabilities]]:
    """The scanners whose bed takes the whole sheet, the smallest bed first."""
    fits = [
        (device, capabilities[device.id])
        for device in devices
        if device.id in capabilities
        and not needs_parts(asked.settings.paper, capabilities[device.id].max_area_mm)
    ]
    fits.sort(key=lambda pair: pair[1].max_area_mm[0] * pair[1].max_area_mm[1])
    return fits[:MAX_DEVICES]


def _mm(size: tuple[float, float]) -> str:
    """As the paper list writes sizes, with the language's decimal comma."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    width, height = (locale.toString(float(side), "g", 6) for side in size)
    return f"{width}×{height} mm"


class LargePaperDialog(QDialog):
    """One button per way, numbered; Esc leaves everything as it was."""

    def __init__(
        self,
        asked: LargePaper,
        fits: list[tuple[DeviceInfo, Capabilities]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("largePaperDialog")
        self.setWindowTitle(self.tr("Paper larger than the scanner"))
        paper = asked.settings.paper
        size = (paper.width_mm or 0.0, paper.height_mm or 0.0)
        heading = self.tr("%1 (%2) does not fit on the bed of %3 (%4). How should this sheet be "
                          "digitized?")  # fmt: skip
        self.heading = QLabel(
            heading.replace("%1", paper.name).replace("%2", _mm(size))
            .replace("%3", asked.device.name).replace("%4", _mm(asked.bed_mm))
        )  # fmt: skip
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        self.device_buttons: dict[str, QCommandLinkButton] = {}
        for device, caps in fits:
            text = self.tr("Scan on %1").replace("%1", device.name)
            about = self.tr("The whole sheet as one %1 page, on a bed of %2")
            button = self._add(layout, text, about.replace("%1", paper.name)
                               .replace("%2", _mm(caps.max_area_mm)))  # fmt: skip
            self.device_buttons[device.id] = button
        self.import_button = self._add(
            layout,
            self.tr("Import a file of this sheet… (Ctrl+I)"),
            self.tr("The sheet already scanned elsewhere, as a PDF, TIFF, JPEG or PNG file"),
        )
        plan = sheet_plan(paper, asked.bed_mm)
        about = self.tr("%1 overlapping parts laid on the glass one by one, assembled into one %2 "
                        "page at true scale")  # fmt: skip
        self.parts_button = self._add(
            layout,
            self.tr("Scan in parts on %1").replace("%1", asked.device.name),
            about.replace("%1", str(plan.columns * plan.rows)).replace("%2", paper.name),
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel (Esc)"))
        cancel.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = next(iter(self.device_buttons.values()), self.parts_button)
        first.setDefault(True)
        first.setText(first.text() + "  " + self.tr("(Enter)"))
        first.setFocus()

    def _add(self, layout: QVBoxLayout, text: str, about: str) -> QCommandLinkButton:
        number = sum(isinstance(layout.itemAt(i).widget(), QCommandLinkButton)
                     for i in range(layout.count())) + 1  # fmt: skip
        button = QCommandLinkButton(f"{number}  {text}", about)
        button.setAutoDefault(False)
        layout.addWidget(button)
        key = QShortcut(QKeySequence(str(number)), self)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(button.click)
        return button

    def default_button(self) -> QPushButton | None:
        for button in self.findChildren(QCommandLinkButton):
            if button.isDefault():
                return button
        return None


class LargePaperFlow(QObject):
    """Asks, then says what was chosen; the scan controller does it."""

    device_chosen = Signal(object, object)  # DeviceInfo, Capabilities: scan the sheet there
    import_chosen = Signal()
    parts_chosen = Signal(object)  # LargePaper: scan it in parts on its own device
    state_changed = Signal(str)
    error = Signal(object)

    def __init__(self, bridge: Bridge, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._tasks = tasks
        self._parent = parent
        self.asking = False
        self.dialog: LargePaperDialog | None = None

    def offer(self, asked: LargePaper, devices: list[DeviceInfo]) -> None:
        if self.asking:
            return
        self.asking = True
        others = [device for device in devices if device.id != asked.device.id]
        text = self.tr("Looking for a scanner that takes %1…")
        self.state_changed.emit(text.replace("%1", asked.settings.paper.name))
        self._tasks.device(read_capabilities, self._bridge, others).success(
            lambda caps: self._ask(asked, fitting_devices(asked, others, caps))
        ).failure(lambda error: self._failed(asked, error)).run()

    def _failed(self, asked: LargePaper, error: BaseException) -> None:
        self.error.emit(error)
        self._ask(asked, [])

    def _ask(self, asked: LargePaper, fits: list[tuple[DeviceInfo, Capabilities]]) -> None:
        self.state_changed.emit(self.tr("Ready: %1").replace("%1", asked.device.name))
        dialog = LargePaperDialog(asked, fits, self._parent)
        self.dialog = dialog
        for device, caps in fits:
            dialog.device_buttons[device.id].clicked.connect(
                lambda _=False, d=device, c=caps: self._chosen(self.device_chosen.emit, d, c)
            )
        dialog.import_button.clicked.connect(lambda: self._chosen(self.import_chosen.emit))
        dialog.parts_button.clicked.connect(lambda: self._chosen(self.parts_chosen.emit, asked))
        dialog.finished.connect(self._closed)
        dialog.open()
        dialog.activateWindow()

    def _chosen(self, emit, *args: object) -> None:
        dialog = self.dialog
        if dialog is not None:
            dialog.accept()  # closed first: what comes next may open its own dialog
        emit(*args)

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.asking = False
