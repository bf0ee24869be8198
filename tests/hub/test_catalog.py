"""`sohoa-hub catalog …` and /api/v1/catalog: versions checked like `sohoa catalog check`,
signed by a key kept owner-only, immutable once published, served to any valid token."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import requests
from click.testing import CliRunner

from hub.catalog_key import key_path
from hub.cli import hub_group
from station.catalog import bundled_catalog_dir
from station.catalog_bundle import verify_bundle
from station.catalog_keys import public_key_from_text
from tests.helpers.hub import running_hub

PROCEDURE = "1.010041"


def _files(folder: Path, rename: str = "") -> Path:
    shutil.copytree(bundled_catalog_dir(), folder)
    if rename:
        path = folder / f"{PROCEDURE}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["name"] = rename
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def _hub(data: Path, *args: str):
    command, *rest = args
    return CliRunner().invoke(hub_group, ["catalog", command, "--data", str(data), *rest])


def _token(url: str, client_id: str, secret: str) -> dict[str, str]:
    answer = requests.post(
        f"{url}/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
    )
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_import_signs_a_version_and_keeps_the_key_owner_only(tmp_path) -> None:
    data = tmp_path / "hub"
    result = _hub(data, "import", "--version", "2026.12.1", "--json", str(_files(tmp_path / "a")))
    assert result.exit_code == 0, result.output
    stored = json.loads(result.output)
    assert stored["version"] == "2026.12.1" and stored["procedures"] == 14
    assert stat.S_IMODE(key_path(data).stat().st_mode) == 0o600
    assert _hub(data, "key").output.strip() == stored["key_id"]


def test_a_version_with_problems_is_refused_and_nothing_is_published(tmp_path) -> None:
    folder = _files(tmp_path / "bad")
    path = folder / f"{PROCEDURE}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["alternatives"] = [{"any_of": ["TP1", "TP7"]}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _hub(tmp_path / "hub", "import", "--version", "v1", str(folder))
    assert result.exit_code != 0
    assert "alternative_unknown_component" in result.output and "nothing published" in result.output
    assert json.loads(_hub(tmp_path / "hub", "list", "--json").output) == []


def test_a_published_version_cannot_be_published_again(tmp_path) -> None:
    data = tmp_path / "hub"
    assert _hub(data, "import", "--version", "v1", str(_files(tmp_path / "a"))).exit_code == 0
    again = _hub(data, "import", "--version", "v1", str(_files(tmp_path / "b", "Tên khác")))
    assert again.exit_code != 0 and "already published" in again.output
    assert [v["version"] for v in json.loads(_hub(data, "list", "--json").output)] == ["v1"]


def test_a_version_name_stations_would_refuse_is_refused(tmp_path) -> None:
    result = _hub(tmp_path / "hub", "import", "--version", "../x", str(_files(tmp_path / "a")))
    assert result.exit_code != 0 and "invalid catalog" in result.output


def test_list_shows_the_newest_first_and_diff_what_changed(tmp_path) -> None:
    data = tmp_path / "hub"
    _hub(data, "import", "--version", "v1", str(_files(tmp_path / "a")))
    _hub(data, "import", "--version", "v2", str(_files(tmp_path / "b", "Tên mới của tỉnh")))
    listed = _hub(data, "list").output.splitlines()
    assert listed[0].startswith("* v2") and listed[1].startswith("  v1")
    changes = json.loads(_hub(data, "diff", "v1", "v2", "--json").output)
    assert [(c["procedure"], c["new"]) for c in changes] == [(PROCEDURE, "Tên mới của tỉnh")]


def test_stations_get_the_newest_version_signed_by_the_served_key(tmp_path) -> None:
    data = tmp_path / "hub"
    with running_hub(data) as hub:
        headers = _token(hub.url, "ST-01", hub.add_station("ST-01"))
        assert requests.get(f"{hub.url}/api/v1/catalog", headers=headers).status_code == 404
        assert requests.get(f"{hub.url}/api/v1/catalog/key", headers=headers).status_code == 404
        _hub(data, "import", "--version", "v1", str(_files(tmp_path / "a")))
        _hub(data, "import", "--version", "v2", str(_files(tmp_path / "b", "Tên mới")))
        key = requests.get(f"{hub.url}/api/v1/catalog/key", headers=headers).json()
        newest = requests.get(f"{hub.url}/api/v1/catalog", headers=headers).json()
        older = requests.get(
            f"{hub.url}/api/v1/catalog", params={"version": "v1"}, headers=headers
        ).json()
        bundle = verify_bundle(newest, public_key_from_text(key["key"]))
        assert bundle.version == "v2" and bundle.key_id == key["key_id"]
        assert verify_bundle(older, public_key_from_text(key["key"])).version == "v1"
        assert requests.get(f"{hub.url}/api/v1/catalog").status_code == 401
