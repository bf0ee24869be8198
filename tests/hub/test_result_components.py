"""A result addendum carries result components of the dossier's procedure only (SQLite and
PostgreSQL): a paper the dossier was received with is refused, and so, when the hub knows the
catalog the dossier was opened under (its bundled one, or a version it published), is any
component that is not `kind: result` there. A catalog the hub does not hold cannot be checked."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import requests

from hub.catalog_import import import_catalog
from hub.db import open_database
from station.catalog import bundled_catalog_dir
from station.catalog_builtin import built_in_catalog
from tests.helpers.hub import HubHandle
from tests.hub.conftest import StationClient, connect, manifest_for
from tests.hub.test_result_rejections import result_for

BIRTH = "1.001193"  # đăng ký khai sinh: TP1-TP8 submitted, KQ1 and KQ2 its results
PROVINCE = "2026.12.1"  # the province's version: the certificate is KQ3 there, KQ1 is gone
PAPER = b"%PDF-1.4 paper\n"


def received(client: StationClient, number: int, catalog_version: str) -> str:
    """A birth registration received with TP1, opened under `catalog_version`; its code."""
    code = f"000.00.14.H05-261120-{number:04d}"
    key = f"K-{number}"
    client.upload(PAPER, key, dossier_code=code)
    manifest = manifest_for({key: PAPER}, manifest_id=f"M-{number}", code=code)
    manifest.update(procedure_code=BIRTH, catalog_version=catalog_version)
    answer = client.post("/api/v1/manifests", json={**manifest, "station_id": client.station_id})
    assert answer.status_code == 200, answer.text
    return code


def send(client: StationClient, code: str, component: str, key: str) -> requests.Response:
    """A result addendum of one file tagged `component`."""
    data = f"%PDF-1.4 {key}\n".encode()
    client.upload(data, key, dossier_code=code)
    body: dict[str, Any] = result_for(client, code, key, data)
    body.update(procedure_code=BIRTH, components=[component])
    body["files"][0]["component_code"] = component
    return client.post("/api/v1/results", json=body)


def refused_as(answer: requests.Response, reason: str) -> bool:
    return answer.status_code == 422 and answer.json() == {
        "error": "not_a_result_component",
        "detail": [{"loc": ["body", "components", 0], "msg": reason}],
    }


def results_of(client: StationClient, code: str) -> list[str]:
    """The result components the hub committed for the dossier, as a result desk sees them."""
    return client.get(f"/api/v1/handover/{code}").json()["result_components"]


def publish_province_version(hub: HubHandle, folder: Path) -> None:
    """The bundled procedures with the birth certificate renamed KQ3, published as PROVINCE."""
    shutil.copytree(bundled_catalog_dir(), folder)
    path = folder / f"{BIRTH}.json"
    procedure = json.loads(path.read_text(encoding="utf-8"))
    for component in procedure["components"]:
        if component["code"] == "KQ1":
            component["code"] = "KQ3"
    path.write_text(json.dumps(procedure, ensure_ascii=False), encoding="utf-8")
    db = open_database(hub.config.dsn, hub.config.sqlite_path)
    import_catalog(db, hub.data_dir, [folder], PROVINCE, date(2026, 12, 1))


def test_a_paper_the_dossier_was_received_with_is_no_result(any_hub: HubHandle) -> None:
    station = connect(any_hub, "ST-01")
    built_in = built_in_catalog().version
    for number, version in enumerate(["", built_in, "builtin-00000000"], start=1):
        code = received(station, number, version)
        # TP1 came with the dossier whatever the catalog; a file of it is not a result
        assert refused_as(send(station, code, "TP1", f"R-{number}"), "received_with_dossier")
        assert results_of(station, code) == []


def test_under_the_built_in_catalog_only_its_result_components_pass(
    any_hub: HubHandle,
) -> None:
    station = connect(any_hub, "ST-01")
    code = received(station, 1, built_in_catalog().version)
    assert refused_as(send(station, code, "TP2", "R-tp2"), "submitted_component")
    assert refused_as(send(station, code, "KQ9", "R-kq9"), "unknown_to_procedure")
    answer = send(station, code, "KQ1", "R-kq1")
    assert answer.status_code == 200, answer.text
    assert results_of(station, code) == ["KQ1"]


def test_under_a_version_the_hub_published_its_own_result_components_pass(
    any_hub: HubHandle, tmp_path: Path
) -> None:
    station = connect(any_hub, "ST-01")
    before = received(station, 3, PROVINCE)
    assert send(station, before, "KQ9", "R-3-kq9").status_code == 200  # not published yet
    publish_province_version(any_hub, tmp_path / "province")
    province = received(station, 1, PROVINCE)
    assert refused_as(send(station, province, "KQ9", "R-1-kq9"), "unknown_to_procedure")
    assert refused_as(send(station, province, "KQ1", "R-1-kq1"), "unknown_to_procedure")
    assert send(station, province, "KQ3", "R-1-kq3").status_code == 200
    # The same procedure under the built-in catalog has no KQ3: the dossier's version decides
    built_in = received(station, 2, built_in_catalog().version)
    assert refused_as(send(station, built_in, "KQ3", "R-2-kq3"), "unknown_to_procedure")
    assert send(station, built_in, "KQ1", "R-2-kq1").status_code == 200


def test_a_catalog_the_hub_does_not_hold_is_not_checked(any_hub: HubHandle) -> None:
    station = connect(any_hub, "ST-01")
    local = f"{built_in_catalog().version}+local:0123abcd"  # the procedure came from a local file
    for number, version in enumerate([local, "2027.01.1", "builtin-00000000", ""], start=1):
        code = received(station, number, version)
        answer = send(station, code, "KQ9", f"R-{number}")
        assert answer.status_code == 200, (version, answer.text)
