"""A result handed over at another desk of the unit (trả kết quả at a separate station), end to
end on a real hub on 127.0.0.1: station A receives and sends a birth registration; station B of
the same unit opens it by code with the real `sohoa` command, scans and finishes the result and
sends it; the hub keeps it with A's dossier and the unit's indicator 4.2 counts it. Station C of
another unit learns nothing of the dossier and cannot add to it."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import requests

from hub.db import open_database
from station.catalog import Catalog
from station.dossiers import DossierRequest, open_dossier
from station.model import DossierState
from station.stats import Period, report_from_json, zone
from station.stats.periods import zone_name
from station.stats.source import station_report
from station.store import Store
from station.workflow import finish_dossier
from sync.enqueue import enqueue_dossier, result_payload
from sync.jobs import JobKind, JobState
from sync.settings import save_settings
from sync.worker import SyncWorker
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import AccountClient, fetch_token, log_in
from tests.station.workflow.support import scanned_page
from tests.sync.client.conftest import FAST
from tests.sync.client.support import jobs_of
from ui.cli.main import main

BIRTH = "1.001193"  # đăng ký khai sinh: results KQ1 (the certificate) and KQ2 (a copy)
UNIT, OTHER_UNIT = "000.00.14.H05", "000.00.15.H05"
CODE = f"{UNIT}-261103-0001"
VIETNAM = zone()
RECEIVED = datetime(2026, 11, 3, 9, 0, tzinfo=VIETNAM)
APPLICANT, ID_NUMBER = "Nguyễn Thị Mai", "001190012345"
# What the result desk is told: nothing of the applicant, nothing of the files.
HANDOVER_FIELDS = {
    "dossier_code", "procedure_code", "catalog_version", "received_at", "finished_at",
    "finished", "station_id", "files_count", "result_components", "result_finished_at",
}  # fmt: skip


class Station:
    def __init__(self, station_id: str, clerk: str, home: Path, catalog: Catalog) -> None:
        self.station_id, self.clerk, self.home, self.catalog = station_id, clerk, home, catalog
        self.store = Store.open(home)
        self.secret = ""

    def connect(self, hub: HubHandle, unit: str) -> None:
        self.secret = hub.connect(self.store, self.station_id, unit, self.home.parent)

    def receive(self, code: str) -> None:
        request = DossierRequest(code, BIRTH, applicant_name=APPLICANT,
                                 applicant_id_number=ID_NUMBER, received_at=RECEIVED,
                                 clerk_id=self.clerk)  # fmt: skip
        open_dossier(self.store, self.catalog, request)
        scanned_page(self.store, code, "A6", "TP1")
        finish_dossier(self.store, self.catalog, code, "jpeg",
                       override_reason="giấy tờ kiểm tra riêng", workers=1)  # fmt: skip
        enqueue_dossier(self.store, self.catalog, code)

    def send(self) -> None:
        SyncWorker(self.home, options=FAST).run(until_idle=True, timeout=60)
        SyncWorker(self.home, options=FAST).run(once=True)  # the facts after the last upload
        assert {j.state for j in jobs_of(self.home)} == {JobState.DONE}

    def token(self, hub: HubHandle) -> dict[str, str]:
        return {"Authorization": f"Bearer {fetch_token(hub, self.station_id, self.secret)}"}

    def sohoa(self, monkeypatch: pytest.MonkeyPatch, capsys: Any, *args: str) -> tuple[int, str]:
        """The real `sohoa` command on this station's data directory; (exit code, output)."""
        monkeypatch.setenv("SOHOA_HOME", str(self.home))
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out + err


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as handle:
        yield handle


@pytest.fixture
def desks(hub: HubHandle, tmp_path: Path, catalog: Catalog) -> Iterator[dict[str, Station]]:
    """A (reception) and B (result desk) of one unit, C of another unit."""
    found = {
        "A": Station("ST-XA-A", "lan", tmp_path / "a", catalog),
        "B": Station("ST-XA-B", "hoa", tmp_path / "b", catalog),
        "C": Station("ST-HUYEN-C", "minh", tmp_path / "c", catalog),
    }
    for name, station in found.items():
        station.connect(hub, OTHER_UNIT if name == "C" else UNIT)
    yield found
    for station in found.values():
        station.store.close()


def lookup(hub: HubHandle, station: Station, code: str = CODE) -> requests.Response:
    return requests.get(f"{hub.url}/api/v1/handover/{code}", headers=station.token(hub),
                        timeout=10)  # fmt: skip


