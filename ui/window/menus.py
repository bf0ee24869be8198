"""The menu bar and the window-wide shortcuts: F5 or Ctrl+Enter scans, Esc cancels,
Ctrl+Shift+F finishes, Ctrl+Z undoes, Ctrl+Shift+S opens the supervisor screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


translate = QCoreApplication.translate


@dataclass(frozen=True)
class Menus:
    scan: QAction
    cancel: QAction
    finish: QAction
    settings: QAction
    retry_uploads: QAction
    supervisor: QAction


def _action(window: MainWindow, text: str, keys: list, slot: Callable[[], object]) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _=False: slot())
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> Menus:
    bar = window.menuBar()
    scan = _action(
        window, translate("Menus", "Scan"), ["F5", "Ctrl+Return", "Ctrl+Enter"], window.scan.start
    )
    cancel = _action(window, translate("Menus", "Cancel scan"), ["Esc"], window.scan.cancel)
    cancel.setEnabled(False)
    finish = _action(
        window, translate("Menus", "Finish dossier"), ["Ctrl+Shift+F"], window.finish.start
    )
    settings = _action(
        window, translate("Menus", "Settings…"), ["Ctrl+,"], window.settings_flow.open
    )
    quit_action = _action(
        window, translate("Menus", "Quit"), [QKeySequence.StandardKey.Quit], window.close
    )
    retry_uploads = _action(
        window, translate("Menus", "Retry failed uploads"), [], window.upload.retry_failed
    )
    supervisor = _action(
        window, translate("Menus", "Supervisor screen…"), ["Ctrl+Shift+S"], window.supervisor.open
    )
    new = _action(
        window, translate("Menus", "Next dossier"), ["Ctrl+N"], window.dossier_panel.code.setFocus
    )

    def scanning(on: bool) -> None:
        scan.setEnabled(not on)
        cancel.setEnabled(on)

    window.scan.scanning_changed.connect(scanning)
    window.finish.busy_changed.connect(lambda busy: finish.setEnabled(not busy))

    dossier_menu = bar.addMenu(translate("Menus", "&Dossier"))
    for action in (new, finish, retry_uploads, settings):
        dossier_menu.addAction(action)
    dossier_menu.addSeparator()
    dossier_menu.addAction(quit_action)
    scan_menu = bar.addMenu(translate("Menus", "&Scan"))
    scan_menu.addAction(scan)
    scan_menu.addAction(cancel)
    pages_menu = bar.addMenu(translate("Menus", "&Pages"))
    pages_menu.addAction(window.page_actions.undo)
    pages_menu.addSeparator()
    for action in window.page_actions.page_actions():
        pages_menu.addAction(action)
    view_menu = bar.addMenu(translate("Menus", "&View"))
    for text, keys, slot in (
        (translate("Menus", "Zoom in"), "Ctrl++", window.preview.zoom_in),
        (translate("Menus", "Zoom out"), "Ctrl+-", window.preview.zoom_out),
        (translate("Menus", "Fit page"), "Ctrl+0", window.preview.fit),
    ):
        view_menu.addAction(_action(window, text, [keys], slot))
    reports_menu = bar.addMenu(translate("Menus", "&Reports"))
    reports_menu.addAction(supervisor)
    return Menus(scan, cancel, finish, settings, retry_uploads, supervisor)
