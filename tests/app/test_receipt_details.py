"""The receipt words what was missing: a paper by its name, an alternative as one of its
papers, a group of cases left open by the cases to choose from."""

from __future__ import annotations

from app.receipt_details import UnmetKind, cli_lines, receipt_details
from station.dossiers import DossierRequest, open_dossier
from station.workflow.finish import missing_required

DEATH = "1.000656"  # khai tử: Giấy báo tử (TP2) or the proof of death (TP3)


def test_an_alternative_is_worded_as_one_of_its_papers(store, catalog) -> None:
    dossier = open_dossier(store, catalog, DossierRequest("HS-KT-0001", DEATH))[0]
    missing = missing_required(store, catalog, dossier.code)
    details = receipt_details(catalog, store.dossier(dossier.code), missing)
    (one_of,) = [u for u in details.missing if u.kind is UnmetKind.ONE_OF]
    assert [n.code for n in one_of.items] == ["TP2", "TP3"]
    assert all(n.name and n.name != n.code for n in one_of.items)
    lines = cli_lines(details)
    worded = next(line for line in lines if "một trong / one of:" in line)
    assert f"TP2 {one_of.items[0].name} hoặc / or TP3 {one_of.items[1].name}" in worded
    assert not any("TP2|TP3" in line for line in lines)
