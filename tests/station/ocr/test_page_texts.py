"""Which pages a finish reads: those without text kept for how they are encoded, none when the
profile is not read; what is read is kept for the page."""

from __future__ import annotations

from app.analysis import analyse_pending
from station.ocr.layer import PageTexts
from station.ocr.model import PageText
from station.ocr.switch import set_profiles_not_read
from station.workflow.finish import page_job
from tests.station.workflow.support import CODE, new_dossier, scanned_page


def test_a_page_is_read_until_its_text_is_kept_and_never_with_reading_off(store, catalog):
    new_dossier(store, catalog)
    scanned_page(store, CODE, "A6", "TP1")
    analyse_pending(store, "standard")
    [page] = store.pages(CODE)
    job = page_job(store, page, "standard")
    texts = PageTexts(store, "standard")
    assert job.replay and texts.must_read(page, job) and texts.kept(page, job.transforms) is None
    text = PageText(100, 100, 100, 0, (), detected=False, engine="vie")
    texts.keep(page, job.transforms, text)
    assert not texts.must_read(page, job) and texts.kept(page, job.transforms) == text
    set_profiles_not_read(store, ["standard"])
    other = scanned_page(store, CODE, "A6", "TP1")
    quiet = PageTexts(store, "standard")
    assert not quiet.must_read(other, page_job(store, other, "standard"))
