"""The result through the real `sohoa` command: scan it into the finished dossier, finish it,
import an electronic one, and see what still awaits its result."""

from __future__ import annotations

import hashlib
import json

import pikepdf

from ui.cli.main import main

CODE = "000.00.14.H05-261103-0001"
OTHER = "000.00.14.H05-261104-0002"
BIRTH = "1.001193"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _scan(capsys, code: str, component: str, sheets: int) -> tuple[int, list[dict], str]:
    status, out, err = _run(
        capsys, "scan", "--device", "virtual", "--in-process", "--paper", "A6", "--dpi", "75",
        "--mode", "gray", "--source", "adf", "--count", str(sheets),
        "--option", f"sheets={sheets}", "--dossier", code, "--component", component, "--json",
    )  # fmt: skip
    return status, [json.loads(line) for line in out.splitlines() if line.strip()], err


def _finished(capsys, code: str, received: str) -> None:
    status, _, err = _run(
        capsys, "dossier", "new", "--code", code, "--procedure", BIRTH, "--received-at", received
    )
    assert status == 0, err
    status, _, err = _scan(capsys, code, "TP1", 1)
    assert status == 0, err
    status, _, err = _run(
        capsys, "dossier", "finish", code, "--profile", "jpeg", "--workers", "1",
        "--override-reason", "giấy tờ kiểm tra riêng",
    )  # fmt: skip
    assert status == 0, err


def _pending(capsys) -> list[dict]:
    status, out, err = _run(capsys, "results", "pending", "--json")
    assert status == 0, err
    return json.loads(out)["dossiers"]


def test_a_result_scanned_into_the_finished_dossier_is_finished_with_its_manifest(
    capsys, home
) -> None:
    _finished(capsys, CODE, "2026-11-03 09:00:00")
    _finished(capsys, OTHER, "2026-11-04 09:00:00")
    pending = _pending(capsys)
    assert [d["code"] for d in pending] == [CODE, OTHER]  # oldest first
    assert pending[0]["result_components"] == ["KQ1", "KQ2"]
    assert pending[0]["age_days"] >= pending[1]["age_days"] + 1

    status, lines, err = _scan(capsys, CODE, "TP1", 1)
    assert status == 3
    assert lines[-1]["error"]["code"] == "result_component_only"
    assert err.count("\n") == 1 and "chỉ nhận trang kết quả" in err and "result pages only" in err

    status, lines, err = _scan(capsys, CODE, "KQ1", 2)
    assert status == 0, err
    assert [line["order"] for line in lines[:-1]] == [2, 3]

    status, out, err = _run(
        capsys, "dossier", "finish-result", CODE, "--profile", "jpeg", "--workers", "1", "--json"
    )
    assert status == 0, err
    receipt = json.loads(out)
    assert [(f["component_code"], f["file_name"], f["pages"]) for f in receipt["files"]] == [
        ("KQ1", f"{CODE}.2.pdf", 2)
    ]
    data = (home / receipt["files"][0]["path"]).read_bytes()
    with pikepdf.open(home / receipt["files"][0]["path"]) as pdf:
        assert len(pdf.pages) == 2
    manifest = json.loads((home / receipt["manifest_path"]).read_text("utf-8"))
    assert manifest["addendum_id"] == receipt["addendum_id"]
    assert (manifest["dossier_code"], manifest["components"]) == (CODE, ["KQ1"])
    assert manifest["files"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["received_at"].startswith("2026-11-03")
    assert (home / receipt["manifest_path"]).parent == (home / receipt["files"][0]["path"]).parent

    assert [d["code"] for d in _pending(capsys)] == [OTHER]
    status, out, err = _run(capsys, "dossier", "finish-result", CODE, "--json")
    assert status == 3 and json.loads(out)["error"]["code"] == "result_pages_missing"


def test_an_electronic_result_is_imported_as_it_came(capsys, home, tmp_path) -> None:
    _finished(capsys, CODE, "2026-11-03 09:00:00")
    issued = tmp_path / "trich-luc.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(issued)

    status, out, err = _run(
        capsys, "results", "import", CODE, str(issued), "--component", "TP1", "--json"
    )
    assert status == 3 and json.loads(out)["error"]["code"] == "result_component_only"
    status, out, err = _run(
        capsys, "results", "import", CODE, str(issued), "--component", "KQ1", "--json"
    )
    assert status == 0, err
    receipt = json.loads(out)
    assert receipt["origin"] == "electronic" and receipt["signed_by_station"] is False
    assert (home / receipt["files"][0]["path"]).read_bytes() == issued.read_bytes()
    assert _pending(capsys) == []

    status, out, err = _run(capsys, "stats", "--since", "2026-11-01", "--until", "2026-11-30")
    assert status == 0, err
    assert "Tỷ lệ kết quả điện tử (%) / Electronic results (%)" in out
    assert "Results awaiting scan: 0" in out


def test_a_missing_or_broken_result_file_is_refused_in_both_languages(
    capsys, home, tmp_path
) -> None:
    _finished(capsys, CODE, "2026-11-03 09:00:00")
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n% cut short")
    status, _, err = _run(capsys, "results", "import", CODE, str(broken), "--component", "KQ1")
    assert status == 3
    assert "Tệp kết quả" in err and "The result file" in err
    assert [d["code"] for d in _pending(capsys)] == [CODE]
