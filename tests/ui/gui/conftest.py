"""A real window against a temporary data directory, the virtual scanner in a driver worker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ui.application import pin_singletons

pin_singletons()  # before pytest-qt's QApplication: see ui/application.py


@contextmanager
def window_services(store, catalog, tmp_path, **options: Any) -> Iterator[Any]:
    """The window's services on the test's store, closed after; `options` as create_services
    takes them (a faster sender, say)."""
    from ui.window.services import create_services

    built = create_services(
        store, catalog, user_config=tmp_path / "user-config" / "gui.json", **options
    )
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def services(store, catalog, tmp_path, qapp):
    with window_services(store, catalog, tmp_path) as built:
        yield built


@pytest.fixture
def window(qtbot, services):
    from ui.window.main_window import MainWindow

    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    shown.start()
    qtbot.waitUntil(lambda: shown.scan.device_ready, timeout=20000)  # its resolutions listed
    yield shown
    shown.scan.cancel()
    services.tasks.wait()
