from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from station.dossiers import DossierRequest, open_dossier
from station.store import NewPage
from ui.application import install_translators
from ui.main_window import MainWindow


@pytest.fixture
def vietnamese(qapp: QApplication):
    translators = install_translators(qapp, "vi")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def test_window_opens_in_vietnamese_with_the_open_dossiers(
    qtbot, store, catalog, vietnamese
) -> None:
    assert vietnamese, "sohoa_vi.qm must load"
    dossier, _ = open_dossier(store, catalog, DossierRequest("D-7", "1.001193", "Lê Văn C"))
    store.add_page(dossier.code, NewPage(b"P5 1 1 255 \x00", "image/x-portable-anymap", 300))
    window = MainWindow(store, catalog)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "SoHoa Station — Trạm số hóa"
    table = window.dossier_table
    assert table.horizontalHeaderItem(0).text() == "Mã hồ sơ"
    row = [table.item(0, column).text() for column in range(4)]
    assert row == ["D-7", "Thủ tục đăng ký khai sinh", "Lê Văn C", "1"]
    assert f"{len(catalog)} thủ tục" in window.statusBar().currentMessage()


def test_window_falls_back_to_english_source_strings(qtbot, store, catalog) -> None:
    window = MainWindow(store, catalog)
    qtbot.addWidget(window)
    assert window.windowTitle() == "SoHoa Station — Digitization station"
