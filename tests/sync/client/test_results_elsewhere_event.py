"""The sender tells its owner (RESULTS_ELSEWHERE, with how many) when the hub teaches it of
results handed over at another desk of the unit, so a window showing the results awaiting scan
reads them again; and only then: a round that the hub tells the same rows again (the overlap
every round asks with) or nothing at all says nothing. Two desks of one unit on a real hub on
127.0.0.1: A receives and sends, B opens a dossier by code and hands over its result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from station.catalog import Catalog
from station.store.results_elsewhere import latest_committed
from sync import results_elsewhere
from sync.results_elsewhere import OVERLAP
from sync.worker import SyncWorker
from sync.worker_events import WorkerEventKind
from tests.helpers.hub import HubHandle
from tests.hub.desks import FIRST, SECOND, UNIT, Station
from tests.sync.client.conftest import FAST
from tests.sync.client.support import Recorder
from ui.cli.main import main

LEARNED = WorkerEventKind.RESULTS_ELSEWHERE


@pytest.fixture
def desks(
    hub: HubHandle, tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> Iterator[tuple[Station, Station]]:
    a = Station("ST-XA-A", tmp_path / "a", catalog, capsys)
    b = Station("ST-XA-B", tmp_path / "b", catalog, capsys)
    for station in (a, b):
        station.connect(hub, UNIT)
    yield a, b
    for station in (a, b):
        station.store.close()


def _told(station: Station) -> list[int]:
    """One round of the station's sender (its facts round asks the hub): how many new results
    each RESULTS_ELSEWHERE event it sent said."""
    heard = Recorder()
    worker = SyncWorker(station.home, options=FAST)
    worker.subscribe(heard)
    worker.run(once=True)
    assert WorkerEventKind.STOPPED in heard.kinds()  # the round ran to its end
    return [event.total for event in heard.of(LEARNED)]


def test_the_sender_tells_of_results_handed_over_elsewhere_only_when_it_learns_new_ones(
    hub: HubHandle, desks: tuple[Station, Station], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = desks
    a.receive(FIRST, 3)
    a.receive(SECOND, 4)
    a.send()
    assert _told(a) == []  # nothing handed over elsewhere yet

    b.hand_over_result(FIRST)
    b.send()
    assert _told(a) == [1]
    assert a.known_elsewhere() == [(FIRST, "KQ1")] and a.pending() == [SECOND]

    # The next round asks from the latest commit known less the overlap: the hub tells FIRST
    # again, which A knew already.
    since = a.store.database.read(latest_committed) - OVERLAP
    told = a.ask(hub, since=since.isoformat()).json()["results"]
    assert [r["dossier_code"] for r in told] == [FIRST]
    assert _told(a) == []
    assert a.known_elsewhere() == [(FIRST, "KQ1")]

    b.hand_over_result(SECOND)
    b.send()
    # `sohoa sync run --once` says it (SECOND is new; FIRST, told again, is not counted).
    with monkeypatch.context() as patch:
        patch.setenv("SOHOA_HOME", str(a.home))
        assert main(["sync", "run", "--once"]) == 0
    said = a.out.readouterr().out.splitlines()
    assert [line for line in said if line.startswith("results_elsewhere")] == [
        "results_elsewhere — 1 kết quả của hồ sơ tiếp nhận tại đây đã được trả tại bàn khác của"
        " đơn vị | 1 result(s) of dossiers received here handed over at another desk of the unit"
    ]
    assert a.known_elsewhere() == [(FIRST, "KQ1"), (SECOND, "KQ1")] and a.pending() == []
    assert _told(a) == []
    assert _told(b) == []  # the desk that scanned them received neither


def test_results_kept_from_a_page_before_the_hub_went_away_are_told(
    hub: HubHandle, desks: tuple[Station, Station], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The round asks page by page and keeps each page's rows: when the hub goes away before
    the second page, the first page's new result is still told (the next round would find it
    known, and the window would never hear of it)."""
    a, b = desks
    for day, code in enumerate((FIRST, SECOND), 3):
        a.receive(code, day)
    a.send()
    for code in (FIRST, SECOND):
        b.hand_over_result(code)
    b.send()

    asked = []
    ask = results_elsewhere._ask

    def ask_then_stop(*args: Any) -> Any:
        asked.append(args)
        if len(asked) == 2:
            hub.stop()  # between the pages
        return ask(*args)

    monkeypatch.setattr(results_elsewhere, "PAGE", 1)
    monkeypatch.setattr(results_elsewhere, "_ask", ask_then_stop)
    assert _told(a) == [1]
    assert len(asked) == 2
    assert a.known_elsewhere() == [(FIRST, "KQ1")] and a.pending() == [SECOND]
    assert _told(a) == []  # the hub is gone: nothing learned, nothing told
