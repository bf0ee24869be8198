"""ID number shapes: CCCD with a province and a century/sex digit, old CMND, passport."""

from __future__ import annotations

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


@pytest.mark.parametrize("digit", list("0123456789"))
def test_every_century_digit_is_valid(digit: str) -> None:
    assert check_id_number(f"001{digit}90000000").ok


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
