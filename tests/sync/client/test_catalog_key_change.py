"""A hub whose catalog key changed (rebuilt, key file lost): after the clerk logs in again the
station takes the new versions and keeps checking the old dossiers against the versions they
were opened under, each verified with the key it was accepted under."""

from __future__ import annotations

import io
import json
import os

from hub.catalog_key import key_path
from tests.station.workflow.support import scanned_page
from tests.sync.client.conftest import CLIENT_ID
from tests.sync.client.test_catalog_update import (
    _finish,
    _open,
    _province_files,
    _publish,
    _sohoa,
    _update,
    _version,
)
from ui.cli.main import main


def _login_again(connected, hub, capsys, monkeypatch) -> dict:
    secret = connected.secret_file.read_text().strip()
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    code = main(
        ["sync", "login", "--url", hub.url, "--client-id", CLIENT_ID,
         "--secret-file", str(connected.secret_file), "--json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_logging_in_to_a_hub_with_a_new_key_keeps_the_old_versions_readable(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    assert _update(capsys, monkeypatch)[0] == 0
    old = _open(capsys, monkeypatch, "HS-TRUOC-0001")
    assert old["catalog_version"] == "2026.11.1"

    key_path(hub.data_dir).unlink()  # the hub is rebuilt: the next import makes a new key
    _publish(hub, _province_files(tmp_path / "v2", extra_paper=True), "2026.12.1")
    first_key = json.loads(_sohoa(capsys, monkeypatch, "catalog", "version", "--json")[1])
    assert _login_again(connected, hub, capsys, monkeypatch)["catalog_key"] != first_key["key_id"]
    assert _version(capsys, monkeypatch) == "2026.11.1"  # still readable under the new pin

    code, out, err = _update(capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["version"] == "2026.12.1" and "unreadable" not in json.loads(out)
    for component in ("TP1", "KQ1"):
        scanned_page(connected.store, "HS-TRUOC-0001", "A5", component)
    assert _finish(capsys, monkeypatch, "HS-TRUOC-0001") == (0, "")  # no TP9 in 2026.11.1
    keyring = connected.home / "catalogs" / "keys"
    assert os.stat(keyring).st_mode & 0o077 == 0
    assert set(json.loads(keyring.read_text())["accepted"]) == {"2026.11.1", "2026.12.1"}


def test_an_update_goes_on_from_the_built_in_catalog_when_the_current_version_is_unreadable(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    assert _update(capsys, monkeypatch)[0] == 0
    (connected.home / "catalogs" / "2026.11.1.json").write_text("{}", encoding="utf-8")
    code, _, err = _sohoa(capsys, monkeypatch, "catalog", "version")
    assert code != 0  # what the station cannot read it does not use

    code, _, err = _sohoa(capsys, monkeypatch, "catalog", "update")
    assert code == 0, err
    assert "Không đọc được danh mục tỉnh 2026.11.1" in err
    assert "Could not read the province catalog 2026.11.1" in err
    assert "New dossiers now follow the province's 2026.11.1 catalog" in err
    assert _version(capsys, monkeypatch) == "2026.11.1"
    assert _open(capsys, monkeypatch, "HS-0001")["catalog_version"] == "2026.11.1"
