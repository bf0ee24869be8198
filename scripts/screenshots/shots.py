"""What the screenshot scripts share: the counter window on a fresh data directory (offscreen,
Vietnamese), waiting on the event loop, typing like a clerk, opening a dossier with the keys a
clerk presses, and a picture of a window with its open dialogs drawn where they stand
(offscreen, each top-level window is painted apart)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from station.catalog import bundled_catalog_dir, load_catalog
from station.store import Store
from ui.application import create_application
from ui.window.main_window import MainWindow
from ui.window.services import Services, create_services

SIZE = (1366, 768)


@dataclass(frozen=True)
class Counter:
    app: QApplication
    store: Store
    services: Services
    window: MainWindow


@contextmanager
def counter_window(
    size: tuple[int, int], prepare: Callable[[Store], object] | None = None
) -> Iterator[Counter]:
    """The counter window shown at `size` on a new data directory; `prepare` fills the store
    first (a station set up, accounts). Closed with everything under it on leaving."""
    home = Path(tempfile.mkdtemp(prefix="sohoa-shot-"))
    os.environ["SOHOA_HOME"] = str(home)
    app = create_application(sys.argv[:1], "vi")
    store = Store.open(home)
    if prepare is not None:
        prepare(store)
    services = create_services(
        store, load_catalog([bundled_catalog_dir()]), user_config=home / "u.json"
    )
    window = MainWindow(services)
    window.resize(*size)
    window.show()
    try:
        yield Counter(app, store, services, window)
    finally:
        window.close()
        services.close()
        store.close()
        app.quit()


def parse_size(text: str | None) -> tuple[int, int]:
    """`WIDTHxHEIGHT` from the command line; 1366x768 when not given."""
    if not text:
        return SIZE
    width, height = (int(n) for n in text.split("x"))
    return width, height


def wait_until(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(condition)
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(rounds: int = 50) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()
        time.sleep(0.02)


def type_into(widget: QWidget, text: str) -> None:
    """Key presses carrying text, as a Vietnamese input method delivers them (QTest's keyClicks
    knows only ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def open_new_dossier(
    window: MainWindow, code: str, search: str, applicant: str, id_number: str = ""
) -> None:
    """The code, Enter, the procedure searched, Enter, the applicant and ID number, Enter."""
    panel = window.dossier_panel
    type_into(panel.code, code)
    QTest.keyClick(panel.code, Qt.Key.Key_Return)
    wait_until(panel.search.hasFocus)
    panel.search.setText(search)
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    panel.applicant.setText(applicant)
    QTest.keyClick(panel.applicant, Qt.Key.Key_Return)
    panel.id_number.setText(id_number)
    QTest.keyClick(panel.id_number, Qt.Key.Key_Return)
    wait_until(lambda: window.dossier.code == code)


def save_with_dialogs(
    window: QWidget, dialogs: list[QWidget], out: Path, centred: bool = True
) -> None:
    """The window as the clerk sees it, each dialog centred on it as a window manager would
    (or, not `centred`, where the dialog placed itself)."""
    picture = window.grab()
    painter = QPainter(picture)
    for dialog in dialogs:
        if not dialog.isVisible():
            continue
        if centred:
            x = (window.width() - dialog.width()) // 2
            y = (window.height() - dialog.height()) // 3
            painter.drawPixmap(x, y, dialog.grab())
        else:
            painter.drawPixmap(dialog.geometry().topLeft() - window.geometry().topLeft(),
                               dialog.grab())  # fmt: skip
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(str(out), "PNG")
