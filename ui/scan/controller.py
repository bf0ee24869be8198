"""The scan screen: devices and their capabilities, one batch at a time on the scan thread
(app.capture's session, into the counter's active dossier), progress per batch, Cancel, and
the remembered choices. With no dossier open, the batch's first page must be the receipt: the
dossier its code names opens (created when new) and the batch goes there; a first page naming
none ends the batch with nothing stored."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from app.capture import CaptureRequest, CaptureSession, ScanEnded, ScanProgress
from app.codes import ReceiptRead
from app.counter import CounterSession
from app.stitching import needs_parts
from drivers.bridge import Bridge
from drivers.contract import (
    Capabilities,
    ColorMode,
    DeviceInfo,
    ScanSettings,
    Source,
    parse_options,
)
from station.errors import StationError
from station.paper import parse_paper
from station.store import Store
from ui.events import CoreEvents, PageStored
from ui.scan.controls import ScanControls, select_data
from ui.scan.large_paper import LargePaper, LargePaperFlow
from ui.scan.receipt_notice import open_receipt_dossier, receipt_text
from ui.settings.keeper import SettingsKeeper
from ui.stitch.flow import PartsFlow
from ui.tasks import TaskRunner


class ScanController(QObject):
    state_changed = Signal(str)  # the device state, worded for the status bar
    scanning_changed = Signal(bool)
    error = Signal(object)
    need_dossier = Signal()
    # A batch started with no dossier open found no code on its first sheet and kept nothing;
    # True when that sheet went through the feeder (it must go back on top).
    nothing_kept = Signal(bool)
    dossier_found = Signal(object)  # the Dossier the batch's receipt named, to make active
    import_requested = Signal()  # a sheet too large for every scanner: the clerk imports a file

    def __init__(
        self,
        controls: ScanControls,
        bridge: Bridge,
        store: Store,
        tasks: TaskRunner,
        events: CoreEvents,
        settings: SettingsKeeper,
        counter: CounterSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controls = controls
        self._bridge = bridge
        self._store = store
        self._tasks = tasks
        self._events = events
        self._settings = settings
        self._counter = counter
        self._session: CaptureSession | None = None
        self._devices: list[DeviceInfo] = []
        self._received = 0
        self._fed = False  # the batch running takes its sheets from a feeder
        self._beds: dict[str, tuple[float, float]] = {}  # each device's scan area, in mm
        # A paper larger than the bed: another scanner, a file, or parts in their own dialog.
        self.large = LargePaperFlow(bridge, tasks, controls)
        self.large.state_changed.connect(self.state_changed)
        self.large.error.connect(self.error)
        self.large.device_chosen.connect(self._scan_on)
        self.large.import_chosen.connect(self.import_requested)
        self.large.parts_chosen.connect(self._scan_in_parts)
        self.parts = PartsFlow(bridge, store, tasks, events, counter, controls)
        self.parts.error.connect(self.error)
        self.parts.stitched.connect(self._stitched)
        self._restore(settings)
        controls.scan_button.clicked.connect(lambda: self.start())  # not start(checked)
        controls.cancel_button.clicked.connect(self.cancel)
        controls.device.currentIndexChanged.connect(self._device_chosen)
        controls.profile.currentIndexChanged.connect(
            lambda: settings.update(profile=self.profile())
        )
        events.page_stored.connect(self._stored)
        events.scan_progress.connect(self._progress)
        events.scan_ended.connect(self._ended)
        events.receipt_read.connect(self._receipt_read)

    @property
    def scanning(self) -> bool:
        return self._session is not None

    @property
    def device_ready(self) -> bool:
        """The chosen scanner's capabilities are in hand (its resolutions and sources shown)."""
        return self.controls.device.currentData() in self._beds

    def profile(self) -> str:
        return self.controls.profile.currentData() or "standard"

    def _restore(self, keeper: SettingsKeeper) -> None:
        value = keeper.value
        c = self.controls
        c.set_paper(value.paper)
        select_data(c.dpi, value.dpi)
        select_data(c.mode, value.mode)
        select_data(c.source, value.source)
        select_data(c.profile, value.profile)
        c.options.setText(value.options)

    # devices ---------------------------------------------------------------------------------
    def refresh_devices(self) -> None:
        self.state_changed.emit(self.tr("Looking for scanners…"))
        self._tasks.device(self._bridge.list_devices).success(self._show_devices).failure(
            self._device_error
        ).run()

    def _show_devices(self, devices: list[DeviceInfo]) -> None:
        self._devices = devices
        combo = self.controls.device
        combo.blockSignals(True)
        combo.clear()
        for device in devices:
            combo.addItem(device.name, device.id)
        select_data(combo, self._settings.value.device)
        combo.blockSignals(False)
        if devices:
            self._device_chosen()
        else:
            self.state_changed.emit(self.tr("No scanner found"))

    def _device_chosen(self) -> None:
        device = self.controls.device.currentData()
        if not device:
            return
        self._settings.update(device=device)
        self._tasks.device(self._bridge.capabilities, device).success(
            lambda caps, device=device: self._apply_capabilities(device, caps)
        ).failure(self._device_error).run()

    def _apply_capabilities(self, device: str, caps: Capabilities) -> None:
        self._beds[device] = caps.max_area_mm
        self.controls.set_resolutions(caps.resolutions)
        for combo, allowed in (
            (self.controls.source, {s.value for s in caps.sources}),
            (self.controls.mode, {m.value for m in caps.color_modes}),
        ):
            model = combo.model()
            for row in range(combo.count()):
                model.item(row).setEnabled(combo.itemData(row) in allowed)
        name = self.controls.device.currentText()
        self.state_changed.emit(self.tr("Ready: %1").replace("%1", name))

    def _device_error(self, error: BaseException) -> None:
        self.state_changed.emit(self.tr("Scanner unavailable"))
        self.error.emit(error)

    # scanning --------------------------------------------------------------------------------
    def settings(self) -> ScanSettings:
        c = self.controls
        mode = ColorMode(c.mode.currentData())
        options = [part for part in re.split(r"[\s,;]+", c.options.text()) if part]
        return ScanSettings(
            paper=parse_paper(c.paper_text()),
            dpi=int(c.dpi.currentData() or 300),
            mode=mode,
            source=Source(c.source.currentData()),
            depth=1 if mode is ColorMode.LINEART else 8,
            options=parse_options(options),
        )

    def start(self, replaces: str | None = None) -> bool:
        if self.scanning:
            return False
        code = self._counter.code
        if code is None and replaces is not None:
            self.need_dossier.emit()
            return False
        device = self.controls.device.currentData()
        try:
            settings = self.settings()
        except StationError as exc:
            self.error.emit(exc)
            return False
        if not device:
            self.state_changed.emit(self.tr("No scanner found"))
            return False
        bed = self._beds.get(device)
        if replaces is None and bed is not None and needs_parts(settings.paper, bed):
            if code is None:  # a large sheet goes into a dossier already open
                self.need_dossier.emit()
                return False
            info = next((d for d in self._devices if d.id == device), None)
            name = self.controls.device.currentText()
            asked = LargePaper(info or DeviceInfo(device, name, ""), settings, bed)
            self.large.offer(asked, self._devices)
            return False
        if replaces is not None:
            settings = replace(settings, count=1)
        c = self.controls
        self._settings.update(device=device, paper=c.paper_text(), dpi=settings.dpi,
                              mode=settings.mode.value, source=settings.source.value,
                              options=c.options.text().strip())  # fmt: skip
        self._received = 0
        self._fed = settings.source is not Source.FLATBED
        target = self._counter.start_batch()
        request = CaptureRequest(device, settings, target, replaces, keep_small=True,
                                 keep_pixels=True, drafts=False)  # fmt: skip
        self._session = CaptureSession(self._bridge, self._store, request, self._tell)
        self._set_scanning(True)
        self._tasks.device(self._session.run).run()
        return True

    def _scan_on(self, device: DeviceInfo, caps: Capabilities) -> None:
        """The large sheet goes on a scanner whose bed takes it: it becomes the chosen one."""
        combo = self.controls.device
        combo.blockSignals(True)  # its capabilities are in hand: no second look-up
        select_data(combo, device.id)
        combo.blockSignals(False)
        self._settings.update(device=device.id)
        self._apply_capabilities(device.id, caps)
        self.start()

    def _scan_in_parts(self, asked: LargePaper) -> None:
        self.parts.open(asked.device.id, asked.settings, asked.bed_mm, self.controls.options.text())

    def _tell(self, event: object) -> None:
        """On the scan thread: a receipt claims the batch for its dossier before the next page
        asks where to go; every event then goes to the window."""
        if isinstance(event, ReceiptRead):
            self._counter.claim_batch(event.dossier_code)
        self._events.post(event)

    def _receipt_read(self, receipt: ReceiptRead) -> None:
        if not self.scanning:
            return  # an import's receipt: the import controller shows it
        self.state_changed.emit(receipt_text(receipt))
        open_receipt_dossier(self._tasks, self._store, receipt, self.dossier_found.emit)

    def _stitched(self, page) -> None:
        text = self.tr("Sheet assembled: one %1 page from its parts (Ctrl+Z gives the parts back)")
        self.state_changed.emit(text.replace("%1", page.paper_size))

    def rescan(self, page_id: str) -> None:
        self.start(replaces=page_id)

    def cancel(self) -> None:
        if self._session is not None:
            self._session.cancel()
            self.state_changed.emit(self.tr("Cancelling…"))

    def _set_scanning(self, scanning: bool) -> None:
        self.controls.set_scanning(scanning)
        self.controls.progress.setValue(0)
        if scanning:
            self.controls.received.setText(self.tr("Pages received: %1").replace("%1", "0"))
            self.state_changed.emit(self.tr("Scanning…"))
        self.scanning_changed.emit(scanning)

    def _progress(self, event: ScanProgress) -> None:
        if event.fraction is None:
            self.controls.progress.setRange(0, 0)  # busy: the page's height is not known yet
        else:
            self.controls.progress.setRange(0, 100)
            self.controls.progress.setValue(round(100 * event.fraction))
        if event.fraction == 0.0:  # a new page: the status bar changes once per page
            text = self.tr("Scanning sheet %1 (%2)").replace("%1", str(event.sheet))
            side = self.tr("front") if event.side == "front" else self.tr("back")
            self.state_changed.emit(text.replace("%2", side))

    def _stored(self, event: PageStored) -> None:
        if self.scanning:
            self._received += 1
            self.controls.received.setText(
                self.tr("Pages received: %1").replace("%1", str(self._received))
            )

    def _ended(self, event: ScanEnded) -> None:
        self._session = None
        self._counter.end_batch()
        self._set_scanning(False)
        self.controls.progress.setRange(0, 100)
        self.controls.progress.setValue(100 if event.pages else 0)
        self.controls.received.setText(
            self.tr("Pages received: %1").replace("%1", str(event.pages))
        )
        if event.no_dossier:
            self.nothing_kept.emit(self._fed)
            text = self.tr("The first page carries no dossier code: open a dossier first, or "
                           "scan its receipt first")  # fmt: skip
            self.state_changed.emit(text)
        elif event.error is not None:
            self.state_changed.emit(self.tr("Scanner error"))
            self.error.emit(event.error)
        else:
            name = self.controls.device.currentText()
            self.state_changed.emit(self.tr("Ready: %1").replace("%1", name))
