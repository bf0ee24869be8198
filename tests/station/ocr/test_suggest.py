"""The component a page's title suggests: diacritics, case and line breaks ignored."""

from __future__ import annotations

import json

import pytest

from drivers.virtual.papers import PAPERS
from station.catalog import bundled_catalog_dir
from station.ocr import read_page, read_title
from station.ocr.model import PageText, Word
from station.pipeline.process import process_page
from station.pipeline.profile import get_profile
from station.suggest import fold, suggest
from tests.station.ocr.forms import PAPER_COMPONENTS, paper_case, virtual_form, virtual_paper


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


def test_papers_named_in_the_lower_half_are_not_suggested(catalog) -> None:
    procedure = catalog.get("1.001193")
    page = _page("QUYẾT ĐỊNH", "Về việc hỗ trợ", height=500)  # 2 lines in the top half
    below = tuple(
        Word(w, 100 + 80 * i, 400, 70, 30, 90.0, 9) for i, w in enumerate(("Giấy", "chứng", "sinh"))
    )
    lower = PageText(page.width, page.height, page.dpi, words=page.words + below)
    assert suggest(procedure, lower) is None


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


# One virtual-scanner form of each title, with the procedure and component it belongs to.
FORMS = (
    (1, "1.004222", "TP1"),  # TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ
    (3, "1.001193", "TP1"),  # TỜ KHAI ĐĂNG KÝ KHAI SINH
    (8, "2.000635", "TP1"),  # TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH
    (11, "1.000894", "TP1"),  # TỜ KHAI ĐĂNG KÝ KẾT HÔN
    (13, "1.013831", "TP1"),  # ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT
)


def test_scanned_virtual_forms_are_suggested_their_component(catalog) -> None:
    right = 0
    for seed, code, component in FORMS:
        pixels, _ = virtual_form(seed, 200, skew=1.5)
        upright = process_page(pixels, 200, get_profile("standard")).image
        hit = suggest(catalog.get(code), read_page(upright, 200))
        assert hit is None or hit.component_code == component or not hit.high
        right += hit is not None and hit.component_code == component
    assert right >= 0.9 * len(FORMS)


PAPER_PAGES = 2 * len(PAPERS)  # every paper twice, the second time against another procedure


def test_every_paper_the_scanner_prints_names_a_component_with_its_title(catalog) -> None:
    assert set(PAPER_COMPONENTS) == {paper.title for paper in PAPERS}
    for title, places in PAPER_COMPONENTS.items():
        for code, component in places:
            phrases = next(
                c.title_phrases for c in catalog.get(code).components if c.code == component
            )
            assert suggest_phrase(title) in {suggest_phrase(p) for p in phrases} or any(
                suggest_phrase(p) in suggest_phrase(title) for p in phrases
            ), (title, code, component)


def suggest_phrase(text: str) -> str:
    return " ".join(fold(text))


@pytest.mark.slow
def test_the_papers_of_real_dossiers_are_suggested_their_component(catalog) -> None:
    """Birth notices, card copies (both cards), contracts, issued certificates and result
    notices, application forms: 48 scanned pages, read as the window reads first (the title)."""
    right, wrong_high, missed = 0, [], []
    for seed in range(PAPER_PAGES):
        title, code, component = paper_case(seed)
        pixels, printed = virtual_paper(seed, 200, skew=(-1.2, 0.0, 1.8)[seed % 3])
        assert printed == title
        upright = process_page(pixels, 200, get_profile("standard")).image
        hit = suggest(catalog.get(code), read_title(upright, 200))
        if hit is not None and hit.component_code == component:
            right += 1
        else:
            missed.append((seed, title, code, hit))
            if hit is not None and hit.high:
                wrong_high.append((seed, title, code, hit))
    assert wrong_high == []
    assert right >= 0.9 * PAPER_PAGES, missed


def test_every_component_says_which_titles_suggest_it(catalog) -> None:
    """A component with no usual fixed form (a proof of any kind, a certified copy of anything)
    or whose form's title belongs to another component carries an explicit empty list, so a
    component nobody looked at yet stands out."""
    for path in sorted(bundled_catalog_dir().glob("*.json")):
        components = json.loads(path.read_text(encoding="utf-8"))["components"]
        assert all(isinstance(c.get("title_phrases"), list) for c in components), path.name
