"""Finish follows what the law asks per procedure: alternatives, cases, must-not-request papers."""

from __future__ import annotations

from station.dossiers import DossierRequest, open_dossier
from station.model import (
    Alternative,
    Case,
    Component,
    ComponentKind,
    Dossier,
    Page,
    Procedure,
)
from station.workflow import finish_dossier
from station.workflow.checks import (
    Need,
    check_requirements,
    component_needs,
    missing_components,
)
from tests.station.workflow.support import scanned_page, tiny_page

KHAI_TU = "1.000656"
KHAI_SINH = "1.001193"
THUONG_TRU = "1.004222"


def _open(store, catalog, procedure: str, code: str = "000.00.14.H05-251122-0007") -> Dossier:
    dossier, _ = open_dossier(store, catalog, DossierRequest(code, procedure, clerk_id="lan"))
    return dossier


def _tagged(store, code: str, *components: str) -> list[Page]:
    return [tiny_page(store, code, component) for component in components]


def test_khai_tu_with_proof_of_death_but_no_death_notice_finishes_without_override(
    store, catalog
) -> None:
    dossier = _open(store, catalog, KHAI_TU)
    for component in ("TP1", "TP3", "TP6"):  # TP3 = proof of death; no Giấy báo tử (TP2)
        scanned_page(store, dossier.code, "A4", component)

    receipt = finish_dossier(store, catalog, dossier.code, "jpeg")

    assert (receipt.override_reason, receipt.missing_required) == (None, ())


def test_khai_tu_without_death_notice_or_proof_of_death_misses_either(store, catalog) -> None:
    dossier = _open(store, catalog, KHAI_TU)
    pages = _tagged(store, dossier.code, "TP1", "TP6")
    assert missing_components(catalog.get(KHAI_TU), pages) == ["TP2|TP3"]


def test_a_death_long_ago_needs_the_proof_of_death_itself(store, catalog) -> None:
    dossier = _open(store, catalog, KHAI_TU)
    pages = _tagged(store, dossier.code, "TP1", "TP2", "TP6")
    procedure = catalog.get(KHAI_TU)
    assert missing_components(procedure, pages) == []
    report = check_requirements(procedure, pages, ["nguoi_chet_da_lau"])
    assert [(m.any_of, m.case) for m in report.missing] == [(("TP3",), "nguoi_chet_da_lau")]


def test_khai_sinh_for_an_abandoned_child_accepts_the_record_instead_of_the_birth_paper(
    store, catalog
) -> None:
    dossier = _open(store, catalog, KHAI_SINH)
    pages = _tagged(store, dossier.code, "TP1", "TP3", "TP6")
    assert missing_components(catalog.get(KHAI_SINH), pages, ["tre_bi_bo_roi"]) == []


def test_rented_housing_cannot_finish_without_the_lease_and_the_floor_area_proof(
    store, catalog
) -> None:
    procedure = catalog.get(THUONG_TRU)
    dossier = _open(store, catalog, THUONG_TRU)
    form = _tagged(store, dossier.code, "TP1")
    assert missing_components(procedure, form, ["thue_muon_o_nho"]) == ["TP13", "TP14"]

    with_lease = [*form, *_tagged(store, dossier.code, "TP13")]
    assert missing_components(procedure, with_lease, ["thue_muon_o_nho"]) == ["TP14"]

    complete = [*with_lease, *_tagged(store, dossier.code, "TP14")]
    assert missing_components(procedure, complete, ["thue_muon_o_nho"]) == []


def test_the_rented_housing_papers_are_not_asked_of_an_owner(store, catalog) -> None:
    procedure = catalog.get(THUONG_TRU)
    dossier = _open(store, catalog, THUONG_TRU)
    pages = _tagged(store, dossier.code, "TP1", "TP3")
    report = check_requirements(procedure, pages, ["so_huu"])
    assert report.complete and report.undecided_groups == ()


def test_overseas_vietnamese_need_either_passport_paper(store, catalog) -> None:
    procedure = catalog.get(THUONG_TRU)
    dossier = _open(store, catalog, THUONG_TRU)
    pages = _tagged(store, dossier.code, "TP2", "TP3")  # CT02 instead of CT01
    cases = ["so_huu", "viet_kieu"]
    assert missing_components(procedure, pages, cases) == ["TP16|TP17"]
    assert (
        missing_components(procedure, [*pages, *_tagged(store, dossier.code, "TP17")], cases) == []
    )


