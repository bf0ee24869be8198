"""`sohoa codes` and `sohoa separators` (ui/cli/codes.py, ui/cli/separators.py)."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
from click.testing import CliRunner
from PIL import Image

from app.context import AppContext
from station.codes.sheets import separator_sheets
from tests.station.codes.synth import PageSpec, make_page
from ui.cli.codes import codes_command
from ui.cli.separators import separators_command

CARD = "001090000000||NGUYỄN VĂN A|01011990|Nam|Xã X, Huyện Y, Tỉnh Z|15042021"


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _png(path: Path, spec: PageSpec) -> Path:
    cv2.imwrite(str(path), make_page(spec))
    return path


def test_codes_prints_one_json_line_per_code_with_card_fields(tmp_path: Path) -> None:
    card = _png(tmp_path / "card.png", PageSpec(CARD, "QRCode", 200, 12, "gray", 85, 0.4, 3, 1))
    code = "000.00.14.H05-250601-0042"
    slip = _png(tmp_path / "slip.png", PageSpec(code, "Code128", 200, 33, "gray", 85, 0.4, 3, 2))
    result = CliRunner().invoke(codes_command, [str(card), str(slip), "--json"])
    assert result.exit_code == 0, result.output
    first, second = _lines(result.output)
    assert first["kind"] == "id_card" and first["page"] == 1 and first["format"] == "QRCode"
    assert first["fields"]["name"] == "NGUYỄN VĂN A"
    assert first["fields"]["birth_date"] == "1990-01-01"
    assert len(first["position"]) == 4
    assert second["kind"] == "dossier_code" and second["text"] == code
    assert "fields" not in second


def test_codes_reads_every_page_of_a_pdf(tmp_path: Path, catalog) -> None:
    pdf = tmp_path / "sheets.pdf"
    pdf.write_bytes(separator_sheets(catalog.get("1.000656")))
    result = CliRunner().invoke(codes_command, [str(pdf), "--json", "--pdf-dpi", "150"])
    assert result.exit_code == 0, result.output
    records = _lines(result.output)
    components = [c.code for c in catalog.get("1.000656").components]
    assert [r["page"] for r in records] == list(range(1, len(components) + 1))
    assert [r["fields"]["component"] for r in records] == components


def test_codes_reports_the_patch_t_sheet_as_a_separator(tmp_path: Path, catalog) -> None:
    pdf = tmp_path / "sheets.pdf"
    pdf.write_bytes(separator_sheets(catalog.get("1.000656"), patch_t=True))
    result = CliRunner().invoke(codes_command, [str(pdf), "--json", "--pdf-dpi", "150"])
    assert result.exit_code == 0, result.output
    *_, patch = _lines(result.output)
    assert patch["page"] == len(catalog.get("1.000656").components) + 1
    assert (patch["format"], patch["kind"], patch["text"]) == ("PatchT", "separator", "")
    assert patch["fields"] == {"patch": "T", "action": "next_component"}
    (left, top), (right, _), (_, bottom), _ = patch["position"]
    # four bars across the sheet (at least 40 mm seen in line), 20 mm from first to last
    assert right - left >= 40 / 25.4 * 150 and abs((bottom - top) / 150 * 25.4 - 20.3) < 3
    plain = CliRunner().invoke(codes_command, [str(pdf), "--pdf-dpi", "150"])
    assert plain.output.splitlines()[-1].split("\t")[2:4] == ["PatchT", "separator"]


def test_codes_reports_an_unreadable_file_and_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    blank = tmp_path / "blank.png"
    Image.fromarray(np.full((400, 300), 255, np.uint8)).save(blank)
    result = CliRunner().invoke(codes_command, [str(bad), str(blank), "--json"])
    assert result.exit_code == 3
    assert _lines(result.stdout)[0]["error"]["code"].startswith("import_")


def test_codes_in_worker_processes_gives_the_same_lines(tmp_path: Path) -> None:
    files = [
        str(
            _png(tmp_path / f"{i}.png", PageSpec(CARD, "QRCode", 150, 40 * i, "color", 80, 0, 0, i))
        )
        for i in range(3)
    ]
    one = CliRunner().invoke(codes_command, [*files, "--json"])
    many = CliRunner().invoke(codes_command, [*files, "--json", "--jobs", "2"])
    assert one.exit_code == many.exit_code == 0
    assert one.output == many.output and len(_lines(one.output)) == 3


def test_separators_writes_one_sheet_per_component(home: Path, tmp_path: Path, catalog) -> None:
    out = tmp_path / "sheets.pdf"
    args = ["1.001193", "--out", str(out), "--json"]
    result = CliRunner().invoke(separators_command, args, obj=AppContext(home=home))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pages"] == [c.code for c in catalog.get("1.001193").components]
    assert out.read_bytes().startswith(b"%PDF")
