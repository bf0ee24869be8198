"""PAdES signing of a finished component PDF, with the visible stamp TT 01/2023 Điều 8 asks for:
the signer's name, the scan time and "Bản sao điện tử được số hóa", at the top left of page 1.

The file is signed by an incremental update (a PDF/A file stays PDF/A: its output intent and
XMP are untouched, the stamp's font is embedded), written beside the original, fsynced and
renamed over it: the original is never half-written.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import TextStampStyle

from station.errors import ErrorCode, StationError
from station.pades.keys import SigningSession

DEFAULT_STAMP_TEXT = "Bản sao điện tử được số hóa"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # the stamp shows the counter's time, whatever the PC's
FIELD_NAME = "SoHoaSignature"
MARGIN_PT = 14.0  # 5 mm from the page's top and left edges
STAMP_WIDTH_PT = 230.0
STAMP_HEIGHT_PT = 54.0
FONT_SIZE = 8


@dataclass(frozen=True)
class Stamp:
    signer_name: str
    scan_time: datetime
    text: str = DEFAULT_STAMP_TEXT
    font_path: str = ""  # a TrueType/OpenType font with Vietnamese; "" for the bundled one

    def lines(self) -> str:
        when = self.scan_time.astimezone(VIETNAM) if self.scan_time.tzinfo else self.scan_time
        return (
            f"Người số hóa: {self.signer_name}\n"
            f"Thời điểm số hóa: {when:%d/%m/%Y %H:%M}\n"
            f"{self.text}"
        )


def is_signed(path: Path) -> bool:
    with path.open("rb") as handle:
        return bool(PdfFileReader(handle, strict=False).embedded_signatures)


def sign_pdf(
    path: Path, session: SigningSession, stamp: Stamp, timestamp_url: str | None = None
) -> None:
    """Sign `path` in place; on any error the file is unchanged and no temporary file stays."""
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".signing", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as source:
            _sign_stream(path, source, out, session, stamp, timestamp_url)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def sign_pdf_bytes(
    data: bytes, session: SigningSession, stamp: Stamp, timestamp_url: str | None = None
) -> bytes:
    """The same signature on a PDF held in memory (finishing stages bytes, then publishes)."""
    out = io.BytesIO()
    _sign_stream(Path("<memory>"), io.BytesIO(data), out, session, stamp, timestamp_url)
    return out.getvalue()


def _sign_stream(
    path: Path,
    source: BinaryIO,
    out: BinaryIO,
    session: SigningSession,
    stamp: Stamp,
    timestamp_url: str | None,
) -> None:
    try:
        writer = IncrementalPdfFileWriter(source, strict=False)
    except (PdfError, ValueError, OSError) as exc:
        raise StationError(ErrorCode.SIGN_PDF_UNREADABLE, path=str(path), detail=str(exc)) from exc
    if writer.prev.embedded_signatures:
        raise StationError(ErrorCode.SIGN_ALREADY_SIGNED, path=str(path))
    font = embeddable_font(stamp.font_path or _font_path())
    box = _stamp_box(writer)
    signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            name=stamp.signer_name,
            reason=stamp.text,
        ),
        signer=session.signer,
        timestamper=timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None,
        stamp_style=_style(stamp, font),
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=0, box=box),
    )
    try:
        signer.sign_pdf(writer, output=out)
    except StationError:
        raise
    except Exception as exc:  # token pulled out, TSA down, a signer refusal...
        raise StationError(ErrorCode.SIGN_FAILED, detail=f"{type(exc).__name__}: {exc}") from exc


def _stamp_box(writer: IncrementalPdfFileWriter) -> tuple[int, int, int, int]:
    """Top left of page 1, inside the page even on an A7 card."""
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    x0, y0, x1, y1 = (float(v) for v in page["/MediaBox"])
    width = min(STAMP_WIDTH_PT, (x1 - x0) - 2 * MARGIN_PT)
    height = min(STAMP_HEIGHT_PT, (y1 - y0) - 2 * MARGIN_PT)
    left, top = x0 + MARGIN_PT, y1 - MARGIN_PT
    return (round(left), round(top - height), round(left + width), round(top))


def _style(stamp: Stamp, font_path: str) -> TextStampStyle:
    # Subset and embedded by pyHanko: Vietnamese renders anywhere, and PDF/A stays valid.
    font = GlyphAccumulatorFactory(font_path, font_size=FONT_SIZE)
    return TextStampStyle(
        stamp_text=stamp.lines().replace("%", "%%"),
        text_box_style=TextBoxStyle(font=font, font_size=FONT_SIZE),
        border_width=1,
        background=None,
    )


@cache
def _font_path() -> str:
    # DejaVu Sans rescaled to 1000 units per em, hinting removed (fontTools scale_upem): pyHanko
    # writes glyph widths in font units as if the em were 1000, and DejaVu's is 2048.
    return str(resources.files("resources") / "fonts" / "DejaVuSans-Stamp.ttf")


_RESTRICTED = 0x0002  # OS/2 fsType: restricted licence, no embedding
_BITMAP_ONLY = 0x0200  # only bitmaps may be embedded; a PDF stamp needs outlines


def embeddable_font(path: str) -> str:
    """The font, if its licence lets a PDF embed it (PDF/A requires embedded fonts)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    except (OSError, TTLibError) as exc:
        raise StationError(ErrorCode.SIGN_FAILED, detail=f"font {path}: {exc}") from exc
    if fs_type & (_RESTRICTED | _BITMAP_ONLY):
        raise StationError(ErrorCode.SIGN_FONT_NOT_EMBEDDABLE, path=path)
    return _at_1000_units(path)


@cache
def _at_1000_units(path: str) -> str:
    """pyHanko writes glyph widths in font units as if the em were 1000: a font with another
    em (DejaVu's is 2048) gets a rescaled, unhinted copy, made once per process."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    with TTFont(path) as font:
        if font["head"].unitsPerEm == 1000:
            return path
        for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
            if table in font:
                del font[table]  # hinting tuned for the old em breaks the outlines
        if "glyf" in font:
            glyphs = font["glyf"]
            for name in font.getGlyphOrder():
                glyphs[name].removeHinting()
        scale_upem(font, 1000)
        folder = Path(tempfile.mkdtemp(prefix="sohoa-stamp-font-"))
        scaled = folder / Path(path).name
        font.save(scaled)
    return str(scaled)
