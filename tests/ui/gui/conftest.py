"""A real window against a temporary data directory, the virtual scanner in a driver worker."""

from __future__ import annotations

import pytest

from ui.application import pin_singletons

pin_singletons()  # before pytest-qt's QApplication: see ui/application.py


@pytest.fixture
def services(store, catalog, tmp_path, qapp):
    from ui.window.services import create_services

    built = create_services(store, catalog, user_config=tmp_path / "user-config" / "gui.json")
    yield built
    built.close()


@pytest.fixture
def window(qtbot, services):
    from ui.window.main_window import MainWindow

    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    shown.start()
    qtbot.waitUntil(lambda: shown.scan_controls.device.count() > 0, timeout=20000)
    yield shown
    shown.scan.cancel()
    services.tasks.wait()
