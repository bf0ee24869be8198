"""`sohoa sync …` through the real entry point; secrets never leak; keyring-less machines."""

from __future__ import annotations

import io
import json
import logging
import os
import stat

from sync.jobs import JobState
from tests.sync.client.conftest import CLIENT_ID
from tests.sync.client.support import jobs_of
from ui.cli.main import main


def _run(capsys, monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_login_run_and_status_never_show_the_secret(
    station, hub, capsys, monkeypatch, caplog, tmp_path
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = hub.add_station(CLIENT_ID)
    secret_file = tmp_path / "private" / "sync-secret"
    outputs = []
    code, out, err = _run(
        capsys, monkeypatch, "sync", "login", "--url", hub.url, "--client-id", CLIENT_ID,
        "--secret-file", str(secret_file), "--retention-days", "3", "--json", stdin=secret + "\n",
    )  # fmt: skip
    assert code == 0, err
    outputs += [out, err]
    answer = json.loads(out)
    assert (answer["secret_stored_in"], answer["warnings"][0]["code"]) == ("file", "secret_in_file")
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert "Warning" in err

    station.finish()
    code, out, err = _run(capsys, monkeypatch, "sync", "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["counts"] == {"queued": 3, "uploading": 0, "done": 0, "failed": 0}
    assert status["oldest_queued_age_seconds"] >= 0 and status["last_error"] is None
    outputs += [out, err]

    for args in (("sync", "run", "--once", "--json"), ("sync", "configure", "--json")):
        code, out, err = _run(capsys, monkeypatch, *args)
        assert code == 0, err
        outputs += [out, err]
    code, out, err = _run(capsys, monkeypatch, "sync", "status", "--json")
    assert json.loads(out)["counts"] == {"queued": 0, "uploading": 0, "done": 3, "failed": 0}
    outputs += [out, err]

    settings = station.store.settings("")
    assert settings["sync.url"] == hub.url and settings["sync.retention_days"] == "3"
    assert secret not in json.dumps(settings)
    assert secret.encode() not in (station.home / "station.db").read_bytes()
    assert not any(secret in text for text in outputs)
    assert secret not in caplog.text
    assert caplog.text  # the logs were captured, and there was something to look through


def test_without_a_keyring_login_asks_for_an_owner_only_file(
    station, hub, capsys, monkeypatch
) -> None:
    secret = hub.add_station(CLIENT_ID)
    code, out, err = _run(
        capsys, monkeypatch, "sync", "login", "--url", hub.url, "--client-id", CLIENT_ID,
        "--json", stdin=secret,
    )  # fmt: skip
    assert code == 3
    assert json.loads(out)["error"]["code"] == "sync_no_keyring"
    assert secret not in out + err


def test_a_secret_file_others_can_read_is_refused(
    station, hub, capsys, monkeypatch, tmp_path
) -> None:
    secret = hub.add_station(CLIENT_ID)
    shared = tmp_path / "shared-secret"
    shared.write_text(secret)
    os.chmod(shared, 0o644)
    code, out, err = _run(
        capsys, monkeypatch, "sync", "login", "--url", hub.url, "--client-id", CLIENT_ID,
        "--secret-file", str(shared), "--json", stdin=secret,
    )  # fmt: skip
    assert code == 3
    error = json.loads(out)["error"]
    assert (error["code"], error["params"]["mode"]) == ("sync_secret_file_insecure", "0o644")
    assert secret not in out + err

    # A worker on a machine where the file became world-readable sends nothing.
    station.connect(hub.url, secret)
    os.chmod(station.secret_file, 0o644)
    station.finish()
    station.worker().run(once=True)
    jobs = jobs_of(station.home)
    assert {j.state for j in jobs} == {JobState.QUEUED}
    assert jobs[0].error_code == "sync_secret_file_insecure"


def test_a_wrong_secret_is_refused_at_login(station, hub, capsys, monkeypatch, tmp_path) -> None:
    hub.add_station(CLIENT_ID)
    code, out, err = _run(
        capsys, monkeypatch, "sync", "login", "--url", hub.url, "--client-id", CLIENT_ID,
        "--secret-file", str(tmp_path / "s"), "--json", stdin="not-the-secret",
    )  # fmt: skip
    assert code == 3
    assert json.loads(out)["error"]["code"] == "sync_auth_rejected"
    assert not (tmp_path / "s").exists()
    assert station.store.settings("sync.") == {}


def test_retry_puts_a_parked_job_back_and_all_failed_does_them_all(
    connected, hub, capsys, monkeypatch
) -> None:
    jobs = connected.finish()
    for job in jobs[:2]:
        (connected.home / job.path).write_bytes(b"changed")
    connected.worker().run(until_idle=True, timeout=20)
    code, out, _ = _run(capsys, monkeypatch, "sync", "status", "--json")
    status = json.loads(out)
    assert status["counts"]["failed"] == 2
    assert status["last_error"]["code"] == "sync_local_file_changed"
    assert "message_vi" in status["failed"][0]["error"]
    code, out, err = _run(capsys, monkeypatch, "sync", "retry", str(jobs[0].id), "--json")
    assert (code, json.loads(out)["requeued"]) == (0, 1), err
    code, out, _ = _run(capsys, monkeypatch, "sync", "retry", "--all-failed", "--json")
    assert json.loads(out)["requeued"] == 1
    assert {j.state for j in jobs_of(connected.home)} == {JobState.QUEUED}


def test_finish_queues_the_dossier_for_upload(station, capsys, monkeypatch) -> None:
    from tests.station.workflow.support import CODE, PROCEDURE, scanned_page

    code, _, err = _run(capsys, monkeypatch, "dossier", "new", "--code", CODE, "--procedure",
                        PROCEDURE)  # fmt: skip
    assert code == 0, err
    for component in ("TP1", "KQ1"):
        scanned_page(station.store, CODE, "A6", component)
    code, out, err = _run(
        capsys, monkeypatch, "dossier", "finish", CODE, "--profile", "jpeg", "--workers", "1",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["sync_jobs"] == 3
    assert len(jobs_of(station.home)) == 3


def test_dossiers_finished_before_sync_can_be_queued(connected, capsys, monkeypatch) -> None:
    from tests.station.workflow.support import CODE

    connected.finish()
    code, out, err = _run(capsys, monkeypatch, "sync", "enqueue", "--all-finished", "--json")
    assert code == 0, err
    assert json.loads(out)["jobs"] == {CODE: 3}  # the same three jobs, none added
    assert len(jobs_of(connected.home)) == 3
