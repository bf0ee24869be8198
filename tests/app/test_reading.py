"""Reading analysed pages in the background: once per shape, again after a clerk's edit, never
with the profile's OCR off, and what is left unread at start is found."""

from __future__ import annotations

from dataclasses import replace

import cv2

from app.analysis import analyse_page
from app.reading import ReadingQueue, dossier_suggestions, read_stored_page, unread_pages
from station.capture import PageOrigin, store_pixels
from station.ocr.records import page_basis, stored_text
from station.pipeline import profile as profiles
from station.workflow import rotate_page, tag_pages
from tests.station.ocr.forms import virtual_form
from tests.station.workflow.support import CODE, PROCEDURE, new_dossier

PROFILE = "standard"


def _form_page(store, catalog):
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
