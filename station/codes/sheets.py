"""Separator sheets: one A4 page per component, with the QR the reader tells apart from the
dossier's pages (station.codes.separator) and the component's name for the clerk."""

from __future__ import annotations

from importlib import resources

import zxingcpp
from fpdf import FPDF
from PIL import Image

from station.codes.patch import NARROW_MM, WIDE_MM
from station.codes.separator import separator_text
from station.model import Procedure

FONT = "DejaVu"
QR_MM = 60.0
QR_MODULE_PX = 12
LONG_NAME = 80  # characters; longer names are set smaller to stay above the notice
# printed on every sheet, so that nobody scans one into a dossier by mistake
NOTICE = "Tờ phân cách — không số hóa vào hồ sơ / Separator sheet — not scanned into the dossier"
PATCH_T_TITLE = "PATCH T — Thành phần kế tiếp / Next component"
PATCH_BARS = (NARROW_MM, WIDE_MM, NARROW_MM, WIDE_MM)  # top to bottom, 2 mm spaces between


def separator_qr(procedure: str, component: str) -> Image.Image:
    barcode = zxingcpp.create_barcode(
        separator_text(procedure, component), zxingcpp.BarcodeFormat.QRCode, ec_level="Q"
    )
    return Image.fromarray(zxingcpp.write_barcode_to_image(barcode, scale=QR_MODULE_PX))


def separator_sheets(procedure: Procedure, patch_t: bool = False) -> bytes:
    """The PDF: one page per component, in catalog order, and a transfer patch sheet last
    when asked (it works for every procedure: the next component in checklist order)."""
    pdf = FPDF(format="A4")
    fonts = resources.files("resources") / "fonts"
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    for component in procedure.components:
        _sheet(pdf, procedure, component.code, component.name)
    if patch_t:
        _patch_t_sheet(pdf)
    return bytes(pdf.output())


def _patch_t_sheet(pdf: FPDF) -> None:
    pdf.add_page()
    y = 30.0
    for k, bar in enumerate(PATCH_BARS):
        pdf.rect(20, y, pdf.w - 40, bar, style="F")
        y += bar + (NARROW_MM if k < len(PATCH_BARS) - 1 else 0)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_xy(pdf.l_margin, y + 25)
    pdf.set_font(FONT, "B", 24)
    pdf.multi_cell(width, 12, PATCH_T_TITLE, align="C")
    pdf.set_xy(pdf.l_margin, pdf.h - 40)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, NOTICE, align="C")


def _sheet(pdf: FPDF, procedure: Procedure, code: str, name: str) -> None:
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FONT, "", 11)
    pdf.set_xy(pdf.l_margin, 20)
    pdf.multi_cell(width, 6, f"{procedure.code} — {procedure.name}", align="C")
    pdf.image(separator_qr(procedure.code, code), x=(pdf.w - QR_MM) / 2, y=45, w=QR_MM)
    pdf.set_xy(pdf.l_margin, 45 + QR_MM + 12)
    size = 28 if len(name) <= LONG_NAME else 20
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(width, size * 0.47, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 16)
    pdf.multi_cell(width, 12, code, align="C")
    pdf.set_xy(pdf.l_margin, pdf.h - 40)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, NOTICE, align="C")
