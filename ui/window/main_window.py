"""The counter window: lays out the screens and wires their controllers together. It holds no
workflow logic of its own: each controller gets its services and owns its part."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.analysis import LeftOver, left_over_pages
from app.capture import ScanEnded
from app.finishing import QueuedUpload
from station.model import Dossier, Procedure
from station.store.permissions import DataFolderCheck, check_data_folder
from ui.banner import NoticeBanner
from ui.dossier.controller import DossierController
from ui.dossier.panel import DossierPanel, OpenDossiers
from ui.events import PageStored
from ui.finish.controller import FinishController
from ui.finish.dialog import upload_note
from ui.pages.actions import PageActions
from ui.pages.controller import PagesController
from ui.pages.model import page_warnings
from ui.pages.preview import PagePreview
from ui.pages.view import PageGrid
from ui.people.controller import PeopleController
from ui.scan.controller import ScanController
from ui.scan.controls import ScanControls, select_data
from ui.scan.file_drops import FileDrops
from ui.scan.importing import ImportController
from ui.scan.separator_sheets import SeparatorSheetsFlow
from ui.status import ERROR, NEED_DOSSIER, SCAN_RUNNING, StatusController
from ui.supervisor.flow import SupervisorFlow
from ui.tagging.checklist import ChecklistWidget
from ui.tagging.controller import TaggingController
from ui.text import describe_error, format_number
from ui.upload.controller import UploadController
from ui.window.catalog_updates import CatalogUpdates
from ui.window.closing import CloseGuard
from ui.window.geometry import saved_geometry
from ui.window.menus import MenuCommands, build_menus
from ui.window.reader_keys import ReaderKeys
from ui.window.results_flow import hide_results_screen, show_results_screen
from ui.window.services import Services
from ui.window.settings import SettingsFlow
from ui.window.shortcuts import ShortcutsOverlay


class FittingScrollArea(QScrollArea):
    """Asks for its whole content's height; the layout gives less only when the screen is short."""

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint() if self.widget() is not None else QSize()
        return QSize(inner.width(), inner.height() + 2 * self.frameWidth())


