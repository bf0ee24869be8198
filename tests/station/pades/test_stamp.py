"""The visible stamp: page 1, top left, inside the page, in Vietnamese; PDF/A stays PDF/A."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pikepdf
import pikepdf.pdfa
import pypdfium2
import pytest

from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import DEFAULT_STAMP_TEXT, Stamp, sign_pdf
from station.pades.verify import verify_pdf
from tests.station.pades.conftest import component_pdf
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file

SCAN = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)  # 09:30 in Việt Nam


def _signed(ca: CaBundle, folder: Path, data: bytes) -> Path:
    path = folder / "component.pdf"
    path.write_bytes(data)
    key = Pkcs12Key(pkcs12_file(folder, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(path, session, Stamp(CLERK, SCAN))
    return path


def _render(data: bytes, page: int = 0) -> np.ndarray:
    document = pypdfium2.PdfDocument(data)
    document.init_forms()  # the stamp is a signature widget's appearance
    try:
        return np.asarray(document[page].render(scale=1, may_draw_forms=True).to_pil().convert("L"))
    finally:
        document.close()


def test_the_stamp_is_drawn_at_the_top_left_of_page_one_inside_the_page(
    ca: CaBundle, tmp_path: Path
) -> None:
    before = component_pdf(pages=2)
    after = _signed(ca, tmp_path, before).read_bytes()
    changed = np.abs(_render(after).astype(int) - _render(before).astype(int)) > 60
    rows, cols = np.nonzero(changed)
    height, width = changed.shape  # 1 px per point
    assert rows.size > 200  # a visible stamp, not a hairline
    assert rows.min() > 0 and rows.max() < height * 0.25  # in the top quarter, inside the page
    assert cols.min() > 0 and cols.max() < width * 0.75  # from the left edge, inside the page
    assert cols.min() < 30 and rows.min() < 30  # hugging the top-left corner
    assert not (np.abs(_render(after, 1).astype(int) - _render(before, 1).astype(int)) > 60).any()


def test_the_stamp_text_is_vietnamese_with_name_and_scan_time(ca: CaBundle, tmp_path: Path) -> None:
    path = _signed(ca, tmp_path, component_pdf(pages=1))
    document = pypdfium2.PdfDocument(str(path))
    try:
        text = (
            "\n".join(annotation_text for annotation_text in _annotation_texts(document[0]))
            or document[0].get_textpage().get_text_range()
        )
    finally:
        document.close()
    assert CLERK in text and DEFAULT_STAMP_TEXT in text and "20/11/2026" in text


def _annotation_texts(page: pypdfium2.PdfPage) -> list[str]:
    """The stamp is the signature widget's appearance: flatten it to read its text."""
    import pypdfium2.raw as raw

    raw.FPDFPage_Flatten(page, raw.FLAT_PRINT)
    return [page.get_textpage().get_text_range()]


def test_a_small_card_page_keeps_the_stamp_inside(ca: CaBundle, tmp_path: Path) -> None:
    from station.imaging.results import ColourClass
    from station.pdf import EncodeOptions, Encoding, encode_page
    from tests.station.pdf.support import pdf_of

    card = np.full((591, 413, 3), 240, np.uint8)  # A7 at 200 dpi
    page = encode_page(card, 200, ColourClass.COLOR, EncodeOptions(encoding=Encoding.JPEG))
    path = _signed(ca, tmp_path, pdf_of([page]))
    with pikepdf.open(path) as pdf:
        (widget,) = [
            a
            for a in pdf.pages[0].Annots
            if a.get("/FT") == "/Sig" or "/Parent" in a or a.get("/Subtype") == "/Widget"
        ]
        x0, y0, x1, y1 = (float(v) for v in widget.Rect)
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
    assert 0 < x0 < x1 < width and 0 < y0 < y1 < height


