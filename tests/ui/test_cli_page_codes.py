"""Codes on pages the command line stores (`sohoa scan`, `sohoa import`): each page keeps its
codes (format, kind, position, and the text where it is no personal data) in the store."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np

from drivers.virtual.options import VirtualOptions
from drivers.virtual.pages import card_qr_text
from station.codes import CodeKind, read_codes
from station.codes.model import StoredCode
from station.store import Store
from tests.station.codes.synth import PageSpec, make_page
from ui.cli.main import main

SLIP = "000.00.14.H05-251204-0042"
LABEL = "Giấy khai sinh — bản sao trích lục"  # a code that names no dossier: text not kept


def _run(capsys, *args: str) -> list[dict]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _png(path: Path, spec: PageSpec) -> Path:
    cv2.imwrite(str(path), make_page(spec))
    return path


def _original(store: Store, page_id: str) -> np.ndarray:
    page = store.page(page_id)
    assert page is not None
    data = store.read_image(page.original)
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)


def _read_there(pixels: np.ndarray, kept: StoredCode) -> list[str]:
    """The texts read inside the kept position (with a margin): the position is the code's."""
    xs, ys = [p.x for p in kept.position], [p.y for p in kept.position]
    margin = 0.3 * max(max(xs) - min(xs), max(ys) - min(ys)) + 10
    top, left = max(0, int(min(ys) - margin)), max(0, int(min(xs) - margin))
    crop = pixels[top : int(max(ys) + margin), left : int(max(xs) + margin)]
    assert crop.size < pixels.size / 4  # a small box around the code, not the page
    return [code.text for code in read_codes(crop)]


def test_a_scanned_batch_keeps_each_page_codes_where_they_are(capsys, home, tmp_path) -> None:
    slip = _png(tmp_path / "slip.png", PageSpec(SLIP, "Code128", 200, 21, "gray", 85, 0.4, 3, 5))
    label = _png(tmp_path / "dm.png", PageSpec(LABEL, "DataMatrix", 200, 140, "gray", 80, 0, 2, 6))
    lines = _run(
        capsys, "scan", "--device", "virtual", "--paper", "A4", "--dpi", "200", "--source", "adf",
        "--option", "sheets=3", "--option", f"insert=2:{slip}+3:{label}", "--json",
    )  # fmt: skip
    pages = [line["page_id"] for line in lines if line["event"] == "page"]
    assert len(pages) == 3
    with Store.open(home) as store:
        assert store.page_codes(pages[0]) == []  # a page of text and no code
        (dossier,) = store.page_codes(pages[1])
        assert (dossier.format, dossier.kind, dossier.text) == (
            "Code128",
            CodeKind.DOSSIER_CODE,
            SLIP,
        )
        assert SLIP in _read_there(_original(store, pages[1]), dossier)
        (other,) = store.page_codes(pages[2])
        assert (other.format, other.kind, other.text) == ("DataMatrix", CodeKind.OTHER, "")
        assert LABEL in _read_there(_original(store, pages[2]), other)


def test_a_scanned_card_keeps_where_its_qr_is_and_never_its_text(capsys, home) -> None:
    lines = _run(
        capsys, "scan", "--device", "virtual", "--paper", "auto", "--dpi", "300",
        "--option", "content=card", "--option", "seed=3", "--json",
    )  # fmt: skip
    (page_id,) = [line["page_id"] for line in lines if line["event"] == "page"]
    raw = card_qr_text(VirtualOptions(seed=3, content="card"), 1)
    with Store.open(home) as store:
        (kept,) = store.page_codes(page_id)
        assert (kept.format, kept.kind, kept.text) == ("QRCode", CodeKind.ID_CARD, "")
        assert raw in _read_there(_original(store, page_id), kept)
    for path in home.rglob("*"):
        if path.is_file():
            assert raw.encode() not in path.read_bytes(), path
            assert raw.split("|")[5].encode() not in path.read_bytes(), path  # the address


def test_imported_separator_sheets_keep_their_codes_and_the_patch_t(capsys, home, tmp_path) -> None:
    sheets = tmp_path / "sheets.pdf"
    assert main(["separators", "1.001193", "--out", str(sheets), "--patch-t"]) == 0
    capsys.readouterr()
    lines = _run(capsys, "import", str(sheets), "--pdf-dpi", "150", "--json")
    pages = [line["page_id"] for line in lines if line["event"] == "page"]
    assert len(pages) == 11  # ten components (TP1 … KQ2), then the transfer patch
    with Store.open(home) as store:
        kept = [store.page_codes(page_id) for page_id in pages]
    assert all(len(codes) == 1 for codes in kept)
    texts = [codes[0].text for codes in kept[:-1]]
    assert texts[0] == "SOHOA-SEP:1.001193:TP1" and all(
        text.startswith("SOHOA-SEP:1.001193:") for text in texts
    )
    assert all(codes[0].kind is CodeKind.SEPARATOR for codes in kept)
    (patch,) = kept[-1]
    assert (patch.format, patch.text) == ("PatchT", "")
    xs, ys = [p.x for p in patch.position], [p.y for p in patch.position]
    # the bars run across the sheet: at least 40 mm long, about 20 mm deep at 150 dpi
    assert max(xs) - min(xs) >= 40 / 25.4 * 150 and 15 <= (max(ys) - min(ys)) / 150 * 25.4 <= 30
