"""`sohoa process --ocr`: the PDF carries the pages' Vietnamese text, word by word, and stays
PDF/A-2b valid with `--pdfa`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pikepdf.pdfa
from PIL import Image

from tests.station.ocr.forms import printed_page
from ui.cli.main import main


def _process(capsys, *args: str) -> list[dict]:
    assert main(["process", *args, "--workers", "1", "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def _page(tmp_path: Path) -> tuple[Path, list[str]]:
    pixels, lines = printed_page(np.random.default_rng(8), 300, angle=-0.6, blur=0.7, noise=5)
    path = tmp_path / "form.png"
    Image.fromarray(cv2.cvtColor(pixels, cv2.COLOR_GRAY2RGB)).save(path, dpi=(300, 300))
    return path, lines


def test_ocr_puts_the_text_in_the_pdf_with_its_diacritics(capsys, tmp_path, home) -> None:
    source, lines = _page(tmp_path)
    out = tmp_path / "out.pdf"
    page, summary = _process(capsys, str(source), "--out", str(out), "--ocr", "--pdfa")
    assert page["words"] > 100 and summary["ok"]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert lines[0] in text.splitlines()
    assert lines[1] in text
    assert pikepdf.pdfa.validate_written(out, "2b").findings == []
    with pikepdf.open(out) as pdf:
        assert "/OcrText" in pdf.pages[0].Resources.Font  # the text layer is what was checked


def test_without_ocr_the_pdf_has_no_text(capsys, tmp_path, home) -> None:
    source, _ = _page(tmp_path)
    out = tmp_path / "out.pdf"
    page, _ = _process(capsys, str(source), "--out", str(out))
    assert "words" not in page
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.strip() == ""
