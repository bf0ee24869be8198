"""A citizen identity card (ID-1, 85.6 x 54 mm): guilloche, emblem, photo, fields, QR; its back.

Two fronts: the chip CCCD of 2021 ("CĂN CƯỚC CÔNG DÂN", residence on the front) and the Căn
cước card issued since 1 July 2024 ("CĂN CƯỚC", no residence on the front, "Số định danh cá
nhân", and a QR carrying more fields after the seven the station reads).
"""

from __future__ import annotations

import math

import numpy as np
import zxingcpp

from drivers.virtual import content as words
from drivers.virtual.document import signature
from drivers.virtual.elements import (
    RGB,
    Blob,
    Element,
    Matrix,
    Photo,
    Rule,
    Seal,
    Sheet,
    Strokes,
    Text,
)
from drivers.virtual.fonts import text_width_mm
from drivers.virtual.sprites import star_points
from drivers.virtual.typeset import words_line, wrap
from station.id_number import PROVINCES

CARD_WIDTH, CARD_HEIGHT, CARD_CORNER = 85.6, 54.0, 3.18
CARD_STOCK = (226, 234, 230)
GUILLOCHE = (196, 220, 214)
HEADER_RED = (190, 34, 44)
CARD_INK = (26, 26, 26)


def _text(
    x: float, y: float, text: str, size: float, face: str = "sans", ink: RGB = CARD_INK
) -> Text:
    return Text(x, y, size, ((0.0, text),), text_width_mm(text, face, size), face, ink)


def _centred(cx: float, y: float, text: str, size: float, face: str, ink: RGB = CARD_INK) -> Text:
    return _text(cx - text_width_mm(text, face, size) / 2, y, text, size, face, ink)


def _guilloche(rng: np.random.Generator) -> Strokes:
    paths = []
    xs = np.linspace(0.0, CARD_WIDTH, 120)
    for k in range(9):
        phase = rng.uniform(0, 2 * math.pi)
        base = 4 + k * 6
        ys = base + 2.2 * np.sin(xs / 6.5 + phase) + 1.1 * np.sin(xs / 2.3 + 2 * phase)
        paths.append(tuple(zip(xs.tolist(), ys.tolist(), strict=True)))
    return Strokes(tuple(paths), width=0.12, ink=GUILLOCHE)


def _emblem(cx: float, cy: float, r: float) -> list[Element]:
    star = tuple(star_points(cx, cy, 0.62 * r, 0.25 * r))
    return [
        Blob(cx, cy, 1.12 * r, 1.12 * r, ink=(236, 196, 80)),  # the golden rim and the star
        Blob(cx, cy, r, r, ink=(214, 50, 44), knockout=star),
    ]


def _qr(rng: np.random.Generator, x: float, y: float, module: float) -> Matrix:
    n = 25
    bits = rng.random((n, n)) < 0.5
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):  # the three finder squares
        bits[fy : fy + 7, fx : fx + 7] = True
        bits[fy + 1 : fy + 6, fx + 1 : fx + 6] = False
        bits[fy + 2 : fy + 5, fx + 2 : fx + 5] = True
    rows = tuple("".join("1" if bit else "0" for bit in row) for row in bits)
    return Matrix(x, y, module, rows)


