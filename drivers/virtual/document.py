"""Administrative papers: a citizen's application form, a commune decision, a continuation page.

Layouts follow the shape of real ones (Decree 30/2020 on administrative documents): the national
motto, a centred title, justified 13 pt text, a ruled table, and a signature block where the red
seal covers the left third of a blue signature. Everything scales with the sheet, A7 to A0.
"""

from __future__ import annotations

import math

import numpy as np

from drivers.virtual import content as words
from drivers.virtual.elements import BLUE_INK, TONER, Element, Seal, Strokes
from drivers.virtual.typeset import Flow, wrap

SIGN_BLOCK_MM = 60.0  # height of a signature block at scale 1


def layout_scale(width: float, height: float) -> float:
    """1 on A4; bigger sheets get bigger type, small ones smaller (but still legible at 300 dpi)."""
    return float(min(2.5, max(0.4, min(width / 210.0, height / 297.0))))


def _flow(width: float, height: float, reserve: float = 0.0) -> Flow:
    """The text area; `reserve` (mm at scale 1) is kept free at the bottom for signatures."""
    s = layout_scale(width, height)
    bottom = height - (16 + reserve) * s
    return Flow(left=28 * s, right=width - 15 * s, top=18 * s, bottom=bottom, scale=s)


def _release(flow: Flow) -> None:
    """Give the reserved bottom back, for the signature block."""
    flow.bottom += SIGN_BLOCK_MM * flow.scale


def _centred(flow: Flow, text: str, points: float, face: str) -> None:
    for line in wrap(text, face, flow.size(points), flow.width * 0.9):
        flow.line(" ".join(line), points, face, "center")


def _date_words(rng: np.random.Generator, place: str) -> str:
    day, month, year = words.date(rng, 2024, 2027)
    return f"{place}, ngày {day:02d} tháng {month:02d} năm {year}"


def _filler(flow: Flow, rng: np.random.Generator) -> None:
    """More paragraphs and tables while the sheet has room (A3 to A0 hold much more than A4)."""
    table_last = False
    while flow.fits(flow.size(13) * 4):
        if not table_last and rng.random() < 0.25:
            _attachments(flow, rng, int(rng.integers(3, 7)))
            table_last = True
        elif flow.paragraph(words.sentences(rng, int(rng.integers(2, 5)))):
            table_last = False
        else:
            break


def _attachments(flow: Flow, rng: np.random.Generator, count: int) -> None:
    chosen = rng.choice(len(words.ATTACHMENTS), size=count, replace=False)
    rows = [
        [
            str(n),
            words.ATTACHMENTS[int(i)],
            str(int(rng.integers(1, 3))),
            rng.choice(["", "Bản sao"]),
        ]
        for n, i in enumerate(chosen, start=1)
    ]
    flow.table(["STT", "Tên giấy tờ", "Số lượng", "Ghi chú"], rows, [0.1, 0.56, 0.14, 0.2])


def signature(rng: np.random.Generator, x: float, y: float, w: float, h: float) -> Strokes:
    """A cursive scribble: a tall initial loop, a run of smaller loops, a flourish underneath."""
    loops = int(rng.integers(3, 7))
    t = np.linspace(0.0, 1.0, 40 * loops)
    phase = rng.uniform(0, 2 * math.pi)
    tilt = rng.uniform(-0.25, 0.1)
    envelope = 0.45 - 0.25 * t
    xs = x + w * (0.12 + 0.72 * t) + 0.07 * w * np.sin(2 * math.pi * loops * t + phase)
    ys = y + h * (0.5 + tilt * t - envelope * np.cos(2 * math.pi * loops * t))
    u = np.linspace(0.0, 1.0, 50)
    initial_x = x + w * (0.1 + 0.1 * np.sin(2 * math.pi * u))
    initial_y = y + h * (0.95 - 0.9 * np.sin(math.pi * u))
    f = np.linspace(0.0, 1.0, 40)
    flourish_x = x + w * (0.95 - 0.9 * f)
    flourish_y = y + h * (0.78 + 0.12 * np.sin(math.pi * f) + rng.uniform(-0.05, 0.05))
    paths = tuple(
        tuple(zip(px.tolist(), py.tolist(), strict=True))
        for px, py in ((initial_x, initial_y), (xs, ys), (flourish_x, flourish_y))
    )
    return Strokes(paths, width=0.5 * min(1.6, w / 40), ink=BLUE_INK, pressure=True)


