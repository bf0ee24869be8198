"""`sohoa import` with no dossier, the receipt (giấy tiếp nhận) first: its dossier code opens
that dossier, or creates it, and the files go there instead of a draft, as a scan batch does."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from station.store import Store
from tests.station.codes.synth import PageSpec, make_page
from ui.cli.main import main

CODE = "000.00.14.H05-251204-0047"
DPI = 200


def _receipt(tmp_path: Path, format_name: str = "QRCode") -> Path:
    path = tmp_path / f"receipt-{format_name}.png"
    pixels = make_page(PageSpec(CODE, format_name, DPI, 3, "gray", None, 0, 0, 7))
    Image.fromarray(pixels).save(path, dpi=(DPI, DPI))
    return path


def _page(tmp_path: Path, name: str = "form.png") -> Path:
    path = tmp_path / name
    Image.fromarray(np.full((400, 280, 3), 235, np.uint8)).save(path, dpi=(DPI, DPI))
    return path


def _import(capsys, *files: Path) -> list[dict]:
    code = main(["import", *(str(f) for f in files), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_the_receipt_creates_its_dossier_and_the_files_go_there(capsys, home, tmp_path) -> None:
    lines = _import(capsys, _receipt(tmp_path), _page(tmp_path))
    assert lines[0] == {"event": "receipt", "dossier": CODE, "created": True}
    assert [line["dossier"] for line in lines if line["event"] == "page"] == [CODE, CODE]
    assert lines[-1]["dossier"] == CODE and lines[-1]["pages"] == 2
    with Store.open(home) as store:
        assert [d.code for d in store.dossiers()] == [CODE]  # no draft beside it
        pages = store.pages(CODE)
        assert [p.source_device for p in pages] == ["import:receipt-QRCode.png", "import:form.png"]


def test_an_open_dossier_with_the_receipts_code_is_taken_up(capsys, home, tmp_path) -> None:
    assert main(["dossier", "new", "--code", CODE, "--procedure", "1.001193", "--json"]) == 0
    capsys.readouterr()
    lines = _import(capsys, _receipt(tmp_path, "Code128"), _page(tmp_path))
    assert lines[0] == {"event": "receipt", "dossier": CODE, "created": False}
    assert lines[-1]["dossier"] == CODE and lines[-1]["pages"] == 2
    with Store.open(home) as store:
        [dossier] = store.dossiers()
        assert dossier.code == CODE and dossier.procedure_code == "1.001193"  # kept as opened
        assert len(store.pages(CODE)) == 2


def test_the_first_page_decides_a_later_receipt_does_not_move_the_files(
    capsys, home, tmp_path
) -> None:
    lines = _import(capsys, _page(tmp_path), _receipt(tmp_path))
    assert [line["event"] for line in lines] == ["page", "page", "summary"]
    assert lines[-1]["dossier"].startswith("NHAP-") and lines[-1]["pages"] == 2
    with Store.open(home) as store:
        assert [d.code for d in store.dossiers()] == [lines[-1]["dossier"]]


def test_the_receipt_is_worded_in_both_languages_without_json(capsys, home, tmp_path) -> None:
    assert main(["import", str(_receipt(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert f"Hồ sơ mới từ giấy tiếp nhận / New dossier from the receipt: {CODE}" in out


def _completed(capsys, *args: str) -> dict:
    code = main(["dossier", "new", "--procedure", "1.001193", "--applicant", "Lê Văn C", *args,
                 "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["dossier"]


def test_the_dossier_its_receipt_created_is_completed_with_its_procedure(
    capsys, home, tmp_path
) -> None:
    _import(capsys, _receipt(tmp_path), _page(tmp_path))
    dossier = _completed(capsys, "--code", CODE)
    assert (dossier["code"], dossier["procedure_code"]) == (CODE, "1.001193")
    assert dossier["applicant_name"] == "Lê Văn C"
    with Store.open(home) as store:
        assert len(store.pages(CODE)) == 2 and len(store.dossiers()) == 1


def test_a_draft_becomes_the_dossier_its_code_names(capsys, home, tmp_path) -> None:
    draft = _import(capsys, _page(tmp_path), _page(tmp_path, "back.png"))[-1]["dossier"]
    dossier = _completed(capsys, "--code", CODE, "--from", draft)
    assert (dossier["code"], dossier["procedure_code"]) == (CODE, "1.001193")
    with Store.open(home) as store:
        assert [d.code for d in store.dossiers()] == [CODE]
        sources = [p.source_device for p in store.pages(CODE)]
        assert sources == ["import:form.png", "import:back.png"]
