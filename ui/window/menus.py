"""The menu bar and the window-wide shortcuts: F5 or Ctrl+Enter scans, Esc cancels,
Ctrl+Shift+F finishes, Ctrl+Z undoes, Ctrl+Shift+S opens the supervisor screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

translate = QCoreApplication.translate

Command = Callable[[], object]


@dataclass(frozen=True)
class MenuCommands:
    """What the menus run: given by the window, so the menus know no controller."""

    scan: Command
    cancel_scan: Command
    finish: Command
    next_dossier: Command
    import_files: Command
    settings: Command
    quit: Command
    retry_uploads: Command
    supervisor: Command
    zoom_in: Command
    zoom_out: Command
    fit: Command
    undo: QAction
    page_actions: list[QAction]


@dataclass(frozen=True)
class Menus:
    scan: QAction
    cancel: QAction
    finish: QAction
    settings: QAction
    retry_uploads: QAction
    supervisor: QAction
    next_dossier: QAction

    def set_scanning(self, on: bool) -> None:
        self.scan.setEnabled(not on)
        self.cancel.setEnabled(on)


def _action(window: QMainWindow, text: str, keys: list, slot: Command) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _=False: slot())
    window.addAction(action)
    return action


def build_menus(window: QMainWindow, run: MenuCommands) -> Menus:
    bar = window.menuBar()
    scan = _action(
        window, translate("Menus", "Scan"), ["F5", "Ctrl+Return", "Ctrl+Enter"], run.scan
    )
    cancel = _action(window, translate("Menus", "Cancel scan"), ["Esc"], run.cancel_scan)
    cancel.setEnabled(False)
    finish = _action(window, translate("Menus", "Finish dossier"), ["Ctrl+Shift+F"], run.finish)
    settings = _action(window, translate("Menus", "Settings…"), ["Ctrl+,"], run.settings)
    quit_action = _action(
        window, translate("Menus", "Quit"), [QKeySequence.StandardKey.Quit], run.quit
    )
    retry_uploads = _action(
        window, translate("Menus", "Retry failed uploads"), [], run.retry_uploads
    )
    supervisor = _action(
        window, translate("Menus", "Supervisor screen…"), ["Ctrl+Shift+S"], run.supervisor
    )
    new = _action(window, translate("Menus", "Next dossier"), ["Ctrl+N"], run.next_dossier)
    import_files = _action(
        window, translate("Menus", "Import files…"), ["Ctrl+I"], run.import_files
    )

    dossier_menu = bar.addMenu(translate("Menus", "&Dossier"))
    for action in (new, finish, retry_uploads, settings):
        dossier_menu.addAction(action)
    dossier_menu.addSeparator()
    dossier_menu.addAction(quit_action)
    scan_menu = bar.addMenu(translate("Menus", "&Scan"))
    scan_menu.addAction(scan)
    scan_menu.addAction(cancel)
    scan_menu.addAction(import_files)
    pages_menu = bar.addMenu(translate("Menus", "&Pages"))
    pages_menu.addAction(run.undo)
    pages_menu.addSeparator()
    for action in run.page_actions:
        pages_menu.addAction(action)
    view_menu = bar.addMenu(translate("Menus", "&View"))
    for text, keys, slot in (
        (translate("Menus", "Zoom in"), "Ctrl++", run.zoom_in),
        (translate("Menus", "Zoom out"), "Ctrl+-", run.zoom_out),
        (translate("Menus", "Fit page"), "Ctrl+0", run.fit),
    ):
        view_menu.addAction(_action(window, text, [keys], slot))
    reports_menu = bar.addMenu(translate("Menus", "&Reports"))
    reports_menu.addAction(supervisor)
    return Menus(scan, cancel, finish, settings, retry_uploads, supervisor, new)