def _sign_block(
    flow: Flow,
    rng: np.random.Generator,
    centre: float,
    titles: list[str],
    name: str,
    seal_text: str | None,
    note: str | None = None,
) -> None:
    s = flow.scale
    block = Flow(centre - 45 * s, centre + 45 * s, flow.y, flow.bottom + 30 * s, s)
    for title in titles:
        block.line(title, 12.5, "sans-bold", "center")
    if note:
        block.line(note, 12, "serif-italic", "center")
    sig_w, sig_h = 42 * s, 17 * s
    sig_x = centre - sig_w / 2 + rng.uniform(-6, 6) * s
    sig_y = block.y + 10 * s
    block.elements.append(signature(rng, sig_x, sig_y, sig_w, sig_h))
    if seal_text:
        radius = 17.5 * s
        cx = sig_x + sig_w / 3 - 0.8 * radius + rng.uniform(-3, 3) * s
        cx = max(cx, radius + 2 * s)  # a clerk stamps on the paper, not the desk
        cy = sig_y + sig_h / 2 + rng.uniform(-1, 4) * s
        block.elements.append(Seal(cx, cy, radius, seal_text, int(rng.integers(2**31))))
    block.y = sig_y + sig_h + 9 * s
    block.line(name, 12.5, "sans-bold", "center")
    flow.elements.extend(block.elements)


def form_front(
    rng: np.random.Generator, width: float, height: float, title: str | None = None
) -> list[Element]:
    """A citizen's form; without a `title`, one of the scanner's form titles."""
    flow = _flow(width, height, SIGN_BLOCK_MM)
    commune, province = words.place(rng)
    handwritten = rng.random() < 0.5  # filled in by hand in blue, or typed on the portal
    face, ink = ("serif-italic", BLUE_INK) if handwritten else ("serif", TONER)
    flow.line(words.MOTTO_NATION, 12.5, "sans-bold", "center")
    motto = flow.line(words.MOTTO, 13, "sans-bold", "center")
    if motto:
        flow.underline(motto)
    flow.gap(7)
    _centred(flow, title or words.pick(rng, words.FORM_TITLES), 14.5, "sans-bold")
    flow.gap(3)
    _centred(flow, f"Kính gửi: Ủy ban nhân dân {commune}, {province}", 13, "serif")
    flow.gap(4)
    applicant = words.person_name(rng)
    flow.fields([("Họ, chữ đệm, tên người yêu cầu:", applicant)], value_face=face, value_ink=ink)
    flow.fields([("Nơi cư trú:", words.address(rng))], value_face=face, value_ink=ink)
    flow.fields([("Số định danh cá nhân:", words.id_number(rng))], value_face=face, value_ink=ink)
    flow.gap(1)
    flow.paragraph("Đề nghị cơ quan có thẩm quyền giải quyết cho người dưới đây:", indent=0)
    day, month, year = words.date(rng, 1950, 2025)
    flow.fields([("Họ, chữ đệm, tên:", words.person_name(rng))], value_face=face, value_ink=ink)
    flow.fields(
        [("Ngày sinh:", f"{day:02d}/{month:02d}/{year}"),
         ("Giới tính:", words.pick(rng, ("Nam", "Nữ")))],
        value_face=face, value_ink=ink,
    )  # fmt: skip
    flow.fields(
        [("Dân tộc:", words.pick(rng, words.ETHNICITIES)), ("Quốc tịch:", "Việt Nam")],
        value_face=face, value_ink=ink,
    )  # fmt: skip
    flow.gap(2)
    flow.line("Giấy tờ kèm theo:", 13, "serif")
    _attachments(flow, rng, int(rng.integers(3, 6)))
    flow.paragraph(words.COMMITMENT)
    _filler(flow, rng)
    _release(flow)
    top = flow.y
    flow.line(_date_words(rng, commune.split(" ", 1)[1]), 12.5, "serif-italic", "right")
    if flow.y > top:
        centre = flow.left + 0.74 * flow.width
        _sign_block(flow, rng, centre, ["NGƯỜI YÊU CẦU"], applicant, None, "(Ký, ghi rõ họ tên)")
        flow.y = top + flow.size(13) * 1.4
        officer = words.person_name(rng)
        seal = f"ỦY BAN NHÂN DÂN {commune.upper()} ★ {province.upper()}"
        centre = flow.left + 0.24 * flow.width
        _sign_block(flow, rng, centre, ["XÁC NHẬN CỦA", "CƠ QUAN TIẾP NHẬN"], officer, seal)
    return flow.elements


