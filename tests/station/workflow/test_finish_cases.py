"""Finish follows what the law asks in the dossier's case: an alternative paper is enough, a
case adds its own papers, and a paper the registry must not ask for is never missing."""

from __future__ import annotations

import pytest

from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode, StationError
from station.model import DossierState
from station.workflow import finish_dossier
from tests.station.workflow.support import tiny_page

DEATH = "1.000656"  # khai tử: Giấy báo tử (TP2) or, for a death long ago, proof of death (TP3)
RESIDENCE = "1.004222"  # đăng ký thường trú
BIRTH = "1.001193"  # khai sinh: TP7, the parents' marriage certificate, must not be requested


def _open(store, catalog, code: str, procedure: str, cases: tuple[str, ...] = ()) -> str:
    dossier, _ = open_dossier(store, catalog, DossierRequest(code, procedure, cases=cases))
    return dossier.code


def _tag(store, code: str, *components: str) -> None:
    for component in components:
        tiny_page(store, code, component)


def test_a_death_long_ago_finishes_with_the_proof_of_death_and_no_death_notice(
    store, catalog
) -> None:
    code = _open(store, catalog, "KT-1", DEATH, ("nguoi_chet_da_lau",))
    _tag(store, code, "TP1", "TP3", "TP6")
    receipt = finish_dossier(store, catalog, code)
    assert receipt.override_reason is None and receipt.missing_required == ()
    assert store.dossier(code).state is DossierState.FINISHED


def test_rented_housing_cannot_finish_without_the_lease_and_the_floor_area_proof(
    store, catalog
) -> None:
    residence = catalog.get(RESIDENCE)
    needed = {c.code for c in residence.components if "thue_muon_o_nho" in c.required_in}
    assert len(needed) >= 2  # the contract and the floor-area proof
    code = _open(store, catalog, "TT-1", RESIDENCE, ("thue_muon_o_nho",))
    _tag(store, code, "TP1")
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    assert caught.value.code is ErrorCode.REQUIRED_COMPONENTS_MISSING
    assert needed <= set(caught.value.params["components"].split(", "))
    _tag(store, code, *sorted(needed))
    finish_dossier(store, catalog, code)
    assert store.dossier(code).state is DossierState.FINISHED


def test_a_paper_the_registry_must_not_ask_for_is_never_missing(store, catalog) -> None:
    birth = catalog.get(BIRTH)
    never = [c.code for c in birth.components if c.not_requested]
    assert never  # the parents' marriage certificate
    code = _open(store, catalog, "KS-1", BIRTH)
    _tag(store, code, "TP1")
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    missing = caught.value.params["components"]
    assert not any(c in missing.replace("|", ", ").split(", ") for c in never)
