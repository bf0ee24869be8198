"""The manifest says which cases the clerk chose and what was missing when the dossier was
finished with a reason, and the hub keeps both with the dossier."""

from __future__ import annotations

import json

from tests.station.workflow.support import scanned_page
from tests.sync.client.support import jobs_of
from tests.sync.client.test_catalog_update import _manifest, _sohoa

RESIDENCE = "1.004222"  # Đăng ký thường trú


def _open(capsys, monkeypatch, code: str, *cases: str) -> None:
    args = ["dossier", "new", "--code", code, "--procedure", RESIDENCE]
    for case in cases:
        args += ["--case", case]
    status, _, err = _sohoa(capsys, monkeypatch, *args)
    assert status == 0, err


def test_the_hub_keeps_the_chosen_cases_and_what_was_missing(
    connected, hub, capsys, monkeypatch
) -> None:
    _open(capsys, monkeypatch, "HS-THUE-0001", "thue_muon_o_nho")
    _open(capsys, monkeypatch, "HS-CHUA-0001")
    for dossier in ("HS-THUE-0001", "HS-CHUA-0001"):
        for component in ("TP1", "KQ1"):
            scanned_page(connected.store, dossier, "A5", component)
        status, _, err = _sohoa(
            capsys, monkeypatch, "dossier", "finish", dossier, "--profile", "jpeg",
            "--override-reason", "Công dân bổ sung sau",
        )  # fmt: skip
        assert status == 0, err
    rented = _manifest(connected.home, "HS-THUE-0001")
    assert (rented["cases"], rented["missing_required"]) == (["thue_muon_o_nho"], ["TP13", "TP14"])
    undecided = _manifest(connected.home, "HS-CHUA-0001")
    assert (undecided["cases"], undecided["missing_required"]) == ([], ["undecided:cho_o"])

    status, _, err = _sohoa(capsys, monkeypatch, "sync", "run", "--once")
    assert status == 0, err
    assert {j.state.value for j in jobs_of(connected.home)} == {"done"}
    on_hub = {
        m["dossier_code"]: (m["cases"], m["missing_required"], m["override_reason"])
        for m in (json.loads(p.read_text("utf-8")) for p in hub.data_dir.rglob("manifest.json"))
    }
    assert on_hub == {
        "HS-THUE-0001": (["thue_muon_o_nho"], ["TP13", "TP14"], "Công dân bổ sung sau"),
        "HS-CHUA-0001": ([], ["undecided:cho_o"], "Công dân bổ sung sau"),
    }
