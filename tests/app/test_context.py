"""The application context both frontends use: opened lazily, closed once."""

from __future__ import annotations

from app.context import AppContext


def test_the_store_and_catalog_open_on_first_use_and_close(home) -> None:
    context = AppContext(home=home)
    assert not home.exists() or context._store is None
    assert context.store.layout.home == home
    assert "1.010041" in context.catalog.procedures
    assert context.store is context.store
    context.close()
    assert context._store is None