def holder_number(raw: str, year: int, sex: str) -> str:
    """A CCCD number of the right shape (station/id_number.py) from 12 random digits: a
    province of birth registration, the century and sex digit, the year of birth."""
    provinces = sorted(PROVINCES)
    province = provinces[int(raw[1:4]) % len(provinces)]
    century = (year // 100 - 19) * 2 + (sex == "Nữ")
    return f"{province}{century % 10}{year % 100:02d}{raw[6:]}"


def card_qr_text(number: str, name: str, born: tuple[int, int, int], sex: str, address: str) -> str:
    """What the chip card's QR holds (DOMAIN.md §4); issued on a date drawn from the birth."""
    day, month, year = born
    issued = f"{day % 28 + 1:02d}{month:02d}{2021 + year % 4}"
    return f"{number}||{name}|{day:02d}{month:02d}{year}|{sex}|{address}|{issued}"


def card_qr_text_2024(
    number: str, name: str, born: tuple[int, int, int], sex: str, address: str, expiry: str
) -> str:
    """The 2024 card's QR: the seven fields of the older card, then the card's expiry date and
    the place of birth registration (what readers of the new card report; the station reads the
    first seven and keeps nothing of the rest)."""
    day, month, year = born
    base = card_qr_text(number, name, (day, month, year), sex, address)
    return f"{base}|{expiry}|{address.rsplit(', ', 1)[-1]}"


def card_front_2024(rng: np.random.Generator, qr: str = "holder") -> Sheet:
    """The Căn cước card (Law on Identification 2023, issued since 1 July 2024)."""
    name = words.person_name(rng).upper()
    day, month, year = words.date(rng, 1950, 2007)
    elements: list[Element] = [_guilloche(rng), *_emblem(8.5, 8.0, 5.6)]
    elements += [
        _centred(47, 5.2, words.MOTTO_NATION, 2.05, "sans-bold"),
        _centred(47, 8.2, words.MOTTO, 2.1, "sans-bold"),
        _centred(47, 12.8, "CĂN CƯỚC", 3.6, "sans-bold", HEADER_RED),
        _centred(47, 15.5, "IDENTITY CARD", 1.9, "sans"),
        Photo(3.5, 18.0, 19.0, 25.0, int(rng.integers(2**31))),
    ]
    pattern = _qr(rng, 71.5, 17.5, 0.45)
    x = 25.0
    raw_number = words.id_number(rng)
    sex = words.pick(rng, ("Nam", "Nữ"))
    number = raw_number if qr == "random" else holder_number(raw_number, year, sex)
    if qr == "bad-number":
        number = "000" + number[3:]
    fields = [
        (20.0, "Số định danh cá nhân / Personal identification number:", None, 0),
        (23.4, number, None, 2.8),
        (27.0, "Họ, chữ đệm và tên khai sinh / Full name:", None, 0),
        (30.2, name, None, 2.5),
        (34.0, "Ngày, tháng, năm sinh / Date of birth:", f"{day:02d}/{month:02d}/{year}", 1.9),
        (37.4, "Giới tính / Sex:", sex + "   Quốc tịch / Nationality: Việt Nam", 1.9),
    ]
    elements += _fields(x, fields, 1.6)
    address = words.address(rng)  # on the back of the new card; still in its QR
    ages = [age for age in (25, 40, 60) if year + age > 2025]
    expiry = f"{day:02d}{month:02d}{year + ages[0]}" if ages else ""
    shown = f"{expiry[:2]}/{expiry[2:4]}/{expiry[4:]}" if expiry else "Không thời hạn"
    elements.append(_text(3.5, 46.4, "Có giá trị đến / Date of expiry:", 1.5))
    elements.append(_text(3.5, 48.9, shown, 1.7, "sans-bold"))
    if qr == "random":
        elements.append(pattern)
    else:
        text = card_qr_text_2024(number, name, (day, month, year), sex, address, expiry)
        if qr == "not-cccd":
            text = "|".join(text.split("|")[:3]) + "|"
        elements.append(_real_qr(text, 71.5, 1.8, 12.6))
    return Sheet(CARD_WIDTH, CARD_HEIGHT, CARD_STOCK, tuple(elements), CARD_CORNER)


def _fields(
    x: float, fields: list[tuple[float, str, str | None, float]], label_size: float
) -> list[Element]:
    """The card's printed fields: a label alone (bold when it has a size of its own, as a
    name line) or a label followed by its value in bold on the same line."""
    drawn: list[Element] = []
    for y, label, value, size in fields:
        if value is None:
            face = "sans-bold" if size else "sans"
            drawn.append(_text(x, y, label, size or label_size, face))
            continue
        drawn.append(_text(x, y, label, label_size))
        offset = text_width_mm(label + " ", "sans", label_size)
        drawn.append(_text(x + offset, y, value, size, "sans-bold"))
    return drawn


def card_front(rng: np.random.Generator, qr: str = "holder") -> Sheet:
    name = words.person_name(rng).upper()
    day, month, year = words.date(rng, 1950, 2007)
    origin_commune, origin_province = words.place(rng)
    elements: list[Element] = [_guilloche(rng), *_emblem(8.5, 8.0, 5.6)]
    elements += [
        _centred(47, 5.2, words.MOTTO_NATION, 2.05, "sans-bold"),
        _centred(47, 8.2, words.MOTTO, 2.1, "sans-bold"),
        _centred(47, 12.6, "CĂN CƯỚC CÔNG DÂN", 3.4, "sans-bold", HEADER_RED),
        _centred(47, 15.3, "Citizen Identity Card", 1.9, "sans"),
        Photo(3.5, 18.0, 19.0, 25.0, int(rng.integers(2**31))),
    ]
    pattern = _qr(rng, 71.5, 17.5, 0.45)  # drawn even when unused: the fields keep their draws
    x = 25.0
    raw_number = words.id_number(rng)
    sex = words.pick(rng, ("Nam", "Nữ"))
    number = raw_number if qr == "random" else holder_number(raw_number, year, sex)
    if qr == "bad-number":
        number = "000" + number[3:]  # no province has code 000
    fields = [
        (19.6, "Số / No.:", number, 2.6),
        (23.4, "Họ và tên / Full name:", None, 0),
        (26.6, name, None, 2.5),
        (30.0, "Ngày sinh / Date of birth:", f"{day:02d}/{month:02d}/{year}", 1.9),
        (33.2, "Giới tính / Sex:", sex + "   Quốc tịch / Nationality: "
         "Việt Nam", 1.9),
        (36.4, "Quê quán / Place of origin:", None, 0),
        (39.4, f"{origin_commune}, {origin_province}", None, 1.9),
        (42.6, "Nơi thường trú / Place of residence:", None, 0),
    ]  # fmt: skip
    elements += _fields(x, fields, 1.75)
    address = words.address(rng)
    residence = wrap(address, "sans-bold", 1.9, CARD_WIDTH - x - 3)
    for k, line in enumerate(residence[:2]):
        elements.append(words_line(x, 45.8 + 2.8 * k, 1.9, line, "sans-bold", CARD_INK))
    # valid until the holder turns 25, 40 or 60, then for life
    ages = [age for age in (25, 40, 60) if year + age > 2025]
    expiry = f"{day:02d}/{month:02d}/{year + ages[0]}" if ages else "Không thời hạn"
    elements.append(_text(3.5, 46.4, "Có giá trị đến:", 1.5))
    elements.append(_text(3.5, 48.9, expiry, 1.7, "sans-bold"))
    if qr == "random":
        elements.append(pattern)
    else:
        text = card_qr_text(number, name, (day, month, year), sex, address)
        if qr == "not-cccd":  # cut short: the number, the old number, the name
            text = "|".join(text.split("|")[:3]) + "|"
        elements.append(_real_qr(text, 71.5, 1.8, 12.6))  # top right, as on the card
    return Sheet(CARD_WIDTH, CARD_HEIGHT, CARD_STOCK, tuple(elements), CARD_CORNER)


def _real_qr(text: str, x: float, y: float, side: float) -> Matrix:
    """A QR code of `text`, `side` mm wide with its quiet zone."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="L")
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1, add_quiet_zones=True))
    rows = tuple("".join("1" if v < 128 else "0" for v in row) for row in image)
    return Matrix(x, y, side / len(rows), rows, text=text)


def _fingerprint(cx: float, cy: float, rng: np.random.Generator) -> Strokes:
    paths = []
    for k in range(1, 14):
        rx, ry = 0.42 * k, 0.55 * k
        start = rng.uniform(0.1, 0.6)
        angles = np.linspace(start, 2 * math.pi - start, 40) + math.pi / 2
        xs = cx + rx * np.cos(angles)
        ys = cy + ry * np.sin(angles) * 0.95
        paths.append(tuple(zip(xs.tolist(), ys.tolist(), strict=True)))
    return Strokes(tuple(paths), width=0.16, ink=(60, 60, 66))


def card_back(rng: np.random.Generator) -> Sheet:
    day, month, year = words.date(rng, 2021, 2026)
    elements: list[Element] = [_guilloche(rng)]
    elements += [
        _text(3.5, 5.5, "Đặc điểm nhân dạng / Personal identification:", 1.7),
        _text(3.5, 8.4, "Nốt ruồi C:1cm trên sau đuôi mắt trái", 1.8, "sans-bold"),
        _text(
            3.5, 13.0, f"Ngày, tháng, năm / Date, month, year: {day:02d}/{month:02d}/{year}", 1.7
        ),
        _text(3.5, 17.0, "CỤC TRƯỞNG CỤC CẢNH SÁT", 1.9, "sans-bold"),
        _text(3.5, 19.6, "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", 1.9, "sans-bold"),
        signature(rng, 10.0, 21.5, 18.0, 7.0),
        Seal(12.0, 25.0, 6.8, "BỘ CÔNG AN ★ CỤC CẢNH SÁT QLHC VỀ TTXH", int(rng.integers(2**31))),
        _text(9.0, 32.0, words.person_name(rng), 1.9, "sans-bold"),
    ]
    for cx, label in ((60.0, "Ngón trỏ trái"), (76.0, "Ngón trỏ phải")):
        elements += [
            Rule(cx - 7, 3.0, 14, 0.15),
            Rule(cx - 7, 21.0, 14, 0.15),
            Rule(cx - 7, 3.0, 0.15, 18),
            Rule(cx + 7, 3.0, 0.15, 18.15),
            _fingerprint(cx, 12.0, rng),
            _centred(cx, 24.0, label, 1.6, "sans"),
        ]
    number = words.id_number(rng)
    mrz = (
        f"IDVNM{number[3:]}{number[-1]}{number}<<{int(rng.integers(10))}",
        f"{year % 100:02d}{month:02d}{day:02d}{int(rng.integers(10))}M{(year + 40) % 100:02d}"
        "VNM<<<<<<<<<<<8",
        words.ascii_name(words.person_name(rng)).replace(" ", "<") + "<" * 12,
    )  # fmt: skip
    elements.append(Rule(0, 36.0, CARD_WIDTH, 18.0, (236, 238, 236)))
    for k, line in enumerate(mrz):
        elements.append(_text(4.0, 41.5 + 4.2 * k, line[:30], 3.0, "sans", (30, 30, 30)))
    return Sheet(CARD_WIDTH, CARD_HEIGHT, CARD_STOCK, tuple(elements), CARD_CORNER)
