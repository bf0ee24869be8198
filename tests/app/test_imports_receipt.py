"""The import loop with no dossier given: the first page's receipt chooses the dossier, as in a
scan batch; a frontend without drafts gets nothing stored when the first page names none."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from app.codes import ReceiptRead
from app.imports import ImportSession, PageImported
from tests.app.support import Recorder
from tests.station.codes.synth import PageSpec, make_page

CODE = "000.00.14.H05-251204-0052"
DPI = 200


def _receipt(tmp_path: Path) -> Path:
    path = tmp_path / "receipt.png"
    pixels = make_page(PageSpec(CODE, "DataMatrix", DPI, 12, "gray", None, 0, 0, 3))
    Image.fromarray(pixels).save(path, dpi=(DPI, DPI))
    return path


def _plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.png"
    Image.fromarray(np.full((300, 210), 240, np.uint8)).save(path, dpi=(DPI, DPI))
    return path


def test_the_receipt_is_reported_before_its_page_and_chooses_the_dossier(store, tmp_path) -> None:
    events = Recorder()
    session = ImportSession(store, listener=events, drafts=False)
    session.import_paths([_receipt(tmp_path), _plain(tmp_path)])
    assert [type(e) for e in events] == [ReceiptRead, PageImported, PageImported]
    assert events[0] == ReceiptRead(CODE, created=True)
    assert session.dossier_code == CODE and not session.no_dossier
    assert [p.dossier_code for p in store.pages(CODE)] == [CODE, CODE]


def test_without_drafts_a_first_page_naming_no_dossier_stores_nothing(store, tmp_path) -> None:
    events = Recorder()
    session = ImportSession(store, listener=events, drafts=False)
    failed = session.import_paths([_plain(tmp_path), _receipt(tmp_path)])
    assert failed == [] and list(events) == [] and session.pages == []
    assert session.no_dossier and session.dossier_code is None
    assert store.dossiers() == []  # no draft, and the receipt after it opened nothing
