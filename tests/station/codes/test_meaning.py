"""What a code's text means: CCCD fields, separator sheets, dossier codes."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from station.codes import CodeKind, IdCard, Separator, classify, parse_id_card, separator_text

CARD = "001090000000||NGUYỄN VĂN A|01011990|Nam|Xã X, Huyện Y, Tỉnh Z|15042021"


def test_a_cccd_qr_gives_its_seven_fields() -> None:
    card = parse_id_card(CARD + "\r\n")
    assert card == IdCard(
        id_number="001090000000",
        old_id_number="",
        name="NGUYỄN VĂN A",
        birth_date=date(1990, 1, 1),
        sex="Nam",
        address="Xã X, Huyện Y, Tỉnh Z",
        issued_on=date(2021, 4, 15),
    )


def test_a_decomposed_name_comes_back_nfc() -> None:
    card = parse_id_card(unicodedata.normalize("NFD", CARD.replace("Nam", "Nữ")))
    assert card is not None
    assert card.name == unicodedata.normalize("NFC", "NGUYỄN VĂN A")
    assert card.sex == "Nữ"


def test_extra_fields_of_newer_cards_are_kept() -> None:
    card = parse_id_card(CARD + "|x|y")
    assert card is not None and card.extra == ("x", "y")


@pytest.mark.parametrize(
    "text",
    [
        CARD.replace("001090000000", "00109000000"),  # 11 digits
        CARD.replace("001090000000", "00109000000A"),
        CARD.replace("01011990", "31021990"),  # no 31 February
        CARD.replace("||", "|12345|"),  # old ID neither 9 nor 12 digits
        "|".join(CARD.split("|")[:6]),  # six fields
        CARD.replace("NGUYỄN VĂN A", ""),
    ],
)
def test_text_not_shaped_like_a_cccd_is_not_a_card(text: str) -> None:
    assert parse_id_card(text) is None
    assert classify(text)[0] is not CodeKind.ID_CARD


def test_a_separator_names_procedure_and_component() -> None:
    text = separator_text("1.000656", "TP1")
    assert text == "SOHOA-SEP:1.000656:TP1"
    assert classify(text) == (CodeKind.SEPARATOR, Separator("1.000656", "TP1"))


@pytest.mark.parametrize("text", ["SOHOA-SEP:1.000656", "SOHOA-SEP::TP1", "SOHOA-SEP:a b:TP1"])
def test_a_malformed_separator_is_other(text: str) -> None:
    assert classify(text)[0] is CodeKind.OTHER


def test_a_dossier_code_of_the_standard_shape_is_recognised() -> None:
    kind, fields = classify(" 000.00.14.H05-250601-0042\r\n")
    assert kind is CodeKind.DOSSIER_CODE
    assert fields is not None and fields.code == "000.00.14.H05-250601-0042"


def test_a_dossier_code_with_an_impossible_date_keeps_its_warning() -> None:
    kind, fields = classify("000.00.14.H05-251341-0042")
    assert kind is CodeKind.DOSSIER_CODE
    assert fields.warnings == ("invalid_date",)


@pytest.mark.parametrize("text", ["G09.20-20260609-0092637", "hello", "  "])
def test_other_text_is_other(text: str) -> None:
    assert classify(text) == (CodeKind.OTHER, None)
