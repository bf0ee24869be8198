"""A result handed over at another desk of the unit reaches the station that received the dossier,
on a real hub on 127.0.0.1 (SQLite, and a real PostgreSQL server): station A receives two birth
registrations and sends them; desk B of the same unit opens one by code, scans its certificate
and sends the result; A's sender asks the hub on its facts round, so A's own "results awaiting
scan" (`sohoa results pending`) drops the dossier and A's own indicators 4.1 and 4.2
(`sohoa stats`) count it, as the hub does. A station of another unit learns nothing, not even
of a dossier it holds under the same code, and a hub A cannot reach changes nothing at A."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from app.results import result_target
from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.stats import Grouping, report_from_json
from station.stats.periods import zone_name
from station.stats.source import station_report
from sync import results_elsewhere
from sync.settings import save_settings
from tests.helpers.hub import HubHandle
from tests.hub.conftest import AccountClient, log_in
from tests.hub.desks import (
    APPLICANT,
    FIRST,
    ID_NUMBER,
    NOVEMBER,
    OTHER_UNIT,
    SECOND,
    UNIT,
    Station,
)
from ui.cli.main import main


@pytest.fixture
def desks(
    any_hub: HubHandle, tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> Iterator[dict[str, Station]]:
    """A (reception) and B (result desk) of one unit, C of another unit."""
    found = {
        "A": Station("ST-XA-A", tmp_path / "a", catalog, capsys),
        "B": Station("ST-XA-B", tmp_path / "b", catalog, capsys),
        "C": Station("ST-HUYEN-C", tmp_path / "c", catalog, capsys),
    }
    for name, station in found.items():
        station.connect(any_hub, OTHER_UNIT if name == "C" else UNIT)
    yield found
    for station in found.values():
        station.store.close()


def rates(payload: dict[str, Any]) -> dict[str, Any]:
    """4.2 and 4.1 as `sohoa stats --json` prints them, or the hub's stats for one group."""
    figures = payload.get("total", payload)
    return {"4.2": figures["digitization"], "4.1": figures["electronic_results"]}