LEFT_WIDTH = 460  # the checklist shows a component's code and the first 25 letters of its name
LEFT_MIN_WIDTH = 380


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setObjectName("mainWindow")
        self.resize(1440, 900)
        self.last_error: BaseException | None = None
        self._build_widgets()
        self._build_controllers()
        self.menus = build_menus(self, self._menu_commands())
        self._add_banner_action()
        self.people.add_menu()
        self.shortcuts = ShortcutsOverlay(self.menuBar(), self)
        self._fill_preview_bar()
        self._wire()
        self.update_title()

    # layout ----------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        s = self.services
        self.dossier_panel = DossierPanel(s.catalog)
        self.dossier_table = OpenDossiers()
        self.checklist = ChecklistWidget()
        self.sticky_label = QLabel()
        self.sticky_label.setObjectName("stickyLabel")
        self.sticky_label.setWordWrap(True)
        self.finish_button = QPushButton(self.tr("Finish dossier (Ctrl+Shift+F)"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setMinimumHeight(40)
        font = QFont(self.finish_button.font())
        font.setBold(True)
        self.finish_button.setFont(font)
        checklist_box = QGroupBox(self.tr("Components"))
        box_layout = QVBoxLayout(checklist_box)
        box_layout.addWidget(self.checklist)
        box_layout.addWidget(self.sticky_label)
        box_layout.addWidget(self.finish_button)
        open_box = QGroupBox(self.tr("Open dossiers"))
        QVBoxLayout(open_box).addWidget(self.dossier_table)
        # On a 720-line screen the form scrolls rather than squeezing the checklist and Finish.
        form_area = FittingScrollArea()
        form_area.setObjectName("dossierFormArea")
        form_area.setWidget(self.dossier_panel)
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QFrame.Shape.NoFrame)
        form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.form_area = form_area
        self.dossier_table.setMinimumHeight(60)
        left = QWidget()
        left.setMinimumWidth(LEFT_MIN_WIDTH)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(form_area)
        left_layout.addWidget(checklist_box, 3)
        left_layout.addWidget(open_box, 1)
        self.scan_controls = ScanControls()
        self.grid = PageGrid()
        self.preview = PagePreview()
        self.preview_bar = QToolBar()
        self.preview_bar.setObjectName("previewBar")
        self.zoom_label = QLabel()
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_bar)
        preview_layout.addWidget(self.preview, 1)
        self.preview_layout = preview_layout
        self.pages_area = QSplitter(Qt.Orientation.Horizontal)
        self.pages_area.setObjectName("pagesArea")
        self.pages_area.addWidget(self.grid)
        self.pages_area.addWidget(preview_box)
        self.pages_area.setStretchFactor(0, 3)
        self.pages_area.setStretchFactor(1, 2)
        self.pages_area.setSizes([560, 440])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 6, 6, 6)
        right_layout.addWidget(self.scan_controls)
        self.blank_backs_button = QPushButton()
        self.blank_backs_button.setObjectName("blankBacks")
        self.blank_backs_button.setFlat(True)
        self.blank_backs_button.setVisible(False)
        right_layout.addWidget(self.blank_backs_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.banner = NoticeBanner()
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.pages_area, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LEFT_WIDTH, 1440 - LEFT_WIDTH])
        self.setCentralWidget(splitter)

    def _build_controllers(self) -> None:
        s = self.services
        self.dossier = DossierController(self.dossier_panel, self.dossier_table, s.store,
                                         s.catalog, s.tasks, s.settings, s.counter,
                                         self)  # fmt: skip
        self.pages = PagesController(s.store, s.tasks, s.events, self.grid, self.preview,
                                     lambda: self.scan.profile(),
                                     lambda: s.settings.value.skips_blank_backs(
                                         self.scan.profile()), self)  # fmt: skip
        self.page_actions = PageActions(self.pages, self.pages_area, self)
        self.tagging = TaggingController(self.checklist, self.page_actions, self.pages_area, self,
                                         s.counter)  # fmt: skip
        self.reader_keys = ReaderKeys((self.pages_area, self.scan_controls, self.checklist,
                                       self.dossier_table),
                                      self.dossier_panel.code, self._keys_state, self)  # fmt: skip
        self.scan = ScanController(self.scan_controls, s.bridge, s.store, s.tasks, s.events,
                                   s.settings, s.counter, self)  # fmt: skip
        self.scan.parts.use_pages(self.pages)
        self.importer = ImportController(self, self.scan_controls, s.store, s.tasks, s.events,
                                         s.counter, self)  # fmt: skip
        self.file_drops = FileDrops(self.grid, self.importer, lambda: self.scan.scanning, self)
        self.separator_sheets = SeparatorSheetsFlow(self, s.tasks, self._sheets_procedure, self)
        self.finish = FinishController(self, s.store, s.catalog, s.tasks, s.events,
                                       lambda: self.dossier.code, lambda: self.dossier.procedure,
                                       lambda: self.scan.profile(),
                                       self.pages.analyser.cancel_all, s.sync.wake,
                                       s.pins, self)  # fmt: skip
        self.status = StatusController(self.statusBar(), self.banner, s.store, s.tasks, self)
        self.catalog_updates = CatalogUpdates(s, self.status, self.dossier_panel,
                                              [self.dossier, self.finish], self)  # fmt: skip
        self.upload = UploadController(s.sync, s.store, s.tasks, s.events, self)
        self.settings_flow = SettingsFlow(
            self,
            s,
            lambda profile: select_data(self.scan_controls.profile, profile),
            self.update_title,
            self.status.show_message,
            lambda: self.people.account,
        )
        self.supervisor = SupervisorFlow(self, s)
        self.close_guard = CloseGuard(self, self.scan, self.importer, self.finish)
        self.people = PeopleController(self, s, self.close_guard.busy, self.dossier.close_current,
                                       self._hide_screens)  # fmt: skip

    def _menu_commands(self) -> MenuCommands:
        return MenuCommands(
            scan=self.scan.start,
            cancel_scan=self._cancel_capture,
            finish=self.finish.start,
            next_dossier=self.next_dossier,
            import_files=self.importer.choose,
            print_separators=self.separator_sheets.start,
            settings=self.settings_flow.open,
            quit=self.close,
            retry_uploads=self.upload.retry_failed,
            supervisor=self.supervisor.open,
            hand_over_result=lambda: show_results_screen(self, self.services),
            zoom_in=self.preview.zoom_in,
            zoom_out=self.preview.zoom_out,
            fit=self.preview.fit,
            group_pages=self.pages.model.set_grouped,
            shortcuts=lambda: self.shortcuts.toggle(),
            restore_blank_backs=self.pages.restore_blank_backs,
            open_dossiers=self.focus_open_dossiers,
            undo=self.page_actions.undo,
            page_actions=self.page_actions.page_actions(),
            tag_actions=self.tagging.tag_actions,
            pick_actions=self.tagging.pick_actions,
        )

    def _add_banner_action(self) -> None:
        """Ctrl+Shift+X dismisses the banner: in the View menu, so F1 lists it too."""
        action = self.banner.dismiss_action
        self.addAction(action)
        for menu in self.menus.group_pages.associatedObjects():  # the View menu
            if isinstance(menu, QMenu):
                menu.addAction(action)

    def _fill_preview_bar(self) -> None:
        bar, actions = self.preview_bar, self.page_actions
        for action in (actions.rotate_left, actions.rotate_right, actions.recrop, actions.delete):
            bar.addAction(action)
        bar.addSeparator()
        for text, tip, slot in (
            ("−", self.tr("Zoom out (-, Ctrl+wheel)"), self.preview.zoom_out),
            ("⤢", self.tr("Fit page (Ctrl+0)"), self.preview.fit),
            ("+", self.tr("Zoom in (+, Ctrl+wheel)"), self.preview.zoom_in),
        ):
            bar.addAction(text, slot).setToolTip(tip)
        bar.addWidget(self.zoom_label)
        self.page_note = QLabel()
        self.page_note.setObjectName("pageNote")
        self.page_note.setStyleSheet("color: #c62828; font-weight: bold;")
        self.page_note.setVisible(False)
        self.page_note.setWordWrap(True)
        self.preview_layout.insertWidget(1, self.page_note)
        self.preview.zoom_changed.connect(
            lambda zoom: self.zoom_label.setText(f" {format_number(round(zoom * 100))} %")
        )

    def _wire(self) -> None:
        s = self.services
        self.dossier.opened.connect(self._dossier_opened)
        self.dossier.message.connect(self.status.show_message)
        self.dossier.refused.connect(lambda text: self.status.show_refusal(text, SCAN_RUNNING))
        self.dossier.cases_changed.connect(lambda _dossier: self.tagging.cases_changed())
        self.checklist.group_picked.connect(self.dossier_panel.cases.focus_group)
        self.pages.pages_changed.connect(lambda _pages: self.status.pages_changed())
        s.events.page_stored.connect(self._page_stored)
        s.events.scan_ended.connect(self._scan_ended)
        s.events.separator_read.connect(self.dossier.separator_read)
        s.events.page_stored.connect(self.dossier.page_stored)
        s.events.separator_read.connect(lambda _read: self.tagging.set_sticky(s.counter.component))
        self.status.settled.connect(self._pages_settled)
        self.scan.state_changed.connect(self.status.set_device_state)
        self.scan.scanning_changed.connect(lambda _on: self._capture_changed())
        self.importer.busy_changed.connect(lambda _on: self._capture_changed())
        self.finish.busy_changed.connect(lambda _busy: self._enable_finish())
        self.scan.scanning_changed.connect(lambda _on: self._enable_finish())
        self.scan.need_dossier.connect(self._need_dossier)
        self.scan.nothing_kept.connect(self._nothing_kept)
        self.importer.need_dossier.connect(self._need_dossier)
        self.importer.message.connect(self.status.show_message)
        self.importer.refused.connect(self.status.show_refusal)
        self.importer.not_imported.connect(self._report)
        self.scan_controls.cancel_button.clicked.connect(self.importer.cancel)
        self.file_drops.refused.connect(self.status.show_refusal)
        self.importer.dossier_found.connect(self.dossier.show)
        self.scan.dossier_found.connect(self.dossier.show)
        self.scan.import_requested.connect(self.importer.choose)
        self.separator_sheets.message.connect(self.status.show_message)
        self.separator_sheets.refused.connect(
            lambda text: self.status.show_refusal(text, NEED_DOSSIER)
        )
        s.events.separator_read.connect(self.status.separator_read)
        self.banner.dismissed.connect(self._banner_dismissed)
        self.page_actions.rescan_requested.connect(self.scan.rescan)
        self.tagging.sticky_changed.connect(self._sticky_changed)
        self.pages.blank_backs_changed.connect(self._blank_backs_changed)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._show_page_note())
        self.pages.pages_changed.connect(lambda _pages: self._show_page_note())
        self.pages.analyser.analysed.connect(lambda *_: self._show_page_note())
        self.blank_backs_button.clicked.connect(self.pages.restore_blank_backs)
        self.finish.finished.connect(self._finished)
        self.finish_button.clicked.connect(self.finish.start)
        self.upload.state_changed.connect(self.status.set_sync_state)
        self.upload.message.connect(self.status.show_message)
        self.people.refused.connect(self.status.show_refusal)
        s.settings.changed.connect(lambda _settings: self.update_title())  # the first run names it
        self.pages.analyser.scheduler.analysed.append(s.prerender.page_analysed)
        # While fresh pages wait for their analysis, the work nobody waits for waits for them.
        s.prerender.hold = lambda: self.pages.analyser.pending > 0
        s.tasks.hold_background = lambda: self.pages.analyser.pending > 0
        self.pages.analyser.idle.connect(lambda: s.tasks.db(s.prerender.resume).run())
        self.pages.analyser.analysed.connect(self.status.recovered_page_analysed)
        self.pages.analyser.idle.connect(self.status.analysis_idle)
        self.pages.pages_changed.connect(lambda pages: s.tasks.db(s.prerender.refresh, pages).run())
        self.scan_controls.profile.currentIndexChanged.connect(self._profile_changed)
        self._profile_changed()
        for source in (self.dossier, self.pages, self.scan, self.importer, self.finish,
                       self.upload, self.separator_sheets, self.file_drops,
                       self.catalog_updates):  # fmt: skip
            source.error.connect(self.show_error)
        s.tasks.failed.connect(self.show_error)
        self._dossier_opened(None, None)

    # start and stop --------------------------------------------------------------------------
    def start(self) -> None:
        """After show(): find the scanners, take up the dossier left open last time, analyse the
        pages a crash or a close left unanalysed (and say how many), follow the upload queue
        (its sender starts once sync is configured)."""
        self.scan.refresh_devices()
        self.upload.start()
        self.dossier.restore()
        self.services.tasks.db(left_over_pages, self.services.store).success(self._recovered).run()
        home = self.services.store.layout.home
        self.services.tasks.db(check_data_folder, home).success(self._wide_open).run()
        self.dossier_panel.code.setFocus()

    def _wide_open(self, found: DataFolderCheck) -> None:
        if found.wide:
            self.status.show_wide_permissions([str(f.path) for f in found.wide])
        if found.acl_failed:
            self.status.show_acl_failed()

    def _recovered(self, found: LeftOver) -> None:
        if found.page_ids:
            self.pages.analyse_left_over(found.page_ids)
        if found.recovered:
            self.status.show_recovered(found)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A scan or a finish under way: ask first. Stopping cancels the scan (every page
        already stored stays) or lets the finish complete, then the window closes."""
        if self.close_guard.holds():
            event.ignore()
            return
        self.scan.cancel()
        geometry = saved_geometry(self)
        if geometry is not None:
            self.services.settings.update(window_geometry=geometry)
        super().closeEvent(event)

    # reactions -------------------------------------------------------------------------------
    def _dossier_opened(self, dossier: Dossier | None, procedure: Procedure | None) -> None:
        if dossier is not None:
            self.banner.settle(NEED_DOSSIER)
        self.tagging.set_procedure(procedure)
        self.pages.set_dossier(dossier, procedure)
        self._enable_finish()
        self.update_title()
        QTimer.singleShot(0, self.form_area.updateGeometry)  # the form's height changed

    def _hide_screens(self) -> None:
        """Locked or left: no other window of the station shows anyone's data."""
        self.supervisor.close()
        hide_results_screen(self)

    def _keys_state(self) -> Callable[[], None]:
        """What a barcode reader's first keys may change where they land (see ReaderKeys): the
        pages' tags and selection, the scan settings, the row a list has current (picked by its
        first letters: on the open dossiers, the reader's Enter would take up that one); to put
        back by calling what this returns."""
        views = (self.checklist, self.dossier_table)
        current = [(view, QPersistentModelIndex(view.currentIndex())) for view in views]
        put_backs = (self.tagging.keys_state(), self.scan_controls.keys_state())

        def put_back() -> None:
            for undo in put_backs:
                undo()
            for view, index in current:
                view.setCurrentIndex(QModelIndex(index))

        return put_back

    def _profile_changed(self, *_: object) -> None:
        self.services.prerender.profile = self.scan.profile()

    def _enable_finish(self) -> None:
        """Finishing needs a dossier, no scan still adding pages and no finish under way."""
        can = self.dossier.code is not None and not self.scan.scanning and not self.finish.busy
        self.finish_button.setEnabled(can)
        self.menus.finish.setEnabled(can)

    def _cancel_capture(self) -> None:
        """Esc: the scan or the import stops; the pages stored stay."""
        self.scan.cancel()
        self.importer.cancel()

    def _capture_changed(self) -> None:
        self.menus.set_scanning(self.scan.scanning or self.importer.busy)
        if not self.scan.scanning and not self.importer.busy:
            self.banner.settle(SCAN_RUNNING)

    def _scan_ended(self, ended: ScanEnded) -> None:
        """The pages take the keyboard for tagging, unless the form is asking what the
        dossier is (no dossier named, or one without a procedure yet)."""
        self.banner.settle(SCAN_RUNNING)
        if not ended.no_dossier and self.dossier.procedure is not None:
            self.pages.focus_first_untagged()

    def _page_stored(self, event: PageStored) -> None:
        self.status.pages_changed()

    def _pages_settled(self) -> None:
        self.dossier.refresh_table()

    def _sticky_changed(self, code: str | None) -> None:
        procedure = self.dossier.procedure
        component = procedure.component(code) if procedure is not None and code else None
        if component is None:
            text = self.tr("New pages: not tagged")
        else:
            rank = procedure.components.index(component) + 1
            text = self.tr("New pages go to: %1").replace(
                "%1", f"{rank}. {component.code} · {component.name}"
            )
        self.sticky_label.setToolTip(text)
        metrics = self.sticky_label.fontMetrics()
        width = max(self.sticky_label.width(), 300)
        self.sticky_label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))

    def _show_page_note(self) -> None:
        """Under the preview bar: why the page on show may need rescanning."""
        page = self.pages.current_page()
        notes = page_warnings(page) if page is not None else []
        self.page_note.setText("\n".join(f"⚠ {note}" for note in notes))
        self.page_note.setVisible(bool(notes))

    def _blank_backs_changed(self, count: int) -> None:
        text = self.tr("%1 blank back sides skipped — restore them (Ctrl+Shift+B)")
        self.blank_backs_button.setText("⤺ " + text.replace("%1", format_number(count)))
        self.blank_backs_button.setVisible(count > 0)

    def focus_open_dossiers(self) -> None:
        """Ctrl+H: the keyboard goes to the open dossiers, the first one (or the one picked
        before) selected; arrows choose, Enter takes it up."""
        table = self.dossier_table
        if table.rowCount() == 0:
            self.status.show_message(self.tr("No dossier is open on this station"), 6000)
            return
        if table.currentRow() < 0:
            table.setCurrentCell(0, 0)
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        table.scrollToItem(table.item(table.currentRow(), 0))

    def next_dossier(self) -> None:
        """Ctrl+N, the next citizen: the dossier is closed at the counter (a scan running into
        it stops), the component target starts again from none, the code field waits."""
        self.dossier.close_current()

    def _ready_for_next(self) -> None:
        """The receipt read and closed: the code field waits for the next citizen's code."""
        self.activateWindow()
        self.dossier_panel.code.setFocus()

    def _sheets_procedure(self) -> Procedure | None:
        """The active dossier's procedure; with no dossier open, the one chosen in the form."""
        if self.dossier.code is not None:
            return self.dossier.procedure
        chosen = self.dossier_panel.chosen_procedure()
        return self.services.catalog.procedures.get(chosen) if chosen else None

    def _banner_dismissed(self, had_keyboard: bool) -> None:
        if had_keyboard:  # Esc on the banner: the keyboard goes back to the pages
            self.grid.setFocus()

    def _need_dossier(self) -> None:
        self.status.show_refusal(self.tr("Open a dossier first: scan or type its code."),
                                 NEED_DOSSIER)  # fmt: skip
        self.dossier_panel.code.setFocus()

    def _nothing_kept(self, fed: bool) -> None:
        """F5 with no dossier open read the first sheet for a receipt's code and found none: the
        clerk is told that nothing was kept and, after a feeder, to put the sheet back on top
        (it is now out of order)."""
        if fed:
            text = self.tr("Open a dossier first: the first sheet carries no dossier code, so "
                           "nothing was kept. Put the sheet that went through back on top of "
                           "the feeder, then scan or type the dossier's code (or put its "
                           "receipt on top).")  # fmt: skip
        else:
            text = self.tr("Open a dossier first: the page on the glass carries no dossier "
                           "code, so nothing was kept. Scan or type the dossier's code, or put "
                           "its receipt on the glass.")  # fmt: skip
        self.status.show_refusal(text, NEED_DOSSIER)
        self.dossier_panel.code.setFocus()

    def _finished(self, receipt, upload: QueuedUpload) -> None:
        self.dossier.close_current()
        if self.finish.receipt is not None:
            self.finish.receipt.finished.connect(lambda _result: self._ready_for_next())
        self.upload.queued(upload)
        text = self.tr("Dossier %1 finished — %2").replace("%1", receipt.dossier_code)
        self.status.show_message(text.replace("%2", upload_note(upload)), 15000)

    def show_error(self, error: BaseException) -> None:
        self._report(error, describe_error(error))

    def _report(self, error: BaseException, text: str, details: str = "") -> None:
        """In a box now (`details` under Show Details), and above the pages until the clerk
        dismisses it."""
        self.last_error = error
        self.status.show_refusal(text, ERROR)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("SoHoa Station"), text,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("errorBox")
        if details:
            box.setDetailedText(details)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("OK"))
        box.open()

    def update_title(self) -> None:
        title = self.tr("SoHoa Station — Digitization station")
        name = self.services.settings.value.station_name
        if name:
            title += f" — {name}"
        if self.dossier.code:
            title += f" — {self.dossier.code}"
        self.setWindowTitle(title)
