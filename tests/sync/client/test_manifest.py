"""The manifest a finished dossier sends: its files, and the annotated-page pairs in them."""

from __future__ import annotations

import json

import pikepdf

from station.workflow import finish_dossier, mark_annotated
from sync.enqueue import enqueue_dossier
from sync.jobs import JobKind
from tests.station.workflow.support import CODE, new_dossier, scanned_page


def test_annotated_pairs_are_page_numbers_in_each_component_pdf(station) -> None:
    store, catalog = station.store, station.catalog
    new_dossier(store, catalog, CODE)
    # Dossier order: TP1 TP1 KQ1 TP1 TP1; TP1's PDF holds pages 1, 2, 4, 5 as its 1..4.
    pages = [scanned_page(store, CODE, "A5", c) for c in ("TP1", "TP1", "KQ1", "TP1", "TP1")]
    mark_annotated(store, pages[0].id)
    mark_annotated(store, pages[3].id)
    finish_dossier(store, catalog, CODE, profile="jpeg", workers=1)

    jobs = enqueue_dossier(store, catalog, CODE)

    manifest = json.loads(next(j for j in jobs if j.kind is JobKind.MANIFEST).payload)
    by_component = {c["component_code"]: c for c in manifest["components"]}
    assert by_component["TP1"]["annotated_pairs"] == [[1, 2], [3, 4]]
    assert by_component["KQ1"]["annotated_pairs"] == []
    files = {j.component_code: j for j in jobs if j.kind is JobKind.FILE}
    with pikepdf.open(store.layout.absolute(files["TP1"].path)) as pdf:
        assert len(pdf.pages) == by_component["TP1"]["pages"] == 4


def test_a_dossier_without_annotated_pages_sends_empty_pairs(station) -> None:
    jobs = station.finish()
    manifest = json.loads(next(j for j in jobs if j.kind is JobKind.MANIFEST).payload)
    assert [c["annotated_pairs"] for c in manifest["components"]] == [[], []]
