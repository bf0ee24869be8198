"""The text a finished page carries into its PDF: the page's kept text when it was read on the
very transforms the page was rendered with, else the page read now (a page finished before the
background reader reached it, or analysed afresh by finishing)."""

from __future__ import annotations

from dataclasses import replace

from station.model import Page, Transform
from station.ocr.jobs import ReadJob, read_job
from station.ocr.model import PageText
from station.ocr.records import basis_of, save_text, stored_text
from station.ocr.switch import reads_text
from station.pdf import EncodedPage
from station.store import Store


def with_text(
    store: Store,
    page: Page,
    encoded: EncodedPage,
    rendered_with: tuple[Transform, ...],
    profile: str,
) -> EncodedPage:
    if not reads_text(store, profile):
        return encoded
    return replace(encoded, text=text_for(store, page, rendered_with))


def text_for(store: Store, page: Page, transforms: tuple[Transform, ...]) -> PageText:
    basis = basis_of(page.original.sha256, transforms)
    kept = stored_text(store, page.id, basis)
    if kept is not None:
        return kept
    path = str(store.layout.absolute(page.original.path))
    text = read_job(ReadJob(page.id, path, page.original.sha256, page.dpi, transforms))
    save_text(store, page.id, basis, text)
    return text
