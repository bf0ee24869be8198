"""Small screens: at 1280×720 and 1366×768 every control is inside the window and the checklist
names can be read; the window opens maximised below 1600×900 and where it was left otherwise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize

from tests.ui.gui.flow import WAIT_MS, open_new_dossier
from ui.window import geometry
from ui.window.main_window import MainWindow

CODE = "000.00.15.H29-250101-0041"


def _inside(window, widget) -> bool:
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return widget.isVisible() and window.rect().contains(rect)


@pytest.mark.parametrize(
    "size", [QSize(1280, 720), QSize(1366, 768)], ids=lambda s: f"{s.width()}x{s.height()}"
)
def test_every_control_is_reachable_on_a_small_screen(qtbot, window, size: QSize) -> None:
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size, timeout=WAIT_MS)
    open_new_dossier(qtbot, window, CODE, "dang ky khai sinh", "Đinh Văn H", "001090000004")
    qtbot.wait(100)
    assert window.size() == size  # the layout's minimum fits the screen
    for widget in (
        window.scan_controls.scan_button,
        window.scan_controls.cancel_button,
        window.finish_button,
        window.statusBar(),
        window.dossier_panel.code,
        window.checklist,
        window.grid,
        window.preview,
    ):
        assert _inside(window, widget), widget.objectName()
    checklist = window.checklist
    assert checklist.columnWidth(1) >= 180  # the component's name, the column the clerk reads
    metrics = checklist.fontMetrics()
    for row, component in enumerate(window.dossier.procedure.components):
        wanted = f"⚠ {component.code} · {component.name[:25]}"
        room = checklist.columnWidth(1) - 2 * checklist.indentation() // 2
        assert metrics.horizontalAdvance(wanted) <= room, (row, wanted)


def test_small_screens_open_maximised_and_large_ones_where_the_window_was(
    qtbot, services, monkeypatch
) -> None:
    assert geometry.is_small(QSize(1366, 768)) and geometry.is_small(QSize(1920, 800))
    assert not geometry.is_small(QSize(1600, 900))
    small = MainWindow(services)
    qtbot.addWidget(small)
    monkeypatch.setattr(geometry, "is_small", lambda _size: True)
    geometry.show_window(small, "")
    qtbot.waitUntil(small.isMaximized, timeout=WAIT_MS)
    assert geometry.saved_geometry(small) is None

    monkeypatch.setattr(geometry, "is_small", lambda _size: False)
    first = MainWindow(services)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(37, 41, 1300, 760)
    qtbot.wait(100)
    first.close()
    saved = services.settings.value.window_geometry
    assert saved
    again = MainWindow(services)
    qtbot.addWidget(again)
    geometry.show_window(again, saved)
    # The offscreen screen is narrower than the window: Qt fits the width, the height stays.
    qtbot.waitUntil(lambda: again.height() == 760, timeout=WAIT_MS)
    assert again.geometry() != QRect(0, 0, 1440, 900) and not again.isMaximized()
