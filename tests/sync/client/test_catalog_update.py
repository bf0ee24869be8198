"""The province's catalog end to end: an administrator publishes versions on a real hub, the
station fetches them with its sync credentials, each dossier follows the version it was opened
under (checks and manifest), and a tampered or foreign-signed version is refused."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

import sync.catalog_fetch as catalog_fetch
from app.context import AppContext, province_catalog_dir
from hub.catalog_key import key_path
from hub.cli import hub_group
from station.catalog import bundled_catalog_dir
from station.stats import report_from_json
from station.stats.source import station_report
from sync.catalog_fetch import catalog_directory
from sync.jobs import JobKind
from sync.outbox import Outbox
from sync.settings import DatabaseSettings, load_settings, save_settings
from sync.worker import SyncWorker
from sync.worker_events import WorkerEventKind
from tests.station.workflow.support import PROCEDURE, scanned_page
from tests.sync.client.conftest import FAST
from tests.sync.client.support import Recorder, jobs_of
from tests.sync.client.test_metrics import _hub_stats, _today
from ui.cli.main import main

NEW_PAPER = {"code": "TP9", "name": "Giấy tờ mới của tỉnh", "kind": "submitted", "required": True}


def _province_files(folder: Path, extra_paper: bool) -> Path:
    """The bundled procedures; with `extra_paper`, procedure PROCEDURE requires one more."""
    shutil.copytree(bundled_catalog_dir(), folder)
    if extra_paper:
        path = folder / f"{PROCEDURE}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["components"].insert(1, NEW_PAPER)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def _publish(hub, folder: Path, version: str) -> None:
    args = ["catalog", "import", "--data", str(hub.data_dir), "--version", version, str(folder)]
    result = CliRunner().invoke(hub_group, args)
    assert result.exit_code == 0, result.output


def _sohoa(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _update(capsys, monkeypatch) -> tuple[int, str, str]:
    return _sohoa(capsys, monkeypatch, "catalog", "update", "--json")


def _version(capsys, monkeypatch) -> str:
    code, out, err = _sohoa(capsys, monkeypatch, "catalog", "version", "--json")
    assert code == 0, err
    return json.loads(out)["version"]


def _open(capsys, monkeypatch, code: str) -> dict:
    status, out, err = _sohoa(
        capsys, monkeypatch, "dossier", "new", "--code", code, "--procedure", PROCEDURE, "--json"
    )
    assert status == 0, err
    return json.loads(out)["dossier"]


def _finish(capsys, monkeypatch, code: str) -> tuple[int, str]:
    status, _, err = _sohoa(capsys, monkeypatch, "dossier", "finish", code, "--profile", "jpeg")
    return status, err


def _manifest(home: Path, code: str) -> dict:
    job = next(j for j in jobs_of(home) if j.kind is JobKind.MANIFEST and j.dossier_code == code)
    return json.loads(job.payload or "{}")


def test_each_dossier_follows_the_catalog_version_it_was_opened_under(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    code, out, err = _update(capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["version"] == "2026.11.1" and json.loads(out)["pinned_key"]
    before = _open(capsys, monkeypatch, "HS-TRUOC-0001")

    _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
    code, out, err = _update(capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out) | {"pinned_key": ""} == {
        "ok": True, "version": "2026.12.1", "previous": "2026.11.1", "published": True,
        "pinned_key": "", "local": [], "ignored": [],
    }  # fmt: skip
    after = _open(capsys, monkeypatch, "HS-SAU-0001")
    assert (before["catalog_version"], after["catalog_version"]) == ("2026.11.1", "2026.12.1")

    for dossier in ("HS-TRUOC-0001", "HS-SAU-0001"):
        for component in ("TP1", "KQ1"):
            scanned_page(connected.store, dossier, "A5", component)
    # The old dossier is checked against the old version: TP9 did not exist then.
    assert _finish(capsys, monkeypatch, "HS-TRUOC-0001")[0] == 0
    status, err = _finish(capsys, monkeypatch, "HS-SAU-0001")
    assert status != 0 and "TP9" in err

    code, _, err = _sohoa(
        capsys, monkeypatch, "dossier", "finish", "HS-SAU-0001", "--profile", "jpeg",
        "--override-reason", "Công dân bổ sung sau",
    )  # fmt: skip
    assert code == 0, err
    assert _manifest(connected.home, "HS-TRUOC-0001")["catalog_version"] == "2026.11.1"
    assert _manifest(connected.home, "HS-SAU-0001")["catalog_version"] == "2026.12.1"
    code, _, err = _sohoa(capsys, monkeypatch, "sync", "run", "--once")
    assert code == 0, err
    assert {j.state.value for j in jobs_of(connected.home)} == {"done"}
    on_hub = [json.loads(p.read_text("utf-8")) for p in hub.data_dir.rglob("manifest.json")]
    kept = {m["dossier_code"]: m["catalog_version"] for m in on_hub}
    assert kept == {"HS-TRUOC-0001": "2026.11.1", "HS-SAU-0001": "2026.12.1"}


def test_a_procedure_a_local_file_added_follows_the_province_once_its_list_holds_it(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    local_code = f"{PROCEDURE}.H05"
    own = json.loads((bundled_catalog_dir() / f"{PROCEDURE}.json").read_text(encoding="utf-8"))
    own["code"] = local_code
    (connected.home / "catalog").mkdir()
    own_file = connected.home / "catalog" / f"{local_code}.json"
    own_file.write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    status, out, err = _sohoa(
        capsys, monkeypatch, "dossier", "new", "--code", "HS-RIENG-0001", "--procedure",
        local_code, "--json",
    )  # fmt: skip
    assert status == 0, err
    recorded = json.loads(out)["dossier"]["catalog_version"]
    built_in, _, sha8 = recorded.partition("+local:")
    assert built_in.startswith("builtin-") and len(sha8) == 8

    folder = _province_files(tmp_path / "v2", extra_paper=False)
    province = {**own, "components": [own["components"][0], NEW_PAPER, *own["components"][1:]]}
    (folder / f"{local_code}.json").write_text(json.dumps(province, ensure_ascii=False), "utf-8")
    _publish(hub, folder, "2026.12.1")
    code, out, err = _sohoa(capsys, monkeypatch, "catalog", "update")
    assert code == 0, err
    assert f"Ignored the station's own catalog file {own_file}" in err
    assert f"procedure {local_code} is in the province's 2026.12.1 catalog" in err
    status, out, err = _sohoa(
        capsys, monkeypatch, "dossier", "new", "--code", "HS-TINH-0001", "--procedure",
        local_code, "--json",
    )  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["dossier"]["catalog_version"] == "2026.12.1"

    for dossier in ("HS-RIENG-0001", "HS-TINH-0001"):
        for component in ("TP1", "KQ1"):
            scanned_page(connected.store, dossier, "A5", component)
    assert _finish(capsys, monkeypatch, "HS-RIENG-0001")[0] == 0  # its own rules: no TP9
    status, err = _finish(capsys, monkeypatch, "HS-TINH-0001")
    assert status != 0 and "TP9" in err
    assert _manifest(connected.home, "HS-RIENG-0001")["catalog_version"] == recorded
    code, _, err = _sohoa(capsys, monkeypatch, "sync", "run", "--once")
    assert code == 0, err
    on_hub = [json.loads(p.read_text("utf-8")) for p in hub.data_dir.rglob("manifest.json")]
    assert [(m["dossier_code"], m["catalog_version"]) for m in on_hub] == [
        ("HS-RIENG-0001", recorded)
    ]


def test_a_version_changed_on_the_hubs_disk_is_refused_and_the_station_keeps_its_own(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    assert _update(capsys, monkeypatch)[0] == 0
    _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
    with sqlite3.connect(hub.config.sqlite_path) as db:
        db.execute(
            "UPDATE catalog_versions SET document_json = replace(document_json, ?, ?)"
            " WHERE version = '2026.12.1'",
            (NEW_PAPER["name"], "Giấy tờ do người khác sửa"),
        )
    code, _, err = _update(capsys, monkeypatch)
    assert code == 3
    assert "chữ ký không hợp lệ" in err and "invalid signature" in err and "2026.12.1" in err
    assert _version(capsys, monkeypatch) == "2026.11.1"
    assert _open(capsys, monkeypatch, "HS-0001")["catalog_version"] == "2026.11.1"


def test_a_hub_restored_to_an_older_version_cannot_take_the_station_back(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
    assert _update(capsys, monkeypatch)[0] == 0
    assert _version(capsys, monkeypatch) == "2026.12.1"
    with sqlite3.connect(hub.config.sqlite_path) as db:  # the hub's database from a backup
        db.execute("DELETE FROM catalog_versions WHERE version = '2026.12.1'")
    code, _, err = _update(capsys, monkeypatch)
    assert code == 3
    assert "cũ hơn phiên bản trạm đang dùng" in err and "older than the version" in err
    assert "2026.11.1" in err and "2026.12.1" in err
    assert _version(capsys, monkeypatch) == "2026.12.1"
    assert _open(capsys, monkeypatch, "HS-0001")["catalog_version"] == "2026.12.1"


def test_a_version_signed_by_another_key_is_refused(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    assert _update(capsys, monkeypatch)[0] == 0
    key_path(hub.data_dir).unlink()  # the next import makes a new key the station never saw
    _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
    code, _, err = _update(capsys, monkeypatch)
    assert code == 3 and "invalid signature" in err
    assert _version(capsys, monkeypatch) == "2026.11.1"


def test_a_hub_without_a_catalog_leaves_the_built_in_one(connected, capsys, monkeypatch) -> None:
    code, out, err = _update(capsys, monkeypatch)
    assert code == 0, err
    built_in = json.loads(out)["version"]
    assert built_in.startswith("builtin-") and json.loads(out) == {
        "ok": True, "version": built_in, "previous": "", "published": False, "pinned_key": "",
        "local": [], "ignored": [],
    }  # fmt: skip
    assert _open(capsys, monkeypatch, "HS-0001")["catalog_version"] == built_in


def test_login_pins_the_hubs_catalog_key(station, hub, capsys, monkeypatch, tmp_path) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    secret = hub.add_station("ST-LOGIN")
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    code = main(
        ["sync", "login", "--url", hub.url, "--client-id", "ST-LOGIN",
         "--secret-file", str(tmp_path / "secret"), "--json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    fingerprint = CliRunner().invoke(hub_group, ["catalog", "key", "--data", str(hub.data_dir)])
    assert json.loads(out)["catalog_key"] == fingerprint.output.strip()
    code, out, err = _update(capsys, monkeypatch)
    assert code == 0 and json.loads(out)["pinned_key"] == "", err


def _sender(station, **options) -> SyncWorker:
    return SyncWorker(station.home, options=replace(FAST, **options))


def _run_until(worker: SyncWorker, condition, seconds: float = 30.0) -> None:
    worker.start()
    try:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()


def test_the_sender_fetches_the_catalog_when_it_starts_and_the_next_start_uses_it(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    recorder = Recorder()
    worker = _sender(connected)
    worker.subscribe(recorder)
    worker.run(once=True)
    updated = recorder.of(WorkerEventKind.CATALOG_UPDATED)
    assert [e.version for e in updated] == ["2026.11.1"]
    assert _version(capsys, monkeypatch) == "2026.11.1"
    next_start = AppContext(home=connected.home)
    try:
        assert next_start.catalog.version == "2026.11.1"
    finally:
        next_start.close()
    assert _open(capsys, monkeypatch, "HS-0001")["catalog_version"] == "2026.11.1"
    worker.run(once=True)  # a new start fetches again: the same version is no news
    assert len(recorder.of(WorkerEventKind.CATALOG_UPDATED)) == 1


def test_the_running_sender_fetches_a_new_version_at_its_interval(connected, hub, tmp_path) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    recorder = Recorder()
    worker = _sender(connected, catalog_seconds=0.5)
    worker.subscribe(recorder)

    def versions() -> list[str]:
        return [e.version for e in recorder.of(WorkerEventKind.CATALOG_UPDATED)]

    published = []

    def second_published() -> bool:
        if versions() == ["2026.11.1"] and not published:
            published.append(1)
            _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
        return len(versions()) == 2

    _run_until(worker, second_published)
    assert versions() == ["2026.11.1", "2026.12.1"]
    with Outbox.open(connected.home) as outbox:
        assert load_settings(DatabaseSettings(outbox.database)).catalog_key  # pinned at start


def test_a_refused_catalog_keeps_the_version_is_said_once_and_tried_again_later(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    _sender(connected).run(once=True)  # pins the hub's key, applies 2026.11.1
    first_key = key_path(hub.data_dir).read_bytes()
    key_path(hub.data_dir).unlink()  # the next import makes a key the station never saw
    _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
    fetches: list[float] = []
    real_fetch = catalog_fetch.fetch_catalog

    def counted_fetch(http):
        fetches.append(time.monotonic())
        return real_fetch(http)

    monkeypatch.setattr(catalog_fetch, "fetch_catalog", counted_fetch)
    recorder = Recorder()
    worker = _sender(connected, catalog_seconds=3600, catalog_retry_seconds=0.2)
    worker.subscribe(recorder)
    _run_until(worker, lambda: len(fetches) >= 4)
    assert len(fetches) == 4  # 0.2 s, 0.4 s, 0.8 s apart: not every poll (0.05 s)
    assert fetches[3] - fetches[2] >= 0.7
    refused = [e for e in recorder.of(WorkerEventKind.PROBLEM)
               if e.error_code == "catalog_signature_invalid"]  # fmt: skip
    assert len(refused) == 1 and refused[0].error_params["version"] == "2026.12.1"
    assert not recorder.of(WorkerEventKind.CATALOG_UPDATED)
    assert _version(capsys, monkeypatch) == "2026.11.1"

    # The hub's administrator puts the right key back and publishes again: the next try
    # takes it.
    key_path(hub.data_dir).write_bytes(first_key)
    _publish(hub, _province_files(tmp_path / "v3", extra_paper=True), "2026.12.2")
    _run_until(worker, lambda: recorder.of(WorkerEventKind.CATALOG_UPDATED))
    assert [e.version for e in recorder.of(WorkerEventKind.CATALOG_UPDATED)] == ["2026.12.2"]
    assert _version(capsys, monkeypatch) == "2026.12.2"


def test_the_sender_never_fetches_the_catalog_when_told_not_to(
    connected, hub, tmp_path, monkeypatch
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    save_settings(connected.store, catalog_hours=0)
    fetched: list[object] = []
    monkeypatch.setattr(catalog_fetch, "fetch_catalog", fetched.append)
    _sender(connected).run(once=True)
    assert fetched == [] and not (connected.home / "catalogs" / "current").exists()


def test_the_sender_and_the_app_keep_the_catalogs_in_the_same_folder(tmp_path) -> None:
    assert catalog_directory(tmp_path) == province_catalog_dir(tmp_path)


def test_the_hub_counts_a_procedure_of_the_province_version_as_the_station_does(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    """`sohoa sync run` judges the facts it sends against the catalog the app uses: a procedure
    only the province's version holds returns a paper result, so a dossier without its result
    file is received, not digitized yet, and one of the paper-result dossiers."""
    province_only = f"{PROCEDURE}.TINH"
    folder = _province_files(tmp_path / "v1", extra_paper=False)
    procedure = json.loads((folder / f"{PROCEDURE}.json").read_text(encoding="utf-8"))
    procedure["code"] = province_only
    (folder / f"{province_only}.json").write_text(json.dumps(procedure), encoding="utf-8")
    _publish(hub, folder, "2026.11.1")
    assert _update(capsys, monkeypatch)[0] == 0
    status, _, err = _sohoa(
        capsys, monkeypatch, "dossier", "new", "--code", "HS-TINH-0001", "--procedure",
        province_only,
    )  # fmt: skip
    assert status == 0, err
    scanned_page(connected.store, "HS-TINH-0001", "A5", "TP1")
    status, _, err = _sohoa(
        capsys, monkeypatch, "dossier", "finish", "HS-TINH-0001", "--profile", "jpeg",
        "--override-reason", "Kết quả trả sau",
    )  # fmt: skip
    assert status == 0, err
    status, _, err = _sohoa(capsys, monkeypatch, "sync", "run", "--once")
    assert status == 0, err

    app = AppContext(home=connected.home)
    try:
        assert app.catalog.get(province_only).result_on_paper
        mine = station_report(app.store, app.catalog, _today()).total
    finally:
        app.close()
    assert (mine.digitization.received, mine.digitization.digitized) == (1, 0)
    assert (mine.electronic_results.paper_result, mine.electronic_results.with_result) == (1, 0)
    on_hub = report_from_json(_hub_stats(hub)).total
    assert (on_hub.digitization, on_hub.electronic_results) == (
        mine.digitization, mine.electronic_results
    )  # fmt: skip
