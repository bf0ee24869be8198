"""A province's version is its complete list: a procedure an administrator leaves out of the
next import is no longer offered for new dossiers, while the dossiers opened under the older
version keep it and finish by its rules."""

from __future__ import annotations

import shutil

from tests.station.workflow.support import PROCEDURE, scanned_page
from tests.sync.client.test_catalog_update import (
    _finish,
    _open,
    _province_files,
    _publish,
    _sohoa,
    _update,
)


def test_a_procedure_the_province_leaves_out_is_no_longer_offered(
    connected, hub, capsys, monkeypatch, tmp_path
) -> None:
    _publish(hub, _province_files(tmp_path / "v1", extra_paper=False), "2026.11.1")
    assert _update(capsys, monkeypatch)[0] == 0
    assert _open(capsys, monkeypatch, "HS-TRUOC-0001")["catalog_version"] == "2026.11.1"

    only_one = tmp_path / "v2"
    only_one.mkdir()
    shutil.copy(_province_files(tmp_path / "all", False) / "1.000656.json", only_one)
    _publish(hub, only_one, "2026.12.1")
    code, _, err = _update(capsys, monkeypatch)
    assert code == 0, err

    code, out, err = _sohoa(capsys, monkeypatch, "catalog", "list")
    assert code == 0 and "1.000656" in out and PROCEDURE not in out
    code, _, err = _sohoa(
        capsys, monkeypatch, "dossier", "new", "--code", "HS-SAU-0001", "--procedure", PROCEDURE
    )
    assert code != 0 and PROCEDURE in err
    for component in ("TP1", "KQ1"):
        scanned_page(connected.store, "HS-TRUOC-0001", "A5", component)
    assert _finish(capsys, monkeypatch, "HS-TRUOC-0001") == (0, "")
