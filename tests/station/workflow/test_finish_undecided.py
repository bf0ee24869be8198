"""A case group left at "not chosen" hides the papers its cases ask for, so Finish refuses it
like a missing paper: the clerk chooses the case, or gives a reason (the override)."""

from __future__ import annotations

import pytest

from station.dossiers import DossierRequest, open_dossier, set_cases
from station.errors import ErrorCode, StationError
from station.model import DossierState
from station.workflow import finish_dossier
from station.workflow.checks import check_requirements, component_needs, missing_components
from tests.station.workflow.support import tiny_page

RESIDENCE = "1.004222"  # đăng ký thường trú: the dwelling (group cho_o) decides the papers
FAMILY_NOTE = "quan_he_da_co_trong_csdl"  # the clerk: the relationship is in the database


def _open(store, catalog, code: str, cases: tuple[str, ...] = ()) -> str:
    dossier, _ = open_dossier(store, catalog, DossierRequest(code, RESIDENCE, cases=cases))
    return dossier.code


def _tag(store, code: str, *components: str) -> None:
    for component in components:
        tiny_page(store, code, component)


def _finished_files(store) -> list[str]:
    finished = store.layout.home / "finished"
    return sorted(p.name for p in finished.rglob("*") if p.is_file()) if finished.exists() else []


def test_a_dossier_with_its_dwelling_not_chosen_is_refused_naming_the_group(store, catalog) -> None:
    code = _open(store, catalog, "TT-U1")
    _tag(store, code, "TP1")  # the CT01 form alone: every paper asked for in every case
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    error = caught.value
    assert error.code is ErrorCode.CASES_UNDECIDED
    assert error.params["groups"].startswith("cho_o (so_huu, ve_o_voi_gia_dinh, thue_muon_o_nho")
    assert error.params["example"] == "so_huu"
    assert store.dossier(code).state is DossierState.OPEN
    assert _finished_files(store) == []


def test_the_refusal_for_an_undecided_group_comes_before_the_missing_papers(store, catalog) -> None:
    code = _open(store, catalog, "TT-U2", ("viet_kieu",))  # a flag, but still no dwelling
    _tag(store, code, "TP1")
    assert missing_components(catalog.get(RESIDENCE), store.pages(code), ("viet_kieu",)) == [
        "TP16|TP17",
        "undecided:cho_o",
    ]
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    assert caught.value.code is ErrorCode.CASES_UNDECIDED
    assert caught.value.params["components"] == "TP16|TP17"


def test_rented_housing_chosen_with_its_papers_finishes_without_override(store, catalog) -> None:
    code = _open(store, catalog, "TT-U3", ("thue_muon_o_nho",))
    _tag(store, code, "TP1", "TP13", "TP14")  # CT01, the lease, the floor-area proof
    receipt = finish_dossier(store, catalog, code)
    assert (receipt.override_reason, receipt.missing_required) == (None, ())
    assert store.dossier(code).state is DossierState.FINISHED


def test_choosing_the_case_after_opening_turns_the_refusal_into_the_case_papers(
    store, catalog
) -> None:
    code = _open(store, catalog, "TT-U4")
    _tag(store, code, "TP1")
    set_cases(store, catalog, code, ["thue_muon_o_nho"])
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    assert caught.value.code is ErrorCode.REQUIRED_COMPONENTS_MISSING
    assert caught.value.params["components"] == "TP13, TP14"
    _tag(store, code, "TP13", "TP14")
    finish_dossier(store, catalog, code)
    assert store.dossier(code).state is DossierState.FINISHED


def test_a_reason_overrides_an_undecided_group_and_is_kept(store, catalog) -> None:
    code = _open(store, catalog, "TT-U5")
    _tag(store, code, "TP1")
    with pytest.raises(StationError):
        finish_dossier(store, catalog, code, override_reason="   ")  # blank is no reason
    receipt = finish_dossier(store, catalog, code, override_reason="Công dân bổ sung sau")
    assert receipt.missing_required == ("undecided:cho_o",)
    assert receipt.override_reason == "Công dân bổ sung sau"
    dossier = store.dossier(code)
    assert (dossier.state, dossier.override_reason) == (
        DossierState.FINISHED,
        "Công dân bổ sung sau",
    )


def test_moving_in_with_family_needs_the_relationship_proof_or_the_clerks_note(
    store, catalog
) -> None:
    procedure = catalog.get(RESIDENCE)
    code = _open(store, catalog, "TT-U6", ("ve_o_voi_gia_dinh",))
    _tag(store, code, "TP1")
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    assert caught.value.params["components"] == f"TP11|{FAMILY_NOTE}"
    rows = {r.code: r for r in component_needs(procedure, store.pages(code), ["ve_o_voi_gia_dinh"])}
    assert (rows["TP11"].one_of, rows["TP11"].or_flags, rows["TP11"].missing) == (
        ("TP11",),
        (FAMILY_NOTE,),
        True,
    )

    noted = ("ve_o_voi_gia_dinh", FAMILY_NOTE)
    assert check_requirements(procedure, store.pages(code), noted).complete
    assert not any(r.missing for r in component_needs(procedure, store.pages(code), noted))
    set_cases(store, catalog, code, noted)
    receipt = finish_dossier(store, catalog, code)
    assert (receipt.override_reason, receipt.missing_required) == (None, ())


def test_moving_in_with_family_finishes_with_the_relationship_proof(store, catalog) -> None:
    code = _open(store, catalog, "TT-U7", ("ve_o_voi_gia_dinh",))
    _tag(store, code, "TP1", "TP11")
    receipt = finish_dossier(store, catalog, code)
    assert receipt.missing_required == ()
    assert [f.component_code for f in receipt.files] == ["TP1", "TP11"]


def test_the_clerks_note_alone_meets_nothing_in_another_dwelling(store, catalog) -> None:
    code = _open(store, catalog, "TT-U8", ("thue_muon_o_nho", FAMILY_NOTE))
    _tag(store, code, "TP1")
    with pytest.raises(StationError) as caught:
        finish_dossier(store, catalog, code)
    assert caught.value.params["components"] == "TP13, TP14"
