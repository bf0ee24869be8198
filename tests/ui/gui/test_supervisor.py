"""The supervisor screen: opened from the main window behind a supervisor login, refused to a
clerk and to a wrong password, showing the figures of known events kept in the real store, and
exporting exactly what it shows (CSV, XLSX read back; the PDF's text extracted)."""

from __future__ import annotations

import csv
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pypdfium2
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QLabel

from station.accounts import Accounts, Role
from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode
from station.stats.export import Column, TableKind
from station.store import DossierFile, Store
from tests.station.stats.scenario import EVENTS, local
from tests.ui.gui.flow import type_text
from ui.application import install_translators
from ui.supervisor.controller import ExportKind, SupervisorController
from ui.supervisor.model import RAW_ROLE, FiguresModel
from ui.supervisor.periods import PeriodChoice

PASSWORD = "giám sát 2026"
NOVEMBER_DAY = date(2026, 11, 15)


@pytest.fixture
def november(store: Store, catalog) -> Store:
    """The scenario's month at two stations, plus two dossiers received at this station (one
    digitized with its electronic result), and the accounts."""
    store.record_events(EVENTS)
    for code, components in (("H-0001", ("TP1", "KQ1")), ("H-0002", ("TP1",))):
        request = DossierRequest(code, "1.010041", received_at=local("2026-11-12 09:00"),
                                 clerk_id="lan")  # fmt: skip
        open_dossier(store, catalog, request)
        files = [DossierFile(code, c, f"{code}.{c}.pdf", f"outbox/{code}/{c}.pdf", 1, 10,
                             "0" * 64, local("2026-11-12 09:30")) for c in components]  # fmt: skip
        store.mark_finished(code, files, local("2026-11-12 09:30"))
    conn = sqlite3.connect(store.layout.database)
    with conn:  # their events fell today; only their receipt matters here
        conn.execute("DELETE FROM event WHERE dossier_code LIKE 'H-%'")
    conn.close()
    with Accounts.open(store.layout.database) as accounts:
        accounts.add("thu", "Phạm Thị Thu", Role.SUPERVISOR, PASSWORD)
        accounts.add("lan", "Nguyễn Thị Lan", Role.CLERK, PASSWORD)
    return store


@pytest.fixture
def main_window(qtbot, services, november, tmp_path):
    from ui.window.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.supervisor.ask_path = lambda kind, name: tmp_path / name
    yield window
    services.tasks.wait()


def _log_in(qtbot, window, user: str, password: str):
    window.menus.supervisor.trigger()
    dialog = window.supervisor.login
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.user, user)
    type_text(dialog.password, password)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    return dialog


def _open_screen(qtbot, window) -> SupervisorController:
    with qtbot.waitSignal(window.supervisor.opened, timeout=20000) as opened:
        _log_in(qtbot, window, "thu", PASSWORD)
    controller = opened.args[0]
    qtbot.addWidget(controller.view)
    with qtbot.waitSignal(controller.refreshed, timeout=20000):
        controller.set_period(PeriodChoice.MONTH, NOVEMBER_DAY)
    assert controller.period().first_day == date(2026, 11, 1)
    assert controller.period().last_day == date(2026, 11, 30)
    return controller


