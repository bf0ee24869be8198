"""A barcode reader's keys, told from a clerk's: a reader types a code as a burst of keys a few
milliseconds apart, which no hand can. Aimed at pages, those keys would act as the pages' keys
(a digit tags the selected page, Enter accepts a suggestion, R turns a page), so a receipt
scanned there tagged pages of the open dossier; aimed at a scan setting's list, they picked
another scanner, paper or resolution by its first letters. Once a burst is long enough to be a
reader's, what its first keys did is put back and the code goes to the screen's dossier code
field, as if the clerk had typed it there; the reader's Enter then opens that dossier.

Keys typed into a text field are left alone: the clerk put the cursor there. In the code field,
a reader set to end its codes with Tab instead of Enter has its Tab taken as that Enter: moving
on would leave the code unread in the field."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

# A reader sends a key every 1-10 ms over USB, up to 30 over Bluetooth; a clerk may hit two keys
# nearly at once, but six in a row this close would be typing at 240 words a minute.
BURST_GAP_S = 0.05
# A code (a dossier code is 20-odd characters, an ID number 12) is at least this many keys; the
# pages' own keys are single keys, pressed a few in a row at most.
READER_MIN_KEYS = 6
_CHORDS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)

# What the keys can change where a burst lands, taken before its first key: called, it puts
# that back (the tags and their undo list, the selection, the component new pages go to).
Snapshot = Callable[[], Callable[[], None]]


@dataclass
class Burst:
    """Keys a burst has typed so far, and how to put back what they did."""

    restore: Callable[[], None]
    keys: list[tuple[int, Qt.KeyboardModifier, str]] = field(default_factory=list)


class ReaderKeys(QObject):
    """Watches the keys aimed at `areas` (the page grid and its preview, the scan settings; a
    whole screen) and sends a reader's code to `code`."""

    def __init__(
        self, areas: Sequence[QWidget], code: QLineEdit, snapshot: Snapshot, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._areas = tuple(areas)
        self._code = code
        self._snapshot = snapshot
        self._burst: Burst | None = None
        self._last = float("-inf")
        self._redirecting = False  # a reader's code is going to the code field
        self._in_code = 0  # keys of the burst typed into the code field so far
        self._in_code_at = float("-inf")
        code.installEventFilter(self)
        # Keys reach the area at the widget that has the keyboard (the grid, the preview): watched
        # there, not across the whole application, whose every event would pass here.
        for area in self._areas:
            for widget in (area, *area.findChildren(QWidget)):
                if widget.focusPolicy() is not Qt.FocusPolicy.NoFocus or widget is area:
                    widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        if watched is self._code:
            return self._code_key(event)
        if self._redirecting and time.monotonic() - self._last > BURST_GAP_S:
            self._redirecting = False  # the reader stopped without an Enter
        if self._redirecting:
            return self._redirect(watched, event)
        # Every key press reaches the focus widget once as a ShortcutOverride, before any
        # shortcut acts and whether one does or not.
        if kind == QEvent.Type.ShortcutOverride and watched is QApplication.focusWidget():
            return self._watch(watched, event)
        return False

    def _watch(self, widget: QObject, event: QKeyEvent) -> bool:
        now = time.monotonic()
        if not self._in_area(widget) or not _typed(event) or event.isAutoRepeat():
            self._burst = None
            return False
        if self._burst is None or now - self._last > BURST_GAP_S:
            self._burst = Burst(self._snapshot())
        self._last = now
        self._burst.keys.append((event.key(), event.modifiers(), event.text()))
        if len(self._burst.keys) < READER_MIN_KEYS:
            return False
        self._take_over(self._burst)
        self._burst = None
        return self._redirect(widget, event)

    def _take_over(self, burst: Burst) -> None:
        """Put back what the burst's first keys did and type them into the code field instead
        (the key that told it is a reader's follows on its own)."""
        burst.restore()
        self._code.setFocus(Qt.FocusReason.OtherFocusReason)
        self._code.selectAll()  # the reader's code replaces the one there
        for key, modifiers, text in burst.keys[:-1]:
            _type(self._code, key, modifiers, text)
        self._redirecting = True

    def _redirect(self, widget: QObject, event: QKeyEvent) -> bool:
        """While a reader's code goes on, its keys aimed at the area go to the code field; the
        Enter that ends it too, and then the burst is over."""
        self._last = time.monotonic()
        aimed = self._in_area(widget)  # else the code field, which has the keyboard now
        if event.key() in _ENTER and (event.type() == QEvent.Type.KeyPress or not aimed):
            self._redirecting = False  # the code ends with this key
        if not aimed:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # no page shortcut acts on it; its key press follows
            return True
        _type(self._code, event.key(), event.modifiers(), event.text())
        return True

    def _code_key(self, event: QKeyEvent) -> bool:
        """A key pressed in the code field (typed there, or a reader's sent on to it): a Tab
        that ends a reader's burst there acts as Enter, and the code is looked up."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        now = time.monotonic()
        if now - self._in_code_at > BURST_GAP_S:
            self._in_code = 0
        if event.key() in _ENTER:
            self._redirecting = False
            self._in_code = 0
            return False
        if event.key() == Qt.Key.Key_Tab and self._in_code >= READER_MIN_KEYS:
            self._redirecting = False
            self._in_code = 0
            _type(self._code, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            return True
        if _typed(event):
            self._in_code += 1
            self._in_code_at = now
        return False

    def _in_area(self, widget: QObject) -> bool:
        """A widget of an area other than a text field (the code field included)."""
        if not isinstance(widget, QWidget) or isinstance(widget, _TEXT_FIELDS):
            return False
        return any(widget is area or area.isAncestorOf(widget) for area in self._areas)


def _typed(event: QKeyEvent) -> bool:
    """A key that types a character, as a reader's do (no Ctrl, Alt or Meta chord)."""
    text = event.text()
    return bool(text) and text.isprintable() and not event.modifiers() & _CHORDS


def _type(widget: QWidget, key: int, modifiers: Qt.KeyboardModifier, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))
