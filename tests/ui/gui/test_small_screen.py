"""Small screens: at 1280×720 and 1366×768 every control is inside the window and the checklist
names can be read; the window opens maximised below 1600×900 and where it was left otherwise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle

from tests.ui.gui.flow import WAIT_MS, open_new_dossier
from ui.application import install_translators
from ui.tagging.checklist import CODE_ROLE
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
    assert window.checklist.columnWidth(1) >= 180  # the component's name, the clerk reads it


def _rows(checklist) -> list[str]:
    """The component codes of the checklist's rows, in order (a case group's flag has none)."""
    items = (checklist.topLevelItem(row) for row in range(checklist.topLevelItemCount()))
    return [code for item in items if (code := item.data(0, CODE_ROLE))]


def _shown_name(checklist, row: int) -> str:
    """The name cell's text as Qt paints it: elided to the column less the style's margins."""
    item = checklist.topLevelItem(row)
    margin = checklist.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                           checklist) + 1  # fmt: skip
    room = checklist.columnWidth(1) - 2 * margin
    return QFontMetrics(item.font(1)).elidedText(item.text(1), Qt.TextElideMode.ElideRight, room)


@pytest.fixture(params=["vi", "en"])
def window_in(request, qtbot, qapp, services):
    """The window in Vietnamese (the default: its words are the longer) or in English."""
    locale = QLocale()
    translators = install_translators(qapp, request.param) if request.param == "vi" else []
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.show()
    shown.start()
    yield shown
    shown.scan.cancel()
    services.tasks.wait()
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.mark.parametrize(
    "size", [QSize(1280, 720), QSize(1366, 768)], ids=lambda s: f"{s.width()}x{s.height()}"
)
def test_the_code_and_25_letters_of_every_component_name_show_on_a_small_screen(
    qtbot, window_in, catalog, size: QSize
) -> None:
    window = window_in
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size, timeout=WAIT_MS)
    checklist = window.checklist
    for n, procedure in enumerate(catalog.procedures.values()):
        code = f"000.00.15.H29-250101-{100 + n:04d}"
        open_new_dossier(qtbot, window, code, procedure.code, "Đinh Văn H", "001090000004")
        wanted = [component.code for component in procedure.components]
        qtbot.waitUntil(lambda wanted=wanted: _rows(checklist)[: len(wanted)] == wanted,
                        timeout=WAIT_MS)  # fmt: skip
        qtbot.wait(10)  # the columns fit their new contents
        # The components follow the flags of case groups still undecided, if any.
        first = checklist.topLevelItemCount() - len(wanted) - 1  # and "not tagged" ends it
        for row, component in enumerate(procedure.components, first):
            shown = _shown_name(checklist, row).removeprefix("⚠ ")
            start = f"{component.code} · {component.name[:25]}"
            assert shown.startswith(start), (procedure.code, shown, start)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.dossier.code is None, timeout=WAIT_MS)


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


def _whole_rows_shown(window, view) -> int:
    """Rows of the list whose full height the clerk sees: inside the list's viewport and
    inside the scrolling form around it, as it stands (not scrolled)."""
    model = view.model()
    form = window.form_area.viewport()
    shown = 0
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        top = view.viewport().mapTo(form, rect.topLeft()).y()
        inside_list = rect.top() >= 0 and rect.bottom() < view.viewport().height()
        shown += inside_list and top >= 0 and top + rect.height() <= form.height()
    return shown


@pytest.mark.parametrize(
    "size", [QSize(1280, 720), QSize(1366, 768)], ids=lambda s: f"{s.width()}x{s.height()}"
)
def test_the_procedure_list_shows_at_least_three_rows_on_a_small_screen(
    qtbot, window, size: QSize
) -> None:
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size, timeout=WAIT_MS)
    panel = window.dossier_panel
    qtbot.keyClicks(panel.code, CODE)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.search.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(panel.search, "dang ky")  # matches many procedures
    qtbot.waitUntil(panel.procedures.isVisible, timeout=WAIT_MS)
    qtbot.wait(50)  # the form's new height is laid out
    assert panel.procedure_filter.rowCount() >= 5
    # under the search field, in the form's flow, not drawn over the fields above it
    assert panel.procedures.geometry().top() >= panel.search.geometry().bottom()
    assert _whole_rows_shown(window, panel.procedures) >= 3
    assert _inside(window, panel.procedures)
    assert window.size() == size
