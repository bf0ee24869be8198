from __future__ import annotations

from datetime import datetime, timedelta

from station.store import Store
from station.workflow import delete_pages, pages_today
from tests.station.workflow.support import CODE, new_dossier, tiny_page


def test_pages_today_counts_live_pages_stored_since_local_midnight(store: Store, catalog) -> None:
    new_dossier(store, catalog, clerk="lan")
    new_dossier(store, catalog, code="OTHER-1", clerk="minh")
    kept = [tiny_page(store, CODE) for _ in range(3)]
    tiny_page(store, "OTHER-1")
    delete_pages(store, [kept[0].id])
    assert pages_today(store) == 3
    assert pages_today(store, "lan") == 2
    assert pages_today(store, "minh") == 1
    assert pages_today(store, "nobody") == 0


def test_pages_of_another_day_are_not_counted(store: Store, catalog) -> None:
    new_dossier(store, catalog)
    tiny_page(store, CODE)
    now = datetime.now().astimezone()
    assert pages_today(store, now=now + timedelta(days=1)) == 0
    assert pages_today(store, now=now - timedelta(days=1)) == 0
    assert pages_today(store, now=now) == 1
