"""The window's sender judges the facts it sends the hub against the window's catalog (the
province's version included), so the hub counts a dossier as the station does."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from hub.db import open_database
from hub.stats import StatsQuery, hub_report
from station.dossiers import DossierRequest, open_dossier
from station.stats import Period, report_from_json, zone
from station.stats.source import station_report
from station.workflow import finish_dossier
from sync.enqueue import enqueue_dossier
from sync.settings import save_settings
from tests.helpers.hub import running_hub
from tests.station.workflow.support import PROCEDURE, scanned_page
from tests.ui.gui.conftest import window_services

PROVINCE_ONLY = f"{PROCEDURE}.TINH"  # returns a paper result, as 1.010041 does
CODE = "HS-TINH-0001"


def test_the_windows_sender_counts_a_procedure_only_the_province_version_holds(
    store, catalog, tmp_path, qapp
) -> None:
    procedure = dataclasses.replace(catalog.get(PROCEDURE), code=PROVINCE_ONLY)
    province = dataclasses.replace(
        catalog, procedures={**catalog.procedures, PROVINCE_ONLY: procedure}, version="2026.11.1"
    )
    today = Period.today(zone()).first_day
    period = Period.between(today - timedelta(days=1), today + timedelta(days=1), zone())
    with running_hub(tmp_path / "hub") as hub, window_services(store, province, tmp_path) as built:
        secret = tmp_path / "secret"
        secret.write_text(hub.add_station("ST-GUI-01") + "\n")
        secret.chmod(0o600)
        save_settings(store, url=hub.url, client_id="ST-GUI-01", secret_file=str(secret))
        open_dossier(store, province, DossierRequest(CODE, PROVINCE_ONLY, clerk_id="lan"))
        for component in ("TP1", "KQ1"):
            scanned_page(store, CODE, "A5", component)
        finish_dossier(store, province, CODE, profile="jpeg", workers=1)
        enqueue_dossier(store, province, CODE)
        built.sync.run(once=True)  # the uploads, then the station's facts
        on_hub = report_from_json(
            hub_report(open_database(None, hub.config.sqlite_path), StatsQuery(period), 300)
        ).total
    mine = station_report(store, province, period).total
    assert (mine.electronic_results.paper_result, mine.electronic_results.with_result) == (1, 1)
    assert (on_hub.digitization, on_hub.electronic_results) == (
        mine.digitization, mine.electronic_results
    )  # fmt: skip
