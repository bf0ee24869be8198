"""The papers of a dossier as they reach the counter (`content=papers`): forms citizens fill in,
papers an agency issued (a birth notice, a marriage certificate, a result notice), contracts,
and copies of an ID card on A4.

Sheet n of a batch with seed s is PAPERS[(s + n - 1) % len(PAPERS)], so a batch walks through
the list and a test knows each page's title without reading it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from drivers.virtual import content as words
from drivers.virtual.card import CARD_HEIGHT, CARD_WIDTH, card_back, card_front, card_front_2024
from drivers.virtual.document import (
    SIGN_BLOCK_MM,
    _centred,
    _date_words,
    _filler,
    _flow,
    _release,
    _sign_block,
    form_front,
)
from drivers.virtual.elements import (
    Blob,
    Element,
    Matrix,
    Photo,
    Polygon,
    Rule,
    Seal,
    Strokes,
    Text,
)
from drivers.virtual.typeset import Flow


@dataclass(frozen=True)
class Paper:
    title: str  # as printed, one line or wrapped
    layout: str  # "form" (filled in by the citizen), "issued" (by an agency), "card" (a copy)
    issuer: str = ""  # the agency's first header line, for "issued"


PAPERS = (
    Paper("GIẤY CHỨNG SINH", "issued", "SỞ Y TẾ"),
    Paper("CĂN CƯỚC CÔNG DÂN", "card"),
    Paper("HỢP ĐỒNG CHUYỂN NHƯỢNG QUYỀN SỬ DỤNG ĐẤT", "form"),
    Paper("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "issued", "ỦY BAN NHÂN DÂN"),
    Paper("TỜ KHAI ĐĂNG KÝ KHAI TỬ", "form"),
    Paper("GIẤY BÁO TỬ", "issued", "SỞ Y TẾ"),
    Paper("CĂN CƯỚC", "card"),  # the 2024 card
    Paper("GIẤY ỦY QUYỀN", "form"),
    Paper("GIẤY CHỨNG NHẬN KẾT HÔN", "issued", "ỦY BAN NHÂN DÂN"),
    Paper("GIẤY KHAI SINH", "issued", "ỦY BAN NHÂN DÂN"),
    Paper("TRÍCH LỤC KHAI TỬ", "issued", "ỦY BAN NHÂN DÂN"),
    Paper("THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC ĐĂNG KÝ CƯ TRÚ", "issued", "CÔNG AN"),
    Paper("HỢP ĐỒNG CHO THUÊ NHÀ", "form"),
    Paper("GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH", "form"),
    Paper("GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH", "issued", "ỦY BAN NHÂN DÂN"),
    Paper("TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP", "form"),
    Paper("PHIẾU LÝ LỊCH TƯ PHÁP", "issued", "SỞ TƯ PHÁP"),
    Paper("GIẤY KHÁM SỨC KHỎE CỦA NGƯỜI LÁI XE", "issued", "SỞ Y TẾ"),
    Paper("XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ", "issued", "CÔNG AN"),  # form CT07
    Paper("THÔNG BÁO KẾT QUẢ ĐĂNG KÝ ĐẤT ĐAI", "issued", "VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI"),
    Paper("TỜ KHAI LỆ PHÍ TRƯỚC BẠ", "form"),
    Paper("ĐƠN ĐỀ NGHỊ ĐỔI, CẤP LẠI GIẤY PHÉP LÁI XE", "form"),
    Paper("BIÊN BẢN HỌP THÀNH VIÊN HỘ GIA ĐÌNH", "form"),
    Paper("TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "form"),
)


def paper_of(seed: int, sheet: int) -> Paper:
    return PAPERS[(seed + sheet - 1) % len(PAPERS)]


def paper_front(
    paper: Paper, rng: np.random.Generator, width: float, height: float
) -> list[Element]:
    if paper.layout == "form":
        return form_front(rng, width, height, paper.title)
    if paper.layout == "card":
        return card_copy(rng, width, paper.title == "CĂN CƯỚC")
    return issued_front(rng, width, height, paper)


def issued_front(
    rng: np.random.Generator, width: float, height: float, paper: Paper
) -> list[Element]:
    """An agency's paper: its name left, the motto right, the title, the holder's details."""
    flow = _flow(width, height, SIGN_BLOCK_MM)
    commune, province = words.place(rng)
    split = flow.left + 0.4 * flow.width
    agency = Flow(flow.left - 8 * flow.scale, split, flow.y, flow.bottom, flow.scale)
    agency.line(paper.issuer, 12.5, "sans", "center")
    unit = province.upper() if paper.issuer in ("SỞ Y TẾ", "SỞ TƯ PHÁP") else commune.upper()
    name = agency.line(unit, 12.5, "sans-bold", "center")
    if name:
        agency.underline(name, 0.4)
    agency.gap(2)
    agency.line(f"Số: {int(rng.integers(1, 999)):03d}/{int(rng.integers(2024, 2027))}", 13,
                "serif", "center")  # fmt: skip
    nation = Flow(split, flow.right + 5 * flow.scale, flow.y, flow.bottom, flow.scale)
    nation.line(words.MOTTO_NATION, 11.5, "sans-bold", "center")
    motto = nation.line(words.MOTTO, 12.5, "sans-bold", "center")
    if motto:
        nation.underline(motto)
    flow.elements.extend(agency.elements + nation.elements)
    flow.y = max(agency.y, nation.y) + 10 * flow.scale
    _centred(flow, paper.title, 15, "sans-bold")
    flow.gap(6)
    day, month, year = words.date(rng, 1950, 2025)
    flow.fields([("Họ, chữ đệm, tên:", words.person_name(rng))])
    flow.fields(
        [("Ngày sinh:", f"{day:02d}/{month:02d}/{year}"),
         ("Giới tính:", words.pick(rng, ("Nam", "Nữ")))],
    )  # fmt: skip
    flow.fields([("Số định danh cá nhân:", words.id_number(rng))])
    flow.fields([("Nơi cư trú:", words.address(rng))])
    flow.gap(2)
    flow.paragraph(words.sentences(rng, 3))
    _filler(flow, rng)
    _release(flow)
    top = flow.y
    flow.line(_date_words(rng, commune.split(" ", 1)[1]), 12.5, "serif-italic", "right")
    if flow.y > top:
        seal = f"{paper.issuer} {unit} ★ {province.upper()}"
        centre = flow.left + 0.72 * flow.width
        _sign_block(flow, rng, centre, ["THỦ TRƯỞNG CƠ QUAN"], words.person_name(rng), seal)
    return flow.elements


def card_copy(rng: np.random.Generator, width: float, new_card: bool) -> list[Element]:
    """Both sides of an ID card copied 1:1 on the top half of a sheet, as counters ask for."""
    front = card_front_2024(rng) if new_card else card_front(rng)
    back = card_back(rng)
    left = (width - CARD_WIDTH) / 2
    elements: list[Element] = []
    for side, top in ((front, 22.0), (back, 32.0 + CARD_HEIGHT)):
        elements.extend(_shifted(e, left, top) for e in side.elements)
        elements += [
            Rule(left, top, CARD_WIDTH, 0.2, (120, 120, 120)),
            Rule(left, top + CARD_HEIGHT, CARD_WIDTH, 0.2, (120, 120, 120)),
            Rule(left, top, 0.2, CARD_HEIGHT, (120, 120, 120)),
            Rule(left + CARD_WIDTH, top, 0.2, CARD_HEIGHT, (120, 120, 120)),
        ]
    return elements


def _shifted(element: Element, dx: float, dy: float) -> Element:
    def points(path: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
        return tuple((x + dx, y + dy) for x, y in path)

    if isinstance(element, Text | Rule | Photo | Matrix):
        return replace(element, x=element.x + dx, y=element.y + dy)
    if isinstance(element, Blob):
        return replace(element, cx=element.cx + dx, cy=element.cy + dy,
                       knockout=points(element.knockout))  # fmt: skip
    if isinstance(element, Seal):
        return replace(element, cx=element.cx + dx, cy=element.cy + dy)
    if isinstance(element, Strokes):
        return replace(element, paths=tuple(points(p) for p in element.paths))
    if isinstance(element, Polygon):
        return replace(element, points=points(element.points))
    return element
