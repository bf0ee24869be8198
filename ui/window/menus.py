"""The menu bar and the window-wide shortcuts: F5 or Ctrl+Enter scans, Esc cancels,
Ctrl+P prints separator sheets, Ctrl+H goes to the open dossiers, Ctrl+Shift+F finishes,
Ctrl+Z undoes, Ctrl+Shift+S opens the supervisor screen, F1 lists every shortcut. Every key the
counter uses is in a menu, so the F1 list is read from the menus."""

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
    open_dossiers: Command  # the keyboard goes to the list of open dossiers, to take one up
    import_files: Command
    print_separators: Command
    settings: Command
    quit: Command
    retry_uploads: Command
    supervisor: Command
    hand_over_result: Command
    zoom_in: Command
    zoom_out: Command
    fit: Command
    group_pages: Callable[[bool], object]  # group the grid by component (True) or not
    shortcuts: Command
    restore_blank_backs: Command
    undo: QAction
    page_actions: list[QAction]
    tag_actions: list[QAction]  # 0-9 on the selected pages
    pick_actions: list[QAction]  # Alt+0-9: the component new pages go to


@dataclass(frozen=True)
class Menus:
    scan: QAction
    cancel: QAction
    finish: QAction
    settings: QAction
    retry_uploads: QAction
    supervisor: QAction
    next_dossier: QAction
    group_pages: QAction
    shortcuts: QAction

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
    cancel = _action(window, translate("Menus", "Cancel scan or import"), ["Esc"], run.cancel_scan)
    cancel.setEnabled(False)
    finish = _action(window, translate("Menus", "Finish dossier"), ["Ctrl+Shift+F"], run.finish)
    settings = _action(window, translate("Menus", "Settings…"), ["Ctrl+,"], run.settings)
    # Qt's StandardKey.Quit is empty on several platforms (Windows, minimal Linux desktops).
    quit_action = _action(window, translate("Menus", "Quit"), ["Ctrl+Q"], run.quit)
    retry_uploads = _action(
        window, translate("Menus", "Retry failed uploads"), [], run.retry_uploads
    )
    supervisor = _action(
        window, translate("Menus", "Supervisor screen…"), ["Ctrl+Shift+S"], run.supervisor
    )
    new = _action(window, translate("Menus", "Next dossier"), ["Ctrl+N"], run.next_dossier)
    # Ctrl+H ("hồ sơ"), not Alt+H: the Dossier (vi) and Help (en) menus answer to Alt+H.
    open_dossiers = _action(
        window, translate("Menus", "Open dossiers list"), ["Ctrl+H"], run.open_dossiers
    )
    hand_over = _action(
        window, translate("Menus", "Hand over result…"), ["Ctrl+Shift+K"], run.hand_over_result
    )
    import_files = _action(
        window, translate("Menus", "Import files…"), ["Ctrl+I"], run.import_files
    )
    print_separators = _action(
        window, translate("Menus", "Print separator sheets…"), ["Ctrl+P"], run.print_separators
    )

    dossier_menu = bar.addMenu(translate("Menus", "&Dossier"))
    for action in (new, open_dossiers, finish, hand_over, retry_uploads, settings):
        dossier_menu.addAction(action)
    dossier_menu.addSeparator()
    dossier_menu.addAction(quit_action)
    scan_menu = bar.addMenu(translate("Menus", "&Scan"))
    scan_menu.addAction(scan)
    scan_menu.addAction(cancel)
    scan_menu.addAction(import_files)
    scan_menu.addAction(print_separators)
    scan_menu.addAction(
        _action(
            window,
            translate("Menus", "Restore skipped blank back sides"),
            ["Ctrl+Shift+B"],
            run.restore_blank_backs,
        )
    )
    pages_menu = bar.addMenu(translate("Menus", "&Pages"))
    pages_menu.addAction(run.undo)
    pages_menu.addSeparator()
    tag_menu = pages_menu.addMenu(translate("Menus", "Tag selected pages"))
    tag_menu.addActions(run.tag_actions[1:] + run.tag_actions[:1])
    pick_menu = pages_menu.addMenu(translate("Menus", "Component for new pages"))
    pick_menu.addActions(run.pick_actions[1:] + run.pick_actions[:1])
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
    view_menu.addSeparator()
    group_pages = QAction(translate("Menus", "Group pages by component"), window)
    group_pages.setCheckable(True)
    group_pages.setShortcut(QKeySequence("Ctrl+G"))
    group_pages.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    group_pages.toggled.connect(run.group_pages)
    window.addAction(group_pages)
    view_menu.addAction(group_pages)
    reports_menu = bar.addMenu(translate("Menus", "&Reports"))
    reports_menu.addAction(supervisor)
    shortcuts = _action(window, translate("Menus", "Keyboard shortcuts"), ["F1"], run.shortcuts)
    bar.addMenu(translate("Menus", "&Help")).addAction(shortcuts)
    return Menus(scan, cancel, finish, settings, retry_uploads, supervisor, new, group_pages,
                 shortcuts)  # fmt: skip
