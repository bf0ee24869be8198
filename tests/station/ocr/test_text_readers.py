"""Finishing reads the pages that have no text yet side by side, and keeps what it read."""

from __future__ import annotations

import threading

import numpy as np

from station.imaging.results import ColourClass
from station.model import Transform
from station.ocr.jobs import ReadJob
from station.ocr.layer import TextReaders
from station.ocr.model import PageText
from station.ocr.records import basis_of, stored_text
from station.pdf import EncodeOptions, Encoding, encode_page
from tests.station.workflow.support import CODE, new_dossier, scanned_page

NONE: tuple[Transform, ...] = ()


def test_two_pages_are_read_at_the_same_time_and_their_text_kept(store, catalog) -> None:
    new_dossier(store, catalog)
    pages = [scanned_page(store, CODE, "A4", "TP1") for _ in range(2)]
    both_reading = threading.Barrier(2, timeout=20)  # one read at a time never gets past it

    def read(job: ReadJob) -> PageText:
        both_reading.wait()
        return PageText(100, 100, 300, 0, (), detected=False, engine="vie")

    blank = np.full((40, 30), 255, np.uint8)
    encoded = encode_page(blank, 300, ColourClass.GRAY, EncodeOptions(encoding=Encoding.JPEG))
    readers = TextReaders(store, "standard", 2, read)
    try:
        pending = [readers.text_of(p, encoded, NONE) for p in pages]
        finished = [item.result(store) for item in pending]
    finally:
        readers.close()
    assert all(page.text is not None and page.text.engine == "vie" for page in finished)
    for page in pages:
        kept = stored_text(store, page.id, basis_of(page.original.sha256, NONE))
        assert kept is not None and not kept.detected