def _raw(model: FiguresModel) -> list[list]:
    return [
        [model.index(row, col).data(RAW_ROLE) for col in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _shown(model: FiguresModel, row: int) -> list[str]:
    return [model.index(row, col).data() for col in range(model.columnCount())]


def test_a_supervisor_sees_the_months_figures_per_station_and_clerk(
    qtbot, main_window, november
) -> None:
    controller = _open_screen(qtbot, main_window)
    models = controller.view.models
    here = november.station().name
    # name, pages, /hour, finished, pages/dossier, upload median, p90 (min), failures,
    # rescans /100, deletes /100, received, digitized, rate % (4.2), electronic results % (4.1)
    assert _raw(models[TableKind.STATIONS]) == [
        [here, 0, None, 0, None, None, None, 0, None, None, 2, 1, 50.0, 50.0],
        ["station-1", 7, 2.33, 2, 2.5, None, None, 0, 14.29, 14.29, 0, 0, None, None],
        ["station-2", 4, 2.0, 1, 3.0, None, None, 0, 0.0, 0.0, 0, 0, None, None],
        ["Total", 11, 2.2, 3, 2.67, None, None, 0, 9.09, 9.09, 2, 1, 50.0, 50.0],
    ]
    clerks = _raw(models[TableKind.CLERKS])
    assert [row[0] for row in clerks] == ["hoa", "Nguyễn Thị Lan (lan)", "minh", "Total"]
    assert clerks[1][:4] == ["Nguyễn Thị Lan (lan)", 7 - 2, 2.5, 1]
    assert clerks[1][-4:] == [2, 1, 50.0, 50.0]
    assert _raw(models[TableKind.PAPER]) == [
        ["A4", 8, 72.73],
        ["(unknown)", 2, 18.18],
        ["A3", 1, 9.09],
        ["Total", 11, 100.0],
    ]
    queue = _raw(models[TableKind.QUEUE])
    assert queue == [[2, "H-0001", "2026-11-12 09:30", 2, 0, 0, 0, 1]]  # H-0002 awaits its result
    days = controller.overview.days
    assert len(days) == 30 and days[2].pages == 7 and days[11].rate == 50.0
    assert _shown(models[TableKind.STATIONS], 3)[2] == QLocale().toString(2.2, "f", 2)
    assert "—" in _shown(models[TableKind.STATIONS], 3)
    chart = controller.view.rate_chart.chart()
    assert len(chart.series()) == 3  # the 80 % target, the rate line, its dots
    assert "H-0001" in controller.view.queue_note.text()


def test_the_shortcut_asks_for_a_login_and_closing_the_screen_logs_out(qtbot, main_window) -> None:
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(main_window, Qt.Key.Key_S, keys)
    dialog = main_window.supervisor.login
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    controller = _open_screen(qtbot, main_window)
    assert main_window.supervisor.login.password.text() == ""  # not kept after the login
    controller.view.close()
    assert main_window.supervisor.screen is None
    main_window.menus.supervisor.trigger()
    assert main_window.supervisor.login.isVisible()  # asked again


def test_a_clerk_is_refused_and_stays_out(qtbot, main_window) -> None:
    dialog = _log_in(qtbot, main_window, "lan", PASSWORD)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=20000)
    assert "only a supervisor account" in dialog.message.text()
    assert dialog.isVisible() and dialog.password.text() == ""
    assert main_window.supervisor.screen is None


def test_a_wrong_password_and_an_unknown_user_get_the_same_refusal(qtbot, main_window) -> None:
    dialog = _log_in(qtbot, main_window, "thu", "not the password")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=20000)
    wrong = dialog.message.text()
    assert wrong == "Wrong user name or password."
    dialog.user.clear()
    type_text(dialog.user, "nobody")
    type_text(dialog.password, PASSWORD)
    dialog.message.hide()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=20000)
    assert dialog.message.text() == wrong
    assert main_window.supervisor.screen is None


def test_a_disabled_supervisor_is_refused(qtbot, main_window, november) -> None:
    with Accounts.open(november.layout.database) as accounts:
        accounts.disable("thu")
    dialog = _log_in(qtbot, main_window, "thu", PASSWORD)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=20000)
    assert "disabled" in dialog.message.text()
    assert main_window.supervisor.screen is None


def test_live_refresh_picks_up_new_pages(qtbot, main_window, november) -> None:
    controller = _open_screen(qtbot, main_window)
    late = [e for e in EVENTS if e.page_id == "r4"][0]  # 30 Nov, 23:59:59
    november.record_events([type(late)(late.kind, late.at, "station-2", "hoa", "D7", "r5", "A4")])
    controller._timer.setInterval(50)  # the 30 s tick, sped up
    controller._timer.start()
    model = controller.view.models[TableKind.STATIONS]
    qtbot.waitUntil(lambda: _raw(model)[-1][1] == 12, timeout=20000)
    controller.view.live.setChecked(False)
    assert not controller._timer.isActive()