def test_a_must_not_request_component_never_appears_as_missing() -> None:
    procedure = Procedure(
        code="9.000001",
        name="Thử",
        components=(
            Component("TP1", "Tờ khai", required=True),
            Component("TP2", "Giấy chứng nhận kết hôn của cha, mẹ", False, not_requested=True),
            Component("TP3", "Giấy tờ khác", False),
            Component("KQ1", "Kết quả", True, ComponentKind.RESULT),
        ),
        cases=(Case("c", "Trường hợp c"),),
        # a bad override naming TP2 anyway: the registry still must not ask for it
        alternatives=(Alternative(("TP2", "TP3"), ("c",)), Alternative(("TP2", "TP2"))),
    )
    report = check_requirements(procedure, [], ["c"])
    labels = [m.label for m in report.missing]
    assert labels == ["TP1", "TP3"]
    assert all("TP2" not in m.any_of for m in report.missing)


def test_bundled_must_not_request_components_are_never_missing(catalog) -> None:
    for procedure in catalog:
        never = {c.code for c in procedure.components if c.not_requested}
        every_case = [c.code for c in procedure.cases]
        report = check_requirements(procedure, [], every_case)
        assert not never & {code for m in report.missing for code in m.any_of}, procedure.code


def test_the_result_is_never_missing_at_reception(store, catalog) -> None:
    dossier = _open(store, catalog, KHAI_TU)
    pages = _tagged(store, dossier.code, "TP1", "TP2", "TP6")
    assert check_requirements(catalog.get(KHAI_TU), pages).missing == ()


def test_an_unknown_or_conflicting_case_is_reported_not_ignored(store, catalog) -> None:
    procedure = catalog.get(THUONG_TRU)
    dossier = _open(store, catalog, THUONG_TRU)
    pages = _tagged(store, dossier.code, "TP1", "TP3", "TP13", "TP14")
    report = check_requirements(procedure, pages, ["so_huu", "thue_muon_o_nho", "thue_nha"])
    assert report.unknown_cases == ("thue_nha",)
    assert report.conflicting_groups == ("cho_o",)
    assert not report.complete
    assert missing_components(procedure, pages, ["thue_nha"]) == [
        "case:thue_nha",
        "undecided:cho_o",  # the mistyped case chose no dwelling
    ]


def test_without_a_chosen_case_the_case_rules_are_reported_undecided(store, catalog) -> None:
    procedure = catalog.get(THUONG_TRU)
    dossier = _open(store, catalog, THUONG_TRU)
    report = check_requirements(procedure, _tagged(store, dossier.code, "TP1"))
    assert report.missing == ()
    assert report.undecided_groups == ("cho_o",)


def test_pages_on_a_must_not_request_component_are_flagged(store, catalog) -> None:
    dossier = _open(store, catalog, KHAI_SINH)
    pages = _tagged(store, dossier.code, "TP1", "TP2", "TP6", "TP7")
    report = check_requirements(catalog.get(KHAI_SINH), pages)
    assert (report.missing, report.not_requested_tagged) == ((), ("TP7",))


def test_the_checklist_rows_follow_the_chosen_cases(store, catalog) -> None:
    procedure = catalog.get(KHAI_TU)
    dossier = _open(store, catalog, KHAI_TU)
    rows = {r.code: r for r in component_needs(procedure, _tagged(store, dossier.code, "TP2"))}
    assert (rows["TP1"].need, rows["TP1"].missing) == (Need.REQUIRED, True)
    assert (rows["TP2"].need, rows["TP2"].one_of, rows["TP2"].missing) == (
        Need.ONE_OF,
        ("TP2", "TP3"),
        False,
    )
    assert (rows["TP4"].need, rows["KQ1"].need) == (Need.OPTIONAL, Need.RESULT)

    long_ago = {r.code: r for r in component_needs(procedure, [], ["nguoi_chet_da_lau"])}
    assert (long_ago["TP3"].need, long_ago["TP3"].missing, long_ago["TP3"].case) == (
        Need.REQUIRED,
        True,
        "nguoi_chet_da_lau",
    )


def test_the_checklist_marks_what_must_not_be_requested(catalog) -> None:
    rows = {r.code: r for r in component_needs(catalog.get(KHAI_SINH), [])}
    assert (rows["TP7"].need, rows["TP7"].missing) == (Need.NOT_REQUESTED, False)
    assert {code for code, r in rows.items() if r.missing} == {"TP1", "TP2", "TP3", "TP6"}


def test_checklist_and_finish_agree_on_what_is_missing(catalog) -> None:
    for procedure in catalog:
        for case in [None, *procedure.cases]:
            cases = [case.code] if case else []
            rows = component_needs(procedure, [], cases)
            flagged = {r.code for r in rows if r.missing}
            missing = check_requirements(procedure, [], cases).missing
            required = {code for m in missing for code in m.any_of if procedure.component(code)}
            assert flagged == required, (procedure.code, cases)  # a flag ticked is no row