def unit_rates(supervisor: AccountClient, by: str) -> dict[str, dict[str, Any]]:
    period = Period.month(2026, 11, VIETNAM)
    response = supervisor.get(
        "/api/v1/stats",
        params={"since": period.first_day.isoformat(), "until": period.last_day.isoformat(),
                "tz": zone_name(period.tz), "by": by},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    groups = report_from_json(response.json()).groups
    awaiting = {g["key"]: g["results_awaiting"] for g in response.json()["groups"]}
    return {key: {"received": f.digitization.received, "digitized": f.digitization.digitized,
                  "with_result": f.electronic_results.with_result, "awaiting": awaiting[key]}
            for key, f in groups.items()}  # fmt: skip


def access_log(hub: HubHandle) -> list[tuple[str, str, str, str]]:
    database = open_database(hub.config.dsn, hub.config.sqlite_path)
    with database.transaction() as session:
        rows = session.query("SELECT actor, action, station_id, target FROM access_log ORDER BY at")
    return [(r["actor"], r["action"], r["station_id"], r["target"]) for r in rows]


def test_a_result_handed_over_at_another_desk_of_the_unit_counts_for_the_dossier(
    hub: HubHandle, desks: dict[str, Station], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    a, b, c = desks["A"], desks["B"], desks["C"]
    supervisor = log_in(hub, "tinh", "province_supervisor")
    a.receive(CODE)
    a.send()
    assert unit_rates(supervisor, "unit") == {UNIT: {"received": 1, "digitized": 0,
                                                     "with_result": 0, "awaiting": 1}}  # fmt: skip

    # B's desk asks the hub: only what it needs, and the hub notes who asked.
    answer = lookup(hub, b)
    assert answer.status_code == 200, answer.text
    told = answer.json()
    assert set(told) == HANDOVER_FIELDS
    assert APPLICANT not in answer.text and ID_NUMBER not in answer.text
    assert told["station_id"] == a.station_id and told["files_count"] == 1
    assert told["result_components"] == [] and told["finished"] is True

    # C, of another unit, is told what an unknown code gets, and may not add a result.
    unknown = lookup(hub, c, f"{UNIT}-261103-9999")
    stranger = lookup(hub, c)
    assert (stranger.status_code, stranger.json()) == (unknown.status_code, unknown.json())
    assert stranger.status_code == 404
    assert [e for e in access_log(hub) if e[1] == "read_handover"] == [
        (b.station_id, "read_handover", a.station_id, CODE),
        (c.station_id, "read_handover", "", f"{UNIT}-261103-9999"),
        (c.station_id, "read_handover", "", CODE),
    ]

    # B opens it by code, scans the certificate, finishes the result and sends it.
    status, out = b.sohoa(monkeypatch, capsys, "results", "open", CODE, "--json")
    assert status == 0, out
    opened = json.loads(out)
    assert opened["received_by"] == a.station_id and opened["result_components"] == ["KQ1", "KQ2"]
    taken = b.store.dossier(CODE)
    assert (taken.applicant_name, taken.applicant_id_number) == ("", "")
    assert taken.state is DossierState.SYNCED and taken.received_at == RECEIVED
    status, out = b.sohoa(
        monkeypatch, capsys, "scan", "--device", "virtual", "--in-process", "--paper", "A6",
        "--dpi", "75", "--mode", "gray", "--source", "adf", "--count", "2",
        "--option", "sheets=2", "--dossier", CODE, "--component", "KQ1", "--json",
    )  # fmt: skip
    assert status == 0, out
    status, out = b.sohoa(monkeypatch, capsys, "dossier", "finish-result", CODE,
                          "--profile", "jpeg", "--workers", "1", "--json")  # fmt: skip
    assert status == 0, out
    finished = json.loads(out)
    assert [f["file_name"] for f in finished["files"]] == [f"{CODE}.2.pdf"]  # after A's one
    b.send()
    assert {j.kind for j in jobs_of(b.home)} == {JobKind.FILE, JobKind.RESULT}  # not A's dossier

    # The hub keeps it with A's dossier, says which station sent it, and counts it for A.
    folder = next(p.parent for p in hub.data_dir.rglob("manifest.json"))
    assert folder.parent.name == a.station_id
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{CODE}.1.pdf", f"{CODE}.2.pdf", "manifest.json",
                            f"result-{finished['addendum_id'][:16]}.json"])  # fmt: skip
    kept = json.loads(next(folder.glob("result-*.json")).read_text("utf-8"))
    assert kept["station_id"] == b.station_id and kept["components"] == ["KQ1"]
    assert unit_rates(supervisor, "unit") == {UNIT: {"received": 1, "digitized": 1,
                                                     "with_result": 1, "awaiting": 0}}  # fmt: skip
    assert unit_rates(supervisor, "station")[a.station_id] == {
        "received": 1, "digitized": 1, "with_result": 1, "awaiting": 0,
    }  # fmt: skip
    assert unit_rates(supervisor, "station").get(b.station_id, {}).get("received", 0) == 0
    again = lookup(hub, b).json()
    assert (again["files_count"], again["result_components"]) == (2, ["KQ1"])

    # A's own store never heard of it; when A sends that month again, the hub still counts it.
    period = Period.month(2026, 11, VIETNAM)
    assert station_report(a.store, a.catalog, period).total.digitization.digitized == 0
    a.receive(f"{UNIT}-261103-0002")
    a.send()
    assert unit_rates(supervisor, "unit") == {UNIT: {"received": 2, "digitized": 1,
                                                     "with_result": 1, "awaiting": 1}}  # fmt: skip
    # B's own figures: the pages its clerk scanned, no dossier received.
    assert station_report(b.store, b.catalog, period).total.digitization.received == 0

    # C cannot add a result to A's dossier, even with the same files uploaded.
    files = [f for f in b.store.dossier_files(CODE) if f.addendum_id]
    body = {**result_payload(b.store, files, finished["addendum_id"]), "station_id": c.station_id}
    refused = requests.post(f"{hub.url}/api/v1/results", json=body, headers=c.token(hub),
                            timeout=10)  # fmt: skip
    assert refused.status_code in (403, 404), refused.text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_code_the_hub_cannot_answer_for_gets_a_clear_message_and_changes_nothing(
    hub: HubHandle, desks: dict[str, Station], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    a, b, c = desks["A"], desks["B"], desks["C"]
    a.receive(CODE)
    a.send()

    status, out = c.sohoa(monkeypatch, capsys, "results", "open", CODE)  # another unit's
    assert status == 3
    assert "máy chủ tỉnh không có hồ sơ này của đơn vị" in out
    assert "the hub holds no such dossier of this unit" in out
    status, out = b.sohoa(monkeypatch, capsys, "results", "open", f"{UNIT}-261103-4242")
    assert status == 3 and "the hub holds no such dossier of this unit" in out

    save_settings(b.store, url=f"http://127.0.0.1:{_free_port()}")  # nothing listens there
    status, out = b.sohoa(monkeypatch, capsys, "results", "open", CODE)
    assert status == 3
    assert "không hỏi được máy chủ tỉnh" in out and "cannot ask the hub" in out
    assert "Nothing has changed" in out

    save_settings(b.store, url="", client_id="")  # no hub at all: as before
    status, out = b.sohoa(monkeypatch, capsys, "results", "open", CODE)
    assert status == 3 and f'Dossier "{CODE}" was not found.' in out
    for station in (b, c):
        assert station.store.dossiers() == [] and jobs_of(station.home) == []


def test_an_electronic_result_imported_at_another_desk_is_numbered_after_the_hubs_files(
    hub: HubHandle,
    desks: dict[str, Station],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    tmp_path: Path,
) -> None:
    a, b = desks["A"], desks["B"]
    a.receive(CODE)
    a.send()
    issued = tmp_path / "ban-sao.pdf"  # the agency's copy, as it issued it
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(issued)

    status, out = b.sohoa(monkeypatch, capsys, "results", "import", CODE, str(issued),
                          "--component", "KQ2", "--json")  # fmt: skip
    assert status == 0, out
    receipt = json.loads(out)
    assert [f["file_name"] for f in receipt["files"]] == [f"{CODE}.2.pdf"]
    assert receipt["origin"] == "electronic"
    b.send()
    told = lookup(hub, b).json()
    assert (told["files_count"], told["result_components"]) == (2, ["KQ2"])
    kept = next(
        p for p in hub.data_dir.rglob(f"{CODE}.2.pdf") if p.parent.parent.name == a.station_id
    )
    assert kept.read_bytes() == issued.read_bytes()
