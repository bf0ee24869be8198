"""A result handed over at another desk of the unit reaches the station that received the dossier,
on a real hub on 127.0.0.1 (SQLite, and a real PostgreSQL server): station A receives two birth
registrations and sends them; desk B of the same unit opens one by code, scans its certificate
and sends the result; A's sender asks the hub on its facts round, so A's own "results awaiting
scan" (`sohoa results pending`) drops the dossier and A's own indicators 4.1 and 4.2
(`sohoa stats`) count it, as the hub does. A station of another unit learns nothing, not even
of a dossier it holds under the same code, and a hub A cannot reach changes nothing at A."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from app.results import result_target
from station.catalog import Catalog
from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode, StationError
from station.stats import Grouping, Period, report_from_json, zone
from station.stats.periods import zone_name
from station.stats.source import station_report
from station.store import Store
from station.workflow import finish_dossier
from station.workflow.results import finish_result
from sync import results_elsewhere
from sync.enqueue import enqueue_dossier, enqueue_result
from sync.jobs import JobState
from sync.settings import save_settings
from sync.worker import SyncWorker
from tests.helpers.hub import HubHandle
from tests.hub.conftest import AccountClient, fetch_token, log_in
from tests.station.workflow.support import scanned_page
from tests.sync.client.conftest import FAST
from tests.sync.client.support import jobs_of
from ui.cli.main import main

BIRTH = "1.001193"  # đăng ký khai sinh: results KQ1 (the certificate) and KQ2 (a copy)
UNIT, OTHER_UNIT = "000.00.14.H05", "000.00.15.H05"
FIRST, SECOND = f"{UNIT}-261103-0001", f"{UNIT}-261104-0002"
VIETNAM = zone()
NOVEMBER = Period.month(2026, 11, VIETNAM)
APPLICANT, ID_NUMBER = "Trần Văn Bình", "001090054321"


class Station:
    def __init__(
        self, station_id: str, home: Path, catalog: Catalog, out: pytest.CaptureFixture[str]
    ) -> None:
        self.station_id, self.home, self.catalog, self.out = station_id, home, catalog, out
        self.store = Store.open(home)
        self.secret = ""

    def connect(self, hub: HubHandle, unit: str) -> None:
        self.secret = hub.connect(self.store, self.station_id, unit, self.home.parent)

    def receive(self, code: str, day: int, queued: bool = True) -> None:
        received = datetime(2026, 11, day, 9, tzinfo=VIETNAM)
        request = DossierRequest(code, BIRTH, applicant_name=APPLICANT,
                                 applicant_id_number=ID_NUMBER, received_at=received)  # fmt: skip
        open_dossier(self.store, self.catalog, request)
        scanned_page(self.store, code, "A6", "TP1")
        finish_dossier(self.store, self.catalog, code, "jpeg",
                       override_reason="giấy tờ kiểm tra riêng", workers=1)  # fmt: skip
        if queued:
            enqueue_dossier(self.store, self.catalog, code)

    def hand_over_result(self, code: str) -> None:
        """At a desk that did not receive it: asked of the hub, as `sohoa results open` does."""
        self.sohoa("results", "open", code, "--json")
        scanned_page(self.store, code, "A6", "KQ1")
        receipt = finish_result(self.store, self.catalog, code, "jpeg", workers=1)
        enqueue_result(self.store, self.catalog, code, receipt.addendum_id)

    def send(self) -> None:
        """The sender: the queue, then a facts round (where it asks of results elsewhere)."""
        SyncWorker(self.home, options=FAST).run(until_idle=True, timeout=60)
        self.sync_round()
        assert {j.state for j in jobs_of(self.home)} == {JobState.DONE}

    def sync_round(self) -> None:
        SyncWorker(self.home, options=FAST).run(once=True)

    def sohoa(self, *args: str) -> dict[str, Any]:
        """The real `sohoa` command on this station's data directory, its JSON answer."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOHOA_HOME", str(self.home))
            status = main(list(args))
        assert status == 0, args
        return dict(json.loads(self.out.readouterr().out))

    def pending(self) -> list[str]:
        return [d["code"] for d in self.sohoa("results", "pending", "--json")["dossiers"]]

    def stats(self) -> dict[str, Any]:
        return self.sohoa("stats", "--since", "2026-11-01", "--until", "2026-11-30", "--json")

    def known_elsewhere(self) -> list[tuple[str, str]]:
        found = self.store.database.query(
            "SELECT dossier_code, component_code FROM result_elsewhere ORDER BY dossier_code"
        )
        return [(row[0], row[1]) for row in found]

    def ask(self, hub: HubHandle, **params: Any) -> requests.Response:
        token = fetch_token(hub, self.station_id, self.secret)
        return requests.get(f"{hub.url}/api/v1/results/elsewhere", params=params,
                            headers={"Authorization": f"Bearer {token}"}, timeout=10)  # fmt: skip


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
