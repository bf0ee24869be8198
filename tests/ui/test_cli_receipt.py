"""`sohoa scan` with no dossier, the receipt (giấy tiếp nhận) on top: its dossier code opens
that dossier, or creates it, and the batch goes there instead of a draft."""

from __future__ import annotations

import json
from pathlib import Path

import cv2

from station.store import Store
from tests.station.codes.synth import PageSpec, make_page
from ui.cli.main import main

CODE = "000.00.14.H05-251204-0031"


def _receipt(tmp_path: Path, format_name: str) -> Path:
    path = tmp_path / f"receipt-{format_name}.png"
    cv2.imwrite(str(path), make_page(PageSpec(CODE, format_name, 300, 4, "gray", None, 0, 0, 1)))
    return path


def _scan(capsys, receipt: Path) -> list[dict]:
    code = main(
        ["scan", "--device", "virtual", "--paper", "A4", "--dpi", "200", "--source", "adf",
         "--option", "sheets=3", "--option", f"insert=1:{receipt}", "--json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_the_receipt_creates_its_dossier_then_takes_it_up_again(capsys, home, tmp_path) -> None:
    first = _scan(capsys, _receipt(tmp_path, "Code128"))
    assert first[0] == {"event": "receipt", "dossier": CODE, "created": True}
    assert first[-1]["dossier"] == CODE and first[-1]["pages"] == 3
    again = _scan(capsys, _receipt(tmp_path, "QRCode"))
    assert again[0] == {"event": "receipt", "dossier": CODE, "created": False}
    with Store.open(home) as store:
        assert len(store.pages(CODE)) == 6  # the receipt stays a page: nothing is lost
        assert len(store.dossiers()) == 1  # no draft beside it


def test_a_batch_without_a_receipt_still_goes_into_a_draft(capsys, home) -> None:
    assert main(["scan", "--device", "virtual", "--count", "1", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["event"] for line in lines] == ["page", "summary"]
    assert lines[-1]["dossier"].startswith("NHAP-")