def decision_front(rng: np.random.Generator, width: float, height: float) -> list[Element]:
    flow = _flow(width, height, SIGN_BLOCK_MM)
    commune, province = words.place(rng)
    split = flow.left + 0.4 * flow.width
    agency = Flow(flow.left - 8 * flow.scale, split, flow.y, flow.bottom, flow.scale)
    agency.line("ỦY BAN NHÂN DÂN", 12.5, "sans", "center")
    name = agency.line(commune.upper(), 12.5, "sans-bold", "center")
    if name:
        agency.underline(name, 0.4)
    agency.gap(2)
    number = f"Số: {int(rng.integers(1, 999)):03d}/QĐ-UBND"
    agency.line(number, 13, "serif", "center")
    nation = Flow(split, flow.right + 5 * flow.scale, flow.y, flow.bottom, flow.scale)
    nation.line(words.MOTTO_NATION, 11.5, "sans-bold", "center")
    motto = nation.line(words.MOTTO, 12.5, "sans-bold", "center")
    if motto:
        nation.underline(motto)
    nation.gap(2)
    nation.line(_date_words(rng, commune.split(" ", 1)[1]), 12.5, "serif-italic", "center")
    flow.elements.extend(agency.elements + nation.elements)
    flow.y = max(agency.y, nation.y) + 8 * flow.scale
    flow.line("QUYẾT ĐỊNH", 14, "sans-bold", "center")
    _centred(flow, words.pick(rng, words.DECISION_SUBJECTS), 13, "sans-bold")
    flow.gap(4)
    _centred(flow, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.upper()}", 13, "sans-bold")
    flow.gap(3)
    for basis in rng.choice(len(words.LEGAL_BASES), size=2, replace=False):
        flow.paragraph(words.LEGAL_BASES[int(basis)], face="serif-italic")
    flow.paragraph("Theo đề nghị của công chức Tư pháp - Hộ tịch.", face="serif-italic")
    flow.line("QUYẾT ĐỊNH:", 13, "sans-bold", "center")
    flow.gap(2)
    flow.paragraph("Điều 1. " + words.sentences(rng, 3))
    _attachments(flow, rng, int(rng.integers(2, 5)))
    flow.paragraph("Điều 2. " + words.sentences(rng, 2))
    flow.paragraph(
        "Điều 3. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, công chức Tư pháp - Hộ tịch và "
        "các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    _filler(flow, rng)
    _release(flow)
    top = flow.y + 2 * flow.scale
    recipients = Flow(flow.left, flow.left + 0.45 * flow.width, top, flow.bottom, flow.scale)
    recipients.line("Nơi nhận:", 11, "serif-italic")
    for line in ("- Như Điều 3;", "- Chủ tịch, các PCT UBND;", "- Lưu: VT, TP-HT."):
        recipients.line(line, 10.5, "serif")
    if recipients.y > top:
        flow.elements.extend(recipients.elements)
        flow.y = top
        seal = f"ỦY BAN NHÂN DÂN {commune.upper()} ★ {province.upper()}"
        titles = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        centre = flow.left + 0.72 * flow.width
        _sign_block(flow, rng, centre, titles, words.person_name(rng), seal)
    return flow.elements


def document_front(rng: np.random.Generator, width: float, height: float) -> list[Element]:
    build = form_front if rng.random() < 0.5 else decision_front
    return build(rng, width, height)


def continuation(rng: np.random.Generator, width: float, height: float, page: int) -> list[Element]:
    """The printed back of a two-sided paper: more text, a table, a page number at the top."""
    flow = _flow(width, height)
    flow.line(str(page), 12, "serif", "center")
    flow.gap(4)
    flow.paragraph(words.sentences(rng, 4))
    _attachments(flow, rng, int(rng.integers(3, 7)))
    _filler(flow, rng)
    return flow.elements
