"""Codes kept with their page (migration 13): format, kind and corners; the text only for a
dossier code or a separator, never for a CCCD's QR."""

from __future__ import annotations

from station.codes.model import CodeKind, FoundCode, Point, to_stored
from tests.station.workflow.support import CODE, new_dossier, scanned_page

CORNERS = (Point(10.0, 20.0), Point(110.0, 20.0), Point(110.0, 120.0), Point(10.0, 120.0))


def test_codes_are_kept_with_the_page_without_personal_text(store, catalog) -> None:
    new_dossier(store, catalog)
    page = scanned_page(store, CODE, "A4", "TP1")
    found = [
        FoundCode("Code128", "000.00.14.H05-250601-0042", CORNERS, CodeKind.DOSSIER_CODE),
        FoundCode("QRCode", "001090000000||NGUYỄN VĂN A|01011990|Nam|X|15042021", CORNERS,
                  CodeKind.ID_CARD),
    ]  # fmt: skip
    store.set_page_codes(page.id, [to_stored(code) for code in found])
    dossier_code, card = store.page_codes(page.id)
    assert (dossier_code.kind, dossier_code.text) == (CodeKind.DOSSIER_CODE, found[0].text)
    assert (card.kind, card.text, card.position) == (CodeKind.ID_CARD, "", CORNERS)
    store.set_page_codes(page.id, [])  # read again: the new reading replaces the old
    assert store.page_codes(page.id) == []
