"""The hub's lasting refusals are not retried for ever: a dossier code another station of the
unit already holds parks the job with the hub's reason."""

from __future__ import annotations

import os

from station.store import Store
from sync.jobs import JobKind, JobState
from sync.settings import save_settings
from tests.sync.client.conftest import Station
from tests.sync.client.support import jobs_of

UNIT = "000.00.14.H05"


def _join(station: Station, hub, client_id: str) -> None:
    secret = hub.add_station(client_id, unit_code=UNIT)
    fd = os.open(station.secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, secret.encode() + b"\n")
    os.close(fd)
    save_settings(station.store, url=hub.url, client_id=client_id,
                  secret_file=str(station.secret_file))  # fmt: skip


def test_a_code_another_station_of_the_unit_holds_is_parked(
    station: Station, hub, catalog, tmp_path
) -> None:
    with Store.open(tmp_path / "first-station") as store:
        first = Station(tmp_path / "first-station", store, catalog, tmp_path / "first-secret")
        _join(first, hub, "ST-FIRST")
        first.finish(components=("TP1",))
        first.worker().run(once=True)
        assert {j.state for j in jobs_of(first.home)} == {JobState.DONE}
    _join(station, hub, "ST-SECOND")
    station.finish(components=("TP1",))  # the same code, typed at another counter of the unit
    station.worker().run(once=True)
    manifest = next(j for j in jobs_of(station.home) if j.kind is JobKind.MANIFEST)
    assert manifest.state is JobState.FAILED  # parked for a person, not retried for ever
    assert manifest.error_code == "sync_manifest_rejected"
    assert manifest.error_params["detail"] == "dossier_code_taken"