def hub_station(supervisor: AccountClient, station: Station) -> Any:
    response = supervisor.get(
        "/api/v1/stats",
        params={"since": NOVEMBER.first_day.isoformat(), "until": NOVEMBER.last_day.isoformat(),
                "tz": zone_name(NOVEMBER.tz), "by": "station"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    group = next(g for g in response.json()["groups"] if g["key"] == station.station_id)
    return report_from_json(response.json()).groups[station.station_id], group


def test_the_receiving_station_learns_of_a_result_handed_over_at_another_desk(
    any_hub: HubHandle, desks: dict[str, Station]
) -> None:
    a, b, c = desks["A"], desks["B"], desks["C"]
    supervisor = log_in(any_hub, "tinh", "province_supervisor")
    a.receive(FIRST, 3)
    a.receive(SECOND, 4)
    a.send()
    # C holds a dossier under the same code (the hub would refuse it, as A's): the answer is
    # for the station that asks, not for whoever holds a code.
    c.receive(FIRST, 3, queued=False)
    assert a.pending() == [FIRST, SECOND]
    before = {"received": 2, "digitized": 0, "rate": 0.0}
    assert rates(a.stats()) == {"4.2": before, "4.1": {"paper_result": 2, "with_result": 0,
                                                       "rate": 0.0}}  # fmt: skip

    b.hand_over_result(FIRST)
    b.send()
    assert a.pending() == [FIRST, SECOND], "A has not asked the hub yet"

    answer = a.ask(any_hub)
    assert answer.status_code == 200, answer.text
    told = answer.json()
    assert [(r["dossier_code"], r["components"]) for r in told["results"]] == [(FIRST, ["KQ1"])]
    assert set(told["results"][0]) == {"dossier_code", "components", "committed_at"}
    assert told["more"] is False
    assert APPLICANT not in answer.text and ID_NUMBER not in answer.text
    assert b.station_id not in answer.text  # nor which desk scanned it

    a.sync_round()
    assert a.known_elsewhere() == [(FIRST, "KQ1")]
    assert a.pending() == [SECOND]
    payload = a.stats()
    assert rates(payload) == {
        "4.2": {"received": 2, "digitized": 1, "rate": 50.0},
        "4.1": {"paper_result": 2, "with_result": 1, "rate": 50.0},
    }
    assert payload["results_awaiting"] == 1

    # The same figures as the hub's for A, by the same formula, once A's facts went again.
    on_hub, group = hub_station(supervisor, a)
    assert on_hub == station_report(a.store, a.catalog, NOVEMBER, Grouping.STATION).total
    assert rates(group) == rates(payload) and group["results_awaiting"] == 1

    # Another round: the hub tells it again (the overlap), A keeps it once.
    a.sync_round()
    assert a.known_elsewhere() == [(FIRST, "KQ1")] and a.pending() == [SECOND]

    # C, of another unit, and B, which scanned it, learn nothing: neither received it.
    for station in (b, c):
        assert station.ask(any_hub).json() == {"results": [], "more": False}
        station.sync_round()
        assert station.known_elsewhere() == []
    assert c.pending() == [FIRST]
    assert rates(c.stats())["4.2"] == {"received": 1, "digitized": 0, "rate": 0.0}


def test_the_receiving_station_does_not_digitize_again_a_result_handed_over_elsewhere(
    any_hub: HubHandle, desks: dict[str, Station], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once A knows desk B committed KQ1, A's clerk cannot scan KQ1 again (a second file would
    take the number the hub gave B's and be refused for good); KQ2, the copy, still can."""
    a, b = desks["A"], desks["B"]
    a.receive(FIRST, 3)
    a.send()
    b.hand_over_result(FIRST)
    b.send()
    assert a.sohoa("results", "open", FIRST, "--json")["result_components"] == ["KQ1", "KQ2"]
    a.sync_round()

    assert a.sohoa("results", "open", FIRST, "--json")["result_components"] == ["KQ2"]
    with pytest.raises(StationError) as refused:
        result_target(a.store, a.catalog, FIRST, "KQ1")
    assert refused.value.code is ErrorCode.RESULT_DIGITIZED_ELSEWHERE
    monkeypatch.setenv("SOHOA_HOME", str(a.home))
    status = main(["scan", "--device", "virtual", "--count", "1", "--dossier", FIRST,
                   "--component", "KQ1", "--json"])  # fmt: skip
    said = a.out.readouterr()
    assert status == 3
    assert "đã được một bàn khác của đơn vị số hóa" in said.err
    assert "was digitized at another desk of the unit" in said.err
    assert [p for p in a.store.pages(FIRST) if p.result] == []


def _dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"  # nothing listens there once closed


def test_a_hub_out_of_reach_changes_nothing_and_the_next_round_catches_up(
    any_hub: HubHandle, desks: dict[str, Station], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = desks["A"], desks["B"]
    a.receive(FIRST, 3)
    a.receive(SECOND, 4)
    a.send()
    b.hand_over_result(FIRST)
    b.send()
    a.sync_round()
    assert a.pending() == [SECOND]

    b.hand_over_result(SECOND)
    b.send()
    save_settings(a.store, url=_dead_url())
    a.sync_round()
    assert a.known_elsewhere() == [(FIRST, "KQ1")]
    assert a.pending() == [SECOND]
    assert rates(a.stats())["4.2"] == {"received": 2, "digitized": 1, "rate": 50.0}

    save_settings(a.store, url=any_hub.url)
    monkeypatch.setattr(results_elsewhere, "PAGE", 1)  # and one row a page: the pages add up
    monkeypatch.setattr(results_elsewhere, "OVERLAP", results_elsewhere.OVERLAP * 0)
    with a.store.database.transaction() as conn:  # as a station that never asked
        conn.execute("DELETE FROM result_elsewhere")
    a.sync_round()
    assert a.known_elsewhere() == [(FIRST, "KQ1"), (SECOND, "KQ1")]
    assert a.pending() == []
    assert rates(a.stats())["4.1"] == {"paper_result": 2, "with_result": 2, "rate": 100.0}


def test_the_route_is_a_stations_and_checks_what_it_is_given(
    any_hub: HubHandle, desks: dict[str, Station]
) -> None:
    a = desks["A"]
    supervisor = log_in(any_hub, "tinh", "province_supervisor")
    assert supervisor.get("/api/v1/results/elsewhere").status_code == 403
    assert requests.get(f"{any_hub.url}/api/v1/results/elsewhere", timeout=10).status_code == 401
    refused = ({"since": "hôm qua"}, {"offset": -1}, {"limit": 0}, {"limit": 501}, {"limit": "x"})
    for params in refused:
        answer = a.ask(any_hub, **params)
        assert answer.status_code == 422, (params, answer.text)
    assert a.ask(any_hub, since="2026-11-01T00:00:00+07:00").json() == {
        "results": [],
        "more": False,
    }
