"""A result handed over after the sender purged the reception's files (retention 7 days by
default; a land-use certificate comes back weeks later): it is scanned, finished, queued and
sent as an addendum all the same, and a second result after the first one's files went too."""

from __future__ import annotations

import json

from app.finishing import finish
from app.result_sending import SendState, dossier_sending
from station.dossiers import DossierRequest, open_dossier
from station.workflow.results import open_for_result
from sync.jobs import JobKind, JobState
from sync.settings import save_settings
from tests.helpers.hub import HubHandle
from tests.station.workflow.support import CODE, scanned_page
from tests.sync.client.conftest import Station
from tests.sync.client.support import jobs_of
from ui.cli.main import main


def _hub_results(hub: HubHandle) -> dict[str, dict]:
    kept = (json.loads(p.read_text("utf-8")) for p in hub.data_dir.rglob("result-*.json"))
    return {k["addendum_id"]: k for k in kept}


def _received(station: Station) -> None:
    """A birth registration (1.001193) finished and queued: its results are KQ1 and KQ2."""
    open_dossier(station.store, station.catalog, DossierRequest(CODE, "1.001193", clerk_id="lan"))
    for component in ("TP1", "TP2", "TP6"):
        scanned_page(station.store, CODE, "A5", component)
    finish(station.store, station.catalog, CODE, profile="jpeg", workers=1)


def _finish_result_by_cli(station: Station, component: str, capsys, monkeypatch) -> dict:
    open_for_result(station.store, station.catalog, CODE)
    scanned_page(station.store, CODE, "A5", component)
    monkeypatch.setenv("SOHOA_HOME", str(station.home))
    assert main(["dossier", "finish-result", CODE, "--workers", "1", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _sent_and_purged(station: Station) -> list[str]:
    """The worker sends what is queued and, with no retention, removes the confirmed copies."""
    station.worker().run(until_idle=True, timeout=20)
    station.worker().run(once=True)  # housekeeping on an idle start: the purge
    jobs = jobs_of(station.home)
    assert {j.state for j in jobs} == {JobState.DONE}
    files = [j for j in jobs if j.kind is JobKind.FILE]
    assert all(j.purged_at is not None for j in files)
    assert not any((station.home / j.path).exists() for j in files)
    return [j.file_name for j in files]


def test_a_result_after_the_reception_files_were_purged_is_sent_as_an_addendum(
    connected: Station, hub, capsys, monkeypatch
) -> None:
    save_settings(connected.store, retention_days=0)
    _received(connected)
    assert _sent_and_purged(connected) == [f"{CODE}.{n}.pdf" for n in (1, 2, 3)]

    first = _finish_result_by_cli(connected, "KQ1", capsys, monkeypatch)
    # Numbered on after the reception's files, though they are no longer on disk.
    assert [f["file_name"] for f in first["files"]] == [f"{CODE}.4.pdf"]
    assert _sent_and_purged(connected)[-1] == f"{CODE}.4.pdf"
    kept = _hub_results(hub)
    assert list(kept) == [first["addendum_id"]]
    assert [f["file_name"] for f in kept[first["addendum_id"]]["files"]] == [f"{CODE}.4.pdf"]

    # The copies, a second result, after the first result's file went as well.
    second = _finish_result_by_cli(connected, "KQ2", capsys, monkeypatch)
    assert [f["file_name"] for f in second["files"]] == [f"{CODE}.5.pdf"]
    _sent_and_purged(connected)
    assert set(_hub_results(hub)) == {first["addendum_id"], second["addendum_id"]}

    # Queueing the whole dossier again (as `sync enqueue` after a failure) reads no purged
    # file and adds nothing.
    before = len(jobs_of(connected.home))
    assert main(["sync", "enqueue", CODE, "--json"]) == 0
    capsys.readouterr()
    assert len(jobs_of(connected.home)) == before
    folder = next(hub.data_dir.rglob("manifest.json")).parent
    reception = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert [c["component_code"] for c in reception["components"]] == ["TP1", "TP2", "TP6"]
    # The result screen's account: all three sent, though no file of them is left here.
    sending = dossier_sending(connected.store, CODE)
    assert [(p.components, p.state) for p in sending] == [
        (("TP1", "TP2", "TP6"), SendState.SENT),
        (("KQ1",), SendState.SENT),
        (("KQ2",), SendState.SENT),
    ]
