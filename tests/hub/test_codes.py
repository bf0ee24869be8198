"""Dossier codes have one spelling on the hub: lookalike hyphens and full-width characters are
folded, invisible and bidi characters refused, and every code gets its own folder."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from hub.storage import dossier_dir_name
from tests.helpers.hub import HubHandle, running_hub
from tests.hub.conftest import Front, commit_dossier, manifest_for

PLAIN = "000.00.14.H05-261201-0001"
DATA = os.urandom(3_000)


@pytest.fixture
def hub(tmp_path: Path, front: Front) -> Iterator[HubHandle]:
    with running_hub(tmp_path / "hub") as direct, front(direct) as handle:
        yield handle


@pytest.mark.parametrize(
    "spelling",
    [
        "000.00.14.H05\u2013261201\u20130001",  # en dashes
        "000.00.14.H05\u2212261201\u20110001",  # minus sign, non-breaking hyphen
        "\uff10\uff10\uff10.00.14.\uff28\uff10\uff15\uff0d261201-0001",  # full-width
    ],
)
def test_a_lookalike_spelling_is_the_same_dossier(station, spelling) -> None:
    assert commit_dossier(station, spelling, "K-1", DATA).status_code == 200
    for asked in (PLAIN, spelling):
        shown = station.get("/api/v1/dossiers/" + quote(asked, safe=""))
        assert shown.status_code == 200 and shown.json()["dossier_code"] == PLAIN
    [folder] = (station.hub.data_dir / "dossiers" / "ST-01").iterdir()
    assert folder.name == PLAIN


@pytest.mark.parametrize("code", ["HS\u202e1000", "HS\u200b1", "HS\u20661\u2069", " HS-1", "=1+1"])
def test_bidi_invisible_or_formula_codes_are_refused(station, code) -> None:
    created = station.create(DATA, "K-1", dossier_code=code)
    assert created.status_code == 400 and created.json()["key"] == "dossier_code"
    station.upload(DATA, "K-2")
    answer = station.post("/api/v1/manifests", json=manifest_for({"K-2": DATA}, code=code))
    assert answer.status_code == 422
    assert {"loc": ["body", "dossier_code"]} in answer.json()["detail"]


def test_codes_that_differ_get_different_folders_never_a_windows_device_name() -> None:
    codes = ["x_y-1", "x/y-1", "x y-1", "x_2Fy-1", "CON", "con.txt", "LPT1", "COM9.x", ".", "..",
             "a.", "_2E", "__CON"]  # fmt: skip
    names = [dossier_dir_name(code) for code in codes]
    assert len(set(names)) == len(codes)
    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                *(f"LPT{i}" for i in range(1, 10))}  # fmt: skip
    for name in names:
        assert name.split(".")[0].upper() not in reserved
        assert "/" not in name and "\\" not in name and name not in {".", ".."}
        assert not name.endswith((".", " "))
    assert len(dossier_dir_name("Ž" * 200)) <= 200


def test_a_reused_manifest_id_with_another_body_is_422(station) -> None:
    assert commit_dossier(station, PLAIN, "K-1", DATA).status_code == 200
    body = {**manifest_for({"K-1": DATA}, manifest_id="M-K-1", code=PLAIN)}
    assert station.post("/api/v1/manifests", json=body).status_code == 200  # the same again
    changed = {**body, "applicant_id_number": "079000000001"}
    answer = station.post("/api/v1/manifests", json=changed)
    assert (answer.status_code, answer.json()) == (422, {"error": "manifest_id_reused"})
    folder = station.hub.data_dir / "dossiers" / "ST-01" / PLAIN
    assert (
        json.loads((folder / "manifest.json").read_text())["applicant_id_number"] != "079000000001"
    )
