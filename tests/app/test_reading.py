"""Reading analysed pages in the background: once per shape, again after a clerk's edit, never
with the profile's OCR off, and what is left unread at start is found."""

from __future__ import annotations

from dataclasses import replace

import cv2

from app.analysis import analyse_page
from app.reading import (
    Job,
    Reading,
    ReadingQueue,
    dossier_suggestions,
    read_stored_page,
    suggestions,
    unread_pages,
)
from station.capture import PageOrigin, store_pixels
from station.ocr.records import page_basis, save_text, stored_text
from station.pipeline import profile as profiles
from station.workflow import rotate_page, tag_pages
from tests.station.ocr.forms import virtual_form
from tests.station.workflow.support import CODE, PROCEDURE, new_dossier

PROFILE = "standard"


def _form_page(store, catalog, dossier: bool = True):
    if dossier:
        new_dossier(store, catalog)
    pixels, _ = virtual_form(1, 200)  # "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", TP1 of 1.010041
    rgb = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    return store_pixels(store, CODE, rgb, 200, PageOrigin("virtual", "A4", None))


def test_a_page_is_read_after_its_analysis_and_kept_for_its_shape(store, catalog) -> None:
    page = _form_page(store, catalog)
    assert read_stored_page(store, page.id, PROFILE) is None  # not analysed yet
    assert unread_pages(store, PROFILE) == []
    analyse_page(store, page.id, PROFILE)
    assert unread_pages(store, PROFILE) == [page.id]  # left unread by a crash: found at start
    queue = ReadingQueue(store, lambda: PROFILE)
    assert queue.queue(page.id) and queue.pending == 0
    text = stored_text(store, page.id, page_basis(store.page(page.id)))
    assert text is not None and "THAY ĐỔI THÔNG TIN CƯ TRÚ" in text.text
    assert unread_pages(store, PROFILE) == []


def test_a_turned_page_is_read_again(store, catalog) -> None:
    page = _form_page(store, catalog)
    analyse_page(store, page.id, PROFILE)
    read_stored_page(store, page.id, PROFILE)
    rotate_page(store, page.id, 1)
    assert unread_pages(store, PROFILE) == [page.id]
    turned = read_stored_page(store, page.id, PROFILE)
    assert turned is not None and turned.width > turned.height  # a quarter turn: landscape
    assert unread_pages(store, PROFILE) == []


def test_with_ocr_off_nothing_is_read(store, catalog, monkeypatch) -> None:
    quiet = replace(profiles.PROFILES[PROFILE], name="quiet", ocr=False)
    monkeypatch.setitem(profiles.PROFILES, "quiet", quiet)
    page = _form_page(store, catalog)
    analyse_page(store, page.id, "quiet")
    assert not ReadingQueue(store, lambda: "quiet").queue(page.id)
    assert read_stored_page(store, page.id, "quiet") is None
    assert unread_pages(store, "quiet") == []


def test_an_untagged_page_is_suggested_its_component_and_a_tagged_one_is_not(
    store, catalog
) -> None:
    page = _form_page(store, catalog)
    analyse_page(store, page.id, PROFILE)
    read_stored_page(store, page.id, PROFILE)
    procedure = catalog.get(PROCEDURE)
    found = dossier_suggestions(store, procedure, CODE)
    assert found[page.id].component_code == "TP1" and found[page.id].high
    tag_pages(store, [page.id], "KQ1")
    assert dossier_suggestions(store, procedure, CODE) == {}


def test_a_fresh_page_is_suggested_before_the_whole_reads_waiting(store, catalog) -> None:
    first, second, fresh = (_form_page(store, catalog, dossier=n == 0) for n in range(3))
    for page in (first, second, fresh):
        analyse_page(store, page.id, PROFILE)
    handed: list[tuple[str, Job]] = []
    queue = ReadingQueue(store, lambda: PROFILE, lambda page_id, job: handed.append((page_id, job)))
    procedure = catalog.get(PROCEDURE)

    def run_handed() -> Reading:
        page_id, job = handed[-1]
        reading = job()
        queue.finished(page_id)
        assert reading is not None and reading.page.id == page_id
        return reading

    def suggested(reading: Reading) -> bool:
        hit = suggestions(procedure, [reading.page], {reading.page.id: reading.text})
        return reading.page.id in hit and hit[reading.page.id].component_code == "TP1"

    queue.queue(first.id)
    queue.queue(second.id)
    assert len(handed) == 1  # one job at a time
    for page in (first, second):  # title reads first: each suggested at once
        reading = run_handed()
        assert reading.page.id == page.id and not reading.text.whole and suggested(reading)
    assert handed[-1][0] == first.id  # then the whole reads, in the order queued
    queue.queue(fresh.id)  # arrives while they wait; one is handed out, the workers busy
    page_id, whole = handed[-1]
    assert whole() is None  # it begins after the fresh page was queued: it steps back
    queue.finished(page_id)
    assert len(handed) == 4 and queue.pending == 3
    reading = run_handed()
    assert reading.page.id == fresh.id and not reading.text.whole and suggested(reading)
    assert stored_text(store, second.id, page_basis(second)) is None  # still waiting
    assert set(unread_pages(store, PROFILE)) == {first.id, second.id, fresh.id}
    assert [run_handed().page.id for _ in range(3)] == [first.id, second.id, fresh.id]
    assert len(handed) == 7 and queue.pending == 0
    assert unread_pages(store, PROFILE) == []
    found = dossier_suggestions(store, procedure, CODE)
    assert {found[p.id].component_code for p in (first, second, fresh)} == {"TP1"}


