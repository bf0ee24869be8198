from __future__ import annotations

import hashlib
import json

import pikepdf

from station.store import Store
from tests.station.workflow.support import CODE, PROCEDURE, scanned_page
from ui.cli.main import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _dossier_with_pages(capsys, home, components: tuple[str, ...]) -> None:
    code, _, err = _run(capsys, "dossier", "new", "--code", CODE, "--procedure", PROCEDURE)
    assert code == 0, err
    with Store.open(home) as store:
        for component in components:
            scanned_page(store, CODE, "A6", component)


def test_finish_prints_the_receipt_as_json(capsys, home) -> None:
    _dossier_with_pages(capsys, home, ("TP1", "TP1", "KQ1"))
    code, out, err = _run(
        capsys, "dossier", "finish", CODE, "--profile", "jpeg", "--workers", "1", "--json"
    )
    assert code == 0, err
    receipt = json.loads(out)
    assert receipt["ok"] and receipt["dossier_code"] == CODE
    files = receipt["files"]
    assert [(f["component_code"], f["file_name"], f["pages"]) for f in files] == [
        ("TP1", f"{CODE}.1.pdf", 2),
        ("KQ1", f"{CODE}.2.pdf", 1),
    ]
    for f in files:
        data = (home / f["path"]).read_bytes()
        assert (f["bytes"], f["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        with pikepdf.open(home / f["path"]) as pdf:
            assert len(pdf.pages) == f["pages"]
    code, out, _ = _run(capsys, "dossier", "show", CODE, "--json")
    assert json.loads(out)["dossier"]["state"] == "finished"


def test_finish_with_missing_components_fails_with_one_bilingual_line(capsys, home) -> None:
    _dossier_with_pages(capsys, home, ("KQ1",))
    code, out, err = _run(capsys, "dossier", "finish", CODE, "--profile", "jpeg", "--json")
    assert code == 3
    error = json.loads(out)["error"]
    assert (error["code"], error["params"]["components"]) == ("required_components_missing", "TP1")
    assert err.count("\n") == 1 and err.startswith("Lỗi: ") and " | Error: " in err
    assert "TP1" in err


def test_finish_with_an_override_reason_prints_what_is_missing(capsys, home) -> None:
    _dossier_with_pages(capsys, home, ("KQ1",))
    code, out, err = _run(
        capsys, "dossier", "finish", CODE, "--profile", "jpeg", "--workers", "1",
        "--override-reason", "Bản chính nộp sau",
    )  # fmt: skip
    assert code == 0, err
    assert f"{CODE}.1.pdf" in out and "TP1" in out and "Bản chính nộp sau" in out
    with Store.open(home) as store:
        assert store.dossier(CODE).override_reason == "Bản chính nộp sau"
