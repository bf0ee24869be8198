"""ID number shapes: CCCD with a province and a century/sex digit, old CMND, passport."""

from __future__ import annotations

from datetime import date

import pytest

from station.id_number import PROVINCES, IdKind, IdProblem, check_id_number


def test_a_cccd_names_its_province_birth_year_and_sex() -> None:
    checked = check_id_number(" 001 190 000 003 ")
    assert checked.ok and checked.kind is IdKind.CCCD and checked.number == "001190000003"
    assert (checked.province, checked.birth_year, checked.sex) == ("Hà Nội", 1990, "female")
    born_2005 = check_id_number("079205000001")
    assert (born_2005.province, born_2005.birth_year, born_2005.sex) == (
        "Hồ Chí Minh",
        2005,
        "male",
    )


@pytest.mark.parametrize(
    ("digits", "born", "ok"),
    [
        ("000", 1900, True), ("190", 1990, True), ("226", 2026, True), ("326", 2026, True),
        ("227", 2027, False), ("390", 2090, False), ("400", 2100, False), ("590", 2190, False),
        ("600", 2200, False), ("790", 2290, False), ("899", 1899, False), ("990", 1890, False),
    ],
)  # fmt: skip
def test_a_birth_year_to_come_or_before_1900_is_flagged(digits: str, born: int, ok: bool) -> None:
    checked = check_id_number(f"001{digits}000000", this_year=2026)
    assert checked.kind is IdKind.CCCD and checked.birth_year == born
    assert checked.ok is ok
    assert checked.problem is (None if ok else IdProblem.BIRTH_YEAR)
    assert checked.province == "Hà Nội"  # still told, for the clerk to compare with the card


def test_the_latest_birth_year_is_this_years_by_default() -> None:
    this_year = date.today().year
    assert check_id_number(f"0012{this_year % 100:02d}000000").ok
    assert not check_id_number(f"0012{(this_year + 1) % 100:02d}000000").ok


def test_a_cccd_whose_first_digits_name_no_province_is_flagged() -> None:
    for prefix in ("000", "003", "099", "100", "999"):
        checked = check_id_number(f"{prefix}190000003")
        assert checked.kind is IdKind.CCCD and checked.problem is IdProblem.PROVINCE, prefix
    assert len(PROVINCES) == 63


@pytest.mark.parametrize(
    ("text", "kind"),
    [("123456789", IdKind.CMND), ("b1234567", IdKind.PASSPORT), ("C12345678", IdKind.PASSPORT)],
)
def test_old_ids_and_passports_pass(text: str, kind: IdKind) -> None:
    checked = check_id_number(text)
    assert checked.ok and checked.kind is kind


@pytest.mark.parametrize(
    "text",
    ["12345", "1234567890", "0011900000031", "AB123456", "B123456", "B123456789", "Ư1234567"],
)
def test_other_shapes_are_flagged(text: str) -> None:
    checked = check_id_number(text)
    assert checked.kind is None and checked.problem is IdProblem.SHAPE


def test_the_province_codes_are_the_63_of_thong_tu_07_2016() -> None:
    # The 2025 mergers left CCCD numbers as they were: the 63 old provinces' codes stay valid.
    assert len(PROVINCES) == 63
    assert {"001", "031", "048", "079", "092", "096"} <= set(PROVINCES)
    assert not {"000", "003", "005", "097", "099"} & set(PROVINCES)
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCES)