@pytest.mark.parametrize("pages", [1, 3])
def test_a_pdfa_file_is_still_valid_pdfa_after_signing(
    ca: CaBundle, tmp_path: Path, pages: int
) -> None:
    path = _signed(ca, tmp_path, component_pdf(pages=pages, pdfa=True))
    report = pikepdf.pdfa.validate_written(path, "2b")
    # pikepdf's allowlist validator does not check interactive forms at all, and a signature
    # lives in one (PDF/A-2 §6.4.3 allows signature fields): that is its only finding.
    assert [(f.kind, f.rule) for f in report.findings] == [
        ("unsupported", "pikepdf:schema-Catalog")
    ]
    assert "/AcroForm" in report.findings[0].where
    assert pikepdf.pdfa.validate_written(io.BytesIO(component_pdf(pages, pdfa=True)), "2b").passed
    result = verify_pdf(path, [ca.root_pem])
    assert result.intact and result.pdfa_claimed and result.pdfa_valid
    assert result.pdfa_findings == []


def test_a_pdfa_violation_besides_the_signature_form_is_reported(
    ca: CaBundle, tmp_path: Path
) -> None:
    data = component_pdf(pages=1, pdfa=True)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(script)  # PDF/A forbids JavaScript
        broken = io.BytesIO()
        pdf.save(broken)
    path = _signed(ca, tmp_path, broken.getvalue())
    result = verify_pdf(path, [ca.root_pem])
    assert result.intact and result.pdfa_claimed and result.pdfa_valid is False
    assert result.pdfa_findings


def test_a_font_whose_licence_forbids_embedding_is_refused(ca: CaBundle, tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    from station.errors import ErrorCode, StationError
    from station.pades.sign import _font_path

    restricted = tmp_path / "restricted.ttf"
    with TTFont(_font_path()) as font:
        font["OS/2"].fsType = 0x0002  # "Restricted License embedding"
        font.save(restricted)
    path = tmp_path / "component.pdf"
    original = component_pdf(pages=1, pdfa=True)
    path.write_bytes(original)
    key = Pkcs12Key(pkcs12_file(tmp_path, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session, pytest.raises(StationError) as caught:
        sign_pdf(path, session, Stamp(CLERK, SCAN, font_path=str(restricted)))
    assert caught.value.code is ErrorCode.SIGN_FONT_NOT_EMBEDDABLE
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["component.pdf"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".signing")]


def test_another_embeddable_font_draws_the_stamp(ca: CaBundle, tmp_path: Path) -> None:
    from importlib import resources

    serif = str(resources.files("resources") / "fonts" / "DejaVuSerif.ttf")
    path = tmp_path / "component.pdf"
    path.write_bytes(component_pdf(pages=1))
    key = Pkcs12Key(pkcs12_file(tmp_path, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(path, session, Stamp(CLERK, SCAN, font_path=serif))
    assert verify_pdf(path, [ca.root_pem]).intact
    assert max(_stamp_glyph_widths(path)) < 1000  # in 1/1000 em, as PDF reads them


def test_the_bundled_font_has_glyph_widths_in_thousandths(ca: CaBundle, tmp_path: Path) -> None:
    path = _signed(ca, tmp_path, component_pdf(pages=1))
    widths = _stamp_glyph_widths(path)
    assert widths and max(widths) < 1000 and min(widths) > 200  # letters, not 2048ths


def _stamp_glyph_widths(path: Path) -> list[float]:
    with pikepdf.open(path) as pdf:
        (widget,) = [a for a in pdf.pages[0].Annots if a.get("/Subtype") == "/Widget"]
        fonts = _fonts_in(widget.AP.N)
        widths: list[float] = []
        for font in fonts:
            for item in font.DescendantFonts[0].W:
                if isinstance(item, pikepdf.Array):
                    widths += [float(w) for w in item]
        return widths


def _fonts_in(xobject: pikepdf.Object) -> list[pikepdf.Object]:
    found = list(xobject.get("/Resources", {}).get("/Font", {}).values())
    for inner in xobject.get("/Resources", {}).get("/XObject", {}).values():
        found += _fonts_in(inner)
    return found
