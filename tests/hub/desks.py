"""Desks of one unit on a real hub: a station that receives birth registrations and sends them,
and a result desk that opens one by code with the real `sohoa` command and hands over its
result. Shared by the hub's, the sender's and the window's tests of results handed over
elsewhere."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from station.catalog import Catalog
from station.dossiers import DossierRequest, open_dossier
from station.stats import Period, zone
from station.store import Store
from station.workflow import finish_dossier
from station.workflow.results import finish_result
from sync.enqueue import enqueue_dossier, enqueue_result
from sync.jobs import JobState
from sync.worker import SyncWorker
from tests.helpers.hub import HubHandle
from tests.hub.conftest import fetch_token
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