def test_whole_reads_wait_while_fresh_pages_are_analysed(store, catalog) -> None:
    first, second = (_form_page(store, catalog, dossier=n == 0) for n in range(2))
    for page in (first, second):
        analyse_page(store, page.id, PROFILE)
    analysing = [True]
    handed: list[tuple[str, Job]] = []
    queue = ReadingQueue(
        store,
        lambda: PROFILE,
        lambda page_id, job: handed.append((page_id, job)),
        hold_wholes=lambda: analysing[0],
    )

    def run_handed() -> Reading:
        page_id, job = handed[-1]
        reading = job()
        queue.finished(page_id)
        assert reading is not None
        return reading

    queue.queue(first.id)
    queue.queue(second.id)
    assert [run_handed().text.whole for _ in range(2)] == [False, False]  # the titles
    assert len(handed) == 2 and queue.pending == 2  # the whole reads are held back
    queue.resume()
    assert len(handed) == 2  # still analysing: nothing more goes out
    analysing[0] = False
    queue.resume()
    assert len(handed) == 3
    assert [run_handed().text.whole for _ in range(2)] == [True, True]
    assert queue.pending == 0


def test_a_title_read_is_kept_for_suggestions_but_not_for_the_pdf(store, catalog) -> None:
    page = _form_page(store, catalog)
    analyse_page(store, page.id, PROFILE)
    title = read_stored_page(store, page.id, PROFILE, title=True)
    assert title is not None and not title.whole
    basis = page_basis(store.page(page.id))
    assert stored_text(store, page.id, basis) is None  # the text layer needs the whole page
    assert unread_pages(store, PROFILE) == [page.id]
    found = dossier_suggestions(store, catalog.get(PROCEDURE), CODE)
    assert found[page.id].component_code == "TP1" and found[page.id].high
    whole = read_stored_page(store, page.id, PROFILE)
    assert whole is not None and whole.whole and len(whole.words) > len(title.words)
    assert read_stored_page(store, page.id, PROFILE, title=True) == whole  # kept, not read
    save_text(store, page.id, basis, title)  # a title read late: the whole one stays
    assert stored_text(store, page.id, basis) == whole


def test_an_analysis_asked_for_the_title_reads_it_and_keeps_it(store, catalog) -> None:
    page = _form_page(store, catalog)
    analysed = analyse_page(store, page.id, PROFILE, title=True)
    assert analysed is not None and analysed.title is not None
    assert "THAY ĐỔI THÔNG TIN CƯ TRÚ" in analysed.title.text
    assert not analysed.title.whole  # the top only: the PDF's text layer still needs a read
    basis = page_basis(store.page(page.id))
    assert stored_text(store, page.id, basis, whole=False) == analysed.title
    assert stored_text(store, page.id, basis) is None
    assert unread_pages(store, PROFILE) == [page.id]


def test_a_tagged_page_gets_no_title_read_with_its_analysis(store, catalog) -> None:
    page = _form_page(store, catalog)
    tag_pages(store, [page.id], "TP1")
    assert analyse_page(store, page.id, PROFILE, title=True).title is None
    assert unread_pages(store, PROFILE) == [page.id]  # read in the background instead


def test_an_analysis_reads_no_title_unless_asked_or_with_ocr_off(
    store, catalog, monkeypatch
) -> None:
    first = _form_page(store, catalog)
    assert analyse_page(store, first.id, PROFILE).title is None
    assert stored_text(store, first.id, whole=False) is None
    quiet = replace(profiles.PROFILES[PROFILE], name="quiet", ocr=False)
    monkeypatch.setitem(profiles.PROFILES, "quiet", quiet)
    second = _form_page(store, catalog, dossier=False)
    assert analyse_page(store, second.id, "quiet", title=True).title is None
    assert stored_text(store, second.id, whole=False) is None
