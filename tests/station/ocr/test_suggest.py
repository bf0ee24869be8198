"""The component a page's title suggests: diacritics, case and line breaks ignored."""

from __future__ import annotations

from station.ocr.model import PageText, Word
from station.suggest import fold, suggest


def _page(*lines: str, height: int = 3508) -> PageText:
    words = []
    for number, line in enumerate(lines):
        for index, token in enumerate(line.split()):
            words.append(Word(token, 100 + 80 * index, 200 + 90 * number, 70, 50, 90.0, number))
    return PageText(2480, height, 300, words=tuple(words))


def test_folding_drops_diacritics_case_and_punctuation() -> None:
    assert fold("TỜ KHAI\nĐĂNG KÝ, khai sinh!") == ["to", "khai", "dang", "ky", "khai", "sinh"]


def test_a_title_found_without_diacritics_across_lines_suggests_its_component(catalog) -> None:
    procedure = catalog.get("1.001193")
    hit = suggest(procedure, _page("CỘNG HÒA XÃ HỘI", "To khai dang", "ky KHAI SINH"))
    assert hit is not None and hit.component_code == "TP1" and hit.high


def test_the_topmost_title_wins_over_papers_listed_below_it(catalog) -> None:
    procedure = catalog.get("1.001193")
    page = _page("TỜ KHAI ĐĂNG KÝ KHAI SINH", "Giấy tờ kèm theo:", "Giấy chứng sinh", "Căn cước")
    hit = suggest(procedure, page)
    assert hit is not None and hit.component_code == "TP1"


def test_a_longer_phrase_beats_the_one_it_contains(catalog) -> None:
    procedure = catalog.get("1.001193")
    hit = suggest(procedure, _page("BẢN SAO GIẤY KHAI SINH"))
    assert hit is not None and hit.component_code == "KQ2"


def test_one_misread_letter_is_a_match_but_not_a_confident_one(catalog) -> None:
    procedure = catalog.get("1.001193")
    hit = suggest(procedure, _page("TỜ KHAI ĐĂNG KÝ KHAl SINH"))
    assert hit is not None and hit.component_code == "TP1" and not hit.high


def test_a_page_without_a_known_title_gets_nothing(catalog) -> None:
    procedure = catalog.get("1.001193")
    assert suggest(procedure, _page("QUYẾT ĐỊNH", "Về việc hỗ trợ kinh phí")) is None


def test_the_same_words_inside_a_sentence_are_not_a_confident_title(catalog) -> None:
    procedure = catalog.get("1.013978")
    page = _page("QUYẾT ĐỊNH", "Về việc cấp Giấy chứng nhận quyền sử dụng đất cho hộ ông A")
    hit = suggest(procedure, page)
    assert hit is not None and hit.component_code == "KQ1" and not hit.high


def test_a_card_title_with_a_few_more_words_is_still_a_title(catalog) -> None:
    procedure = catalog.get("1.001193")
    hit = suggest(procedure, _page("CĂN CƯỚC CÔNG DÂN", "Số: 001090000000"))
    assert hit is not None and hit.component_code == "TP6" and hit.high
