"""The station's switch that turns reading (OCR) off for a profile, kept in the store: with it
off no page of that profile is read (no title during analysis, no suggestion, nothing queued at
start) and its finished PDFs have no text layer; switched on again, Finish reads the pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import pytest

from app.analysis import analyse_page
from app.finishing import finish
from app.reading import ReadingQueue, dossier_suggestions, read_stored_page, unread_pages
from station.capture import PageOrigin, store_pixels
from station.errors import ErrorCode, StationError
from station.ocr.records import stored_text
from station.ocr.switch import profiles_not_read, reads_text, set_profiles_not_read
from station.workflow import tag_pages
from tests.station.ocr.forms import form_title, virtual_form
from tests.station.workflow.support import CODE, PROCEDURE, new_dossier

PROFILE = "standard"


@pytest.fixture
def form_page(store, catalog):
    """A form tagged TP1 in an open dossier, and its title line."""
    new_dossier(store, catalog)
    pixels, lines = virtual_form(1, 200)  # "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"
    rgb = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    page = store_pixels(store, CODE, rgb, 200, PageOrigin("virtual", "A4", "TP1"))
    title = form_title(lines)
    assert title is not None
    return page, title


def _pdf_text(store, receipt) -> str:
    path: Path = store.layout.absolute(receipt.files[0].path)
    args = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_every_profile_reads_until_switched_off(store) -> None:
    assert profiles_not_read(store) == frozenset()
    assert all(reads_text(store, name) for name in ("standard", "jpeg", "lossless"))
    assert not reads_text(store, "card")  # declared never read: the card's text is personal
    set_profiles_not_read(store, ["card", "standard"])
    assert profiles_not_read(store) == {"card", "standard"}
    assert not reads_text(store, "standard") and reads_text(store, "jpeg")
    set_profiles_not_read(store, [])
    assert reads_text(store, "standard")


def test_an_unknown_profile_is_refused_and_nothing_changes(store) -> None:
    set_profiles_not_read(store, ["card"])
    with pytest.raises(StationError) as raised:
        set_profiles_not_read(store, ["standard", "nope"])
    assert raised.value.code is ErrorCode.UNKNOWN_PROFILE
    assert profiles_not_read(store) == {"card"}


def test_switched_off_no_page_is_read_and_the_pdf_has_no_text(store, catalog, form_page) -> None:
    page, _title = form_page
    set_profiles_not_read(store, [PROFILE])
    rgb = cv2.cvtColor(virtual_form(1, 200)[0], cv2.COLOR_BGR2RGB)
    untagged = store_pixels(store, CODE, rgb, 200, PageOrigin("virtual", "A4", None))
    assert analyse_page(store, untagged.id, PROFILE, title=True).title is None
    analyse_page(store, page.id, PROFILE, title=True)
    assert unread_pages(store, PROFILE) == []
    ReadingQueue(store, lambda: PROFILE).queue(page.id)  # run at once, in this thread
    assert read_stored_page(store, page.id, PROFILE) is None
    for read in (page, untagged):
        assert stored_text(store, read.id, whole=False) is None  # not even a title
    assert dossier_suggestions(store, catalog.get(PROCEDURE), CODE) == {}
    tag_pages(store, [untagged.id], "TP1")
    outcome = finish(store, catalog, CODE, profile=PROFILE, override_reason="thử")
    assert _pdf_text(store, outcome.receipt).strip() == ""
    assert stored_text(store, page.id, whole=False) is None  # Finish read nothing either


def test_switched_on_again_the_pages_are_read_and_the_pdf_has_text(
    store, catalog, form_page
) -> None:
    page, title = form_page
    set_profiles_not_read(store, [PROFILE])
    analyse_page(store, page.id, PROFILE, title=True)
    set_profiles_not_read(store, [])
    assert unread_pages(store, PROFILE) == [page.id]  # what was left unread is found at start
    outcome = finish(store, catalog, CODE, profile=PROFILE, override_reason="thử")
    assert title in _pdf_text(store, outcome.receipt).splitlines()
    assert stored_text(store, page.id) is not None
