"""The invisible text layer of a page: each OCR'd word drawn in render mode 3 over its box.

The font is Tesseract's glyphless font (one empty glyph, half an em wide) as a Type0 font with
Identity-H: each character is written as its UTF-16 code, the CIDToGIDMap sends every code to
the empty glyph and the ToUnicode map gives the code back, so `pdftotext` and a viewer's search
return the page's NFC Vietnamese as read. Each word is stretched (Tz) to its box's width and
sized to its line's height, with the font's box from the baseline up one em, so selecting it
highlights the word on the image. The font program is embedded, as PDF/A-2b asks.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pikepdf
from pikepdf import Array, Dictionary, Name

from station.ocr.model import PageText, Word

FONT_NAME = "/GlyphLessFont"
_RESOURCE = "/OcrText"
_CHAR_WIDTH = 500  # the glyph's advance in 1/1000 em
_SURROGATES = range(0xD8, 0xE0)


class TextLayer:
    """Draws pages' words in one PDF; the font object is made once and shared by its pages."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self._pdf = pdf
        self._font: pikepdf.Object | None = None

    def draw(self, text: PageText, width_pt: float, height_pt: float, resources: Dictionary) -> str:
        """The operators to append to the page's content; the font goes in `resources`."""
        if not text.words or text.width <= 0 or text.height <= 0:
            return ""
        if self._font is None:
            self._font = self._pdf.make_indirect(_type0_font(self._pdf))
        resources.Font = Dictionary({_RESOURCE: self._font})
        return text_operators(text, width_pt, height_pt)


def text_operators(text: PageText, width_pt: float, height_pt: float) -> str:
    """The content stream of the page's words, in the page's points (origin bottom-left)."""
    sx, sy = width_pt / text.width, height_pt / text.height
    ops = ["BT", "3 Tr"]
    for line in text.lines:
        size = max(w.height for w in line) * sy
        bottom = max(w.top + w.height for w in line)
        baseline = height_pt - bottom * sy
        for word in line:
            ops.append(_word(word, sx, size, baseline))
    ops.append("ET")
    return "\n".join(op for op in ops if op)


def _word(word: Word, sx: float, size: float, baseline: float) -> str:
    codes = [ord(c) for c in word.text if ord(c) <= 0xFFFF and (ord(c) >> 8) not in _SURROGATES]
    if not codes or size <= 0:
        return ""
    natural = len(codes) * _CHAR_WIDTH / 1000 * size
    stretch = 100.0 * (word.width * sx) / natural
    hexed = "".join(f"{c:04X}" for c in codes)
    return (
        f"{_RESOURCE} {_fmt(size)} Tf {_fmt(stretch)} Tz "
        f"1 0 0 1 {_fmt(word.left * sx)} {_fmt(baseline)} Tm <{hexed}> Tj"
    )


def _type0_font(pdf: pikepdf.Pdf) -> Dictionary:
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name(FONT_NAME),
        Flags=5,
        FontBBox=Array([0, 0, _CHAR_WIDTH, 1000]),
        ItalicAngle=0,
        Ascent=1000,
        Descent=-1,  # not 0: readers take 0 as "unknown" and guess a deep descent
        CapHeight=1000,
        StemV=80,
        FontFile2=pdf.make_stream(_font_program()),
    )
    cid_font = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name(FONT_NAME),
        CIDSystemInfo=Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=_CHAR_WIDTH,
        CIDToGIDMap=pdf.make_stream(b"\x00\x01" * 0x10000),
    )
    return Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=Name(FONT_NAME),
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]),
        ToUnicode=pdf.make_stream(_to_unicode()),
    )


@cache
def _font_program() -> bytes:
    return (resources.files("resources") / "fonts" / "GlyphLessFont.ttf").read_bytes()


@cache
def _to_unicode() -> bytes:
    """Each 2-byte code is its own UTF-16 code unit (surrogates aside: never written)."""
    ranges = [f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in range(256) if h not in _SURROGATES]
    blocks = []
    for start in range(0, len(ranges), 100):  # at most 100 entries per block
        chunk = ranges[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"