def _csv_sections(path: Path) -> dict[str, list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as found:
        rows = list(csv.reader(found, delimiter=";"))  # as Excel set to Vietnamese splits it
    sections: dict[str, list[list[str]]] = {"": [rows[0]]}
    title = ""
    for before, row in zip(rows, rows[1:], strict=False):
        if not before:
            title = row[0]
            sections[title] = []
        elif row:
            sections[title].append(row)
    return sections


def _as_text(value) -> str:
    """A cell as Excel set to Vietnamese reads it: decimal commas."""
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return "" if value is None else str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _export(qtbot, controller: SupervisorController, kind: ExportKind) -> Path:
    button = {
        ExportKind.CSV: controller.view.export_csv,
        ExportKind.XLSX: controller.view.export_xlsx,
        ExportKind.PDF: controller.view.export_pdf,
    }[kind]
    with qtbot.waitSignal(controller.exported, timeout=30000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return done.args[0]


@pytest.fixture
def in_vietnamese(qapp):
    locale = QLocale()
    translators = install_translators(qapp, "vi")
    assert translators
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_csv_and_xlsx_hold_exactly_what_the_screen_shows(
    qtbot, in_vietnamese, main_window, tmp_path
) -> None:
    controller = _open_screen(qtbot, main_window)
    models = controller.view.models
    assert models[TableKind.STATIONS].headings()[0] == "Trạm"
    path = _export(qtbot, controller, ExportKind.CSV)
    assert path == tmp_path / "sohoa-2026-11-01-2026-11-30.csv"
    first_line = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line == "Kỳ báo cáo;2026-11-01;2026-11-30;Asia/Ho_Chi_Minh"
    sections = _csv_sections(path)
    assert sections[""] == [["Kỳ báo cáo", "2026-11-01", "2026-11-30", "Asia/Ho_Chi_Minh"]]
    workbook = openpyxl.load_workbook(_export(qtbot, controller, ExportKind.XLSX))
    for kind, model in models.items():
        title = controller.wording.titles[kind]
        headings = [_one_line(h) for h in model.headings()]
        shown = [_one_line(model.headerData(c, Qt.Orientation.Horizontal))
                 for c in range(model.columnCount())]  # fmt: skip
        assert shown == headings
        rows = _raw(model)
        assert sections[title] == [headings, *[[_as_text(v) for v in row] for row in rows]]
        sheet = workbook[title]
        assert [list(r) for r in sheet.iter_rows(values_only=True)] == [headings, *rows]
    assert workbook[controller.wording.titles[TableKind.STATIONS]]["B2"].number_format == "0"


def test_the_pdf_report_prints_the_period_the_figures_and_vietnamese(
    qtbot, in_vietnamese, main_window
) -> None:
    controller = _open_screen(qtbot, main_window)
    path = _export(qtbot, controller, ExportKind.PDF)
    document = pypdfium2.PdfDocument(str(path))
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    for expected in (
        "Báo cáo số hóa hồ sơ",
        "Từ 01/11/2026 đến 30/11/2026",
        "Phạm Thị Thu",
        "Theo trạm",
        "Theo cán bộ",
        "Nguyễn Thị Lan (lan)",
        "Tỷ lệ số hóa",
        "Tổng cộng",
        "Khổ giấy",
    ):
        assert expected in text, expected
    stations = controller.view.models[TableKind.STATIONS]
    total = " ".join(_shown(stations, stations.rowCount() - 1))
    assert total in " ".join(text.split()), total  # the total line, as the screen shows it


def test_the_hub_view_shows_the_figures_the_station_sent(
    qtbot, main_window, november, tmp_path
) -> None:
    from sync.settings import save_settings
    from sync.worker import SyncWorker
    from tests.helpers.hub import running_hub

    with running_hub(tmp_path / "hub") as hub:
        secret = tmp_path / "secret"
        secret.write_text(hub.add_station("ST-GUI-01", name="Trạm xã Tân Phú") + "\n")
        secret.chmod(0o600)
        save_settings(november, url=hub.url, client_id="ST-GUI-01", secret_file=str(secret))
        SyncWorker(november.layout.home).run(once=True)  # a heartbeat and the station's facts
        controller = _open_screen(qtbot, main_window)
        local_total = _raw(controller.view.models[TableKind.STATIONS])[-1]
        scope = controller.view.scope
        qtbot.waitUntil(lambda: scope.model().item(1).isEnabled(), timeout=20000)
        password = hub.add_account("giamsat", "province_supervisor")
        controller.use_hub(True)  # the station's own credentials would show it alone
        qtbot.waitUntil(lambda: controller.hub_login is not None, timeout=20000)
        dialog = controller.hub_login
        qtbot.keyClicks(dialog.username, "giamsat")
        qtbot.keyClicks(dialog.password, password)
        with qtbot.waitSignal(controller.refreshed, timeout=20000):
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        stations = _raw(controller.view.models[TableKind.STATIONS])
        assert stations[-1] == local_total  # the hub computes what the station computes
        assert "Trạm xã Tân Phú" in [row[0] for row in stations]
        hub.stop()
        with qtbot.waitSignal(controller.failed, timeout=30000) as failed:
            controller.refresh()
    assert getattr(failed.args[0], "code", None) == ErrorCode.SYNC_OFFLINE
    assert controller.view.info.text()  # said on screen; the last figures stay
    assert _raw(controller.view.models[TableKind.STATIONS]) == stations


def test_without_sync_the_hub_view_is_not_offered(qtbot, main_window) -> None:
    controller = _open_screen(qtbot, main_window)
    qtbot.wait(200)
    assert not controller.view.scope.model().item(1).isEnabled()
    controller.use_hub(True)
    assert controller.view.scope.currentIndex() == 0


def _screen_closing_itself(qtbot, window) -> SupervisorController:
    """The screen deletes itself once closed: not handed to qtbot to close again."""
    with qtbot.waitSignal(window.supervisor.opened, timeout=20000) as opened:
        _log_in(qtbot, window, "thu", PASSWORD)
    controller = opened.args[0]
    with qtbot.waitSignal(controller.refreshed, timeout=20000):
        controller.set_period(PeriodChoice.MONTH, NOVEMBER_DAY)
    return controller


def test_figures_explain_their_formula_and_esc_or_log_out_closes_the_screen(
    qtbot, main_window, monkeypatch
) -> None:
    # A counter PC in Viet Nam, whatever the clock of the machine running the test.
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        _figures_and_closing(qtbot, main_window)
    finally:
        monkeypatch.undo()
        time.tzset()


def _figures_and_closing(qtbot, main_window) -> None:
    controller = _screen_closing_itself(qtbot, main_window)
    view = controller.view
    cards = view.findChildren(QFrame, "figureCard")
    rate = next(c for c in cards if "Digitization rate" in c.findChildren(QLabel)[0].text())
    assert "KPI 4.2" in rate.toolTip() and "received" in rate.toolTip()
    model = view.models[TableKind.STATIONS]
    column = model.table.columns.index(Column.DIGITIZATION_RATE)
    tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "KPI 4.2 = 100 × dossiers digitized ÷ dossiers received" in tip
    # The "updated" time reads as the PC's clock (UTC+7 here), like the main window's.
    now = datetime.now(UTC)
    assert (now + timedelta(hours=7)).strftime("%H:%M") in view.info.text() or now.second >= 58
    assert now.strftime("%H:%M") not in view.info.text()

    view.tables[TableKind.STATIONS].setFocus()
    qtbot.keyClick(view.tables[TableKind.STATIONS], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: main_window.supervisor.screen is None, timeout=20000)

    main_window.supervisor.login.user.clear()
    controller = _screen_closing_itself(qtbot, main_window)
    qtbot.mouseClick(controller.view.log_out, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_window.supervisor.screen is None, timeout=20000)
    main_window.menus.supervisor.trigger()
    assert main_window.supervisor.login.isVisible()  # logged out: asked again
