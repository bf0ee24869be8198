"""Shapes of Vietnamese personal ID numbers, checked only to warn: the clerk reads the number
off the card and a typo is the usual fault.

- CCCD / thẻ căn cước: 12 digits. Digits 1-3: the province of birth registration (Thông tư
  07/2016/TT-BCA, the 63 provinces before the 2025 mergers; cards keep their numbers); digit 4:
  century of birth and sex; digits 5-6: year of birth; digits 7-12: a random number. A birth
  year after this year, or before 1900, is a typo in digits 4-6.
- CMND (old ID): 9 digits.
- Passport: one letter and 7 or 8 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

# Digit 4 of a CCCD: (first year of the century, sex); even = male, odd = female.
_CENTURY_SEX = {
    "0": (1900, "male"), "1": (1900, "female"), "2": (2000, "male"), "3": (2000, "female"),
    "4": (2100, "male"), "5": (2100, "female"), "6": (2200, "male"), "7": (2200, "female"),
    "8": (1800, "male"), "9": (1800, "female"),
}  # fmt: skip

EARLIEST_BIRTH_YEAR = 1900

_PASSPORT = re.compile(r"^[A-Z]\d{7,8}$")


class IdKind(StrEnum):
    CCCD = "cccd"
    CMND = "cmnd"
    PASSPORT = "passport"


class IdProblem(StrEnum):
    SHAPE = "shape"  # none of the three shapes
    PROVINCE = "province"  # 12 digits, but the first three name no province
    BIRTH_YEAR = "birth_year"  # a CCCD whose digits 4-6 give a year to come, or before 1900


@dataclass(frozen=True)
class IdCheck:
    number: str  # as checked: spaces dropped, letters upper-case
    kind: IdKind | None
    problem: IdProblem | None = None
    province: str = ""
    birth_year: int | None = None  # CCCD only
    sex: str = ""  # CCCD only: "male" or "female"

    @property
    def ok(self) -> bool:
        return self.problem is None


def normalize_id_number(text: str) -> str:
    return "".join(text.split()).upper()


def check_id_number(text: str, this_year: int | None = None) -> IdCheck:
    """`this_year`: the latest birth year a CCCD may carry (the local calendar's, by default)."""
    number = normalize_id_number(text)
    if number.isdigit() and len(number) == 12:
        province = PROVINCES.get(number[:3])
        if province is None:
            return IdCheck(number, IdKind.CCCD, IdProblem.PROVINCE)
        century, sex = _CENTURY_SEX[number[3]]
        born = century + int(number[4:6])
        latest = date.today().year if this_year is None else this_year
        problem = None if EARLIEST_BIRTH_YEAR <= born <= latest else IdProblem.BIRTH_YEAR
        return IdCheck(number, IdKind.CCCD, problem, province, born, sex)
    if number.isdigit() and len(number) == 9:
        return IdCheck(number, IdKind.CMND)
    if _PASSPORT.match(number):
        return IdCheck(number, IdKind.PASSPORT)
    return IdCheck(number, None, IdProblem.SHAPE)
