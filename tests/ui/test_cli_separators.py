"""Separator sheets printed by `sohoa separators`, fed between pages of an ADF batch through
`sohoa scan`: each switches the component of the pages after it, a patch T moves to the next
component, one for another procedure is reported and ignored, and no sheet becomes a page."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium

from station.codes.sheet_check import separator_sign
from station.store import Store
from ui.cli.main import main

CODE = "000.00.14.H05-251122-0001"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _sheets(capsys, tmp_path: Path, procedure: str) -> Path:
    out = tmp_path / f"sheets-{procedure}.pdf"
    code, _, err = _run(capsys, "separators", procedure, "--out", str(out), "--patch-t", "--json")
    assert code == 0, err
    return out


def _scan(capsys, inserts: str, sheets: int, *extra: str) -> tuple[int, list[dict], str]:
    code, out, err = _run(
        capsys, "scan", "--device", "virtual", "--paper", "A4", "--dpi", "150", "--mode", "gray",
        "--source", "adf", "--option", f"sheets={sheets}", "--option", f"insert={inserts}",
        "--option", "noise=0.3", "--dossier", CODE, "--json", *extra,
    )  # fmt: skip
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def _new_dossier(capsys) -> None:
    code, _, err = _run(
        capsys, "dossier", "new", "--code", CODE, "--procedure", "1.001193", "--json"
    )
    assert code == 0, err


def test_separators_split_a_12_page_batch_into_three_components(capsys, home, tmp_path) -> None:
    _new_dossier(capsys)
    sheets = _sheets(capsys, tmp_path, "1.001193")  # TP1 … KQ2, then the patch T (page 11)
    inserts = f"1:{sheets}#1+6:{sheets}#2+11:{sheets}#11"
    code, lines, err = _scan(capsys, inserts, 15)
    assert code == 0, err
    separators = [line for line in lines if line["event"] == "separator"]
    assert [(s["sheet"], s["outcome"], s["component"]) for s in separators] == [
        (1, "switched", "TP1"),
        (6, "switched", "TP2"),
        (11, "next", "TP3"),
    ]
    assert lines[-1]["pages"] == 12
    with Store.open(home) as store:
        tags = [p.component_code for p in store.pages(CODE)]
    assert tags == ["TP1"] * 4 + ["TP2"] * 4 + ["TP3"] * 4

    code, _, err = _run(
        capsys, "dossier", "finish", CODE, "--profile", "jpeg", "--workers", "1",
        "--override-reason", "Thử tờ phân cách", "--json",
    )  # fmt: skip
    assert code == 0, err
    pdfs = sorted((home / "finished").rglob("*.pdf"))
    assert [p.name for p in pdfs] == [f"{CODE}.{n}.pdf" for n in (1, 2, 3)]
    for path in pdfs:
        document = pdfium.PdfDocument(path)
        assert len(document) == 4
        for page in document:
            pixels = page.render(scale=150 / 72, grayscale=True).to_numpy()
            assert separator_sign(pixels.squeeze(), 150) is None
        document.close()


def test_a_separator_for_another_procedure_is_reported_and_ignored(capsys, home, tmp_path) -> None:
    _new_dossier(capsys)
    own, other = _sheets(capsys, tmp_path, "1.001193"), _sheets(capsys, tmp_path, "1.004222")
    code, lines, err = _scan(capsys, f"1:{own}#2+3:{other}#1", 4)
    assert code == 0, err
    outcomes = [(line["sheet"], line["outcome"]) for line in lines if line["event"] == "separator"]
    assert outcomes == [(1, "switched"), (3, "other_procedure")]
    assert "thủ tục khác (1.004222" in err and "another procedure (1.004222" in err
    with Store.open(home) as store:
        assert [p.component_code for p in store.pages(CODE)] == ["TP2", "TP2"]


def test_the_back_of_a_separator_sheet_is_not_a_page_either(capsys, home, tmp_path) -> None:
    _new_dossier(capsys)
    sheets = _sheets(capsys, tmp_path, "1.001193")
    code, lines, err = _scan(capsys, f"2:{sheets}#1", 3, "--source", "duplex")
    assert code == 0, err
    separators = [(s["sheet"], s["side"], s["outcome"]) for s in lines if s["event"] == "separator"]
    assert separators == [(2, "front", "switched"), (2, "back", "back")]
    with Store.open(home) as store:
        assert [p.component_code for p in store.pages(CODE)] == [None, None, "TP1", "TP1"]
