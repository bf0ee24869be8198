from __future__ import annotations

import pytest

from station.capture import draft_dossier
from station.dossiers import (
    DossierRequest,
    DossierWarning,
    checklist_rows,
    open_dossier,
    set_cases,
    untagged_pages,
)
from station.errors import ErrorCode, StationError
from station.model import Dossier, utc_now
from station.store import NewPage
from station.workflow.finish import missing_required


def test_open_dossier_normalises_input_and_records_station_and_clerk(store, catalog) -> None:
    request = DossierRequest(
        " 000.00.14.H05-251122-0001\r",
        "1.001193",
        "Nguyễn  Văn   A",
        "0010 9000 0000",
        clerk_id="lan",
    )
    dossier, warnings = open_dossier(store, catalog, request)
    assert warnings == []
    assert dossier.code == "000.00.14.H05-251122-0001"
    assert dossier.applicant_name == "Nguyễn Văn A"
    assert dossier.applicant_id_number == "001090000000"
    assert (dossier.station_id, dossier.clerk_id) == (store.station().id, "lan")
    assert store.dossier(dossier.code) == dossier


def test_unusual_code_and_id_number_are_kept_with_warnings(store, catalog) -> None:
    request = DossierRequest("G09.20-20260609-0092637", "1.001193", "B", "12345")
    dossier, warnings = open_dossier(store, catalog, request)
    assert warnings == [DossierWarning.NONSTANDARD_CODE, DossierWarning.NONSTANDARD_ID_NUMBER]
    assert dossier.applicant_id_number == "12345"


def test_unknown_procedure_creates_nothing(store, catalog) -> None:
    with pytest.raises(StationError) as caught:
        open_dossier(store, catalog, DossierRequest("X-1", "9.999999"))
    assert caught.value.code is ErrorCode.UNKNOWN_PROCEDURE
    assert store.dossiers() == []


def test_checklist_rows_count_pages_and_flag_missing_papers(store, catalog) -> None:
    dossier, _ = open_dossier(store, catalog, DossierRequest("X-2", "1.001193"))
    procedure = catalog.get("1.001193")
    first = procedure.components[0]
    for component in (first.code, first.code, None):
        store.add_page(
            dossier.code,
            NewPage(b"P5 1 1 255 \x00", "image/x-portable-anymap", 300, component_code=component),
        )
    pages = store.pages(dossier.code)
    rows = {s.component.code: s for s in checklist_rows(procedure, pages)}
    assert rows[first.code].pages == 2 and not rows[first.code].missing
    missing = {code for code, s in rows.items() if s.missing}
    assert missing == {"TP2", "TP3", "TP6"}  # the birth notice or its replacement; the ID
    assert not rows["KQ1"].missing  # the result is issued later
    assert untagged_pages(pages) == 1


def test_the_chosen_cases_are_kept_and_decide_what_is_missing(store, catalog) -> None:
    request = DossierRequest("X-CASE-1", "1.004222", cases=("so_huu", "so_huu"))
    dossier, _ = open_dossier(store, catalog, request)
    assert store.dossier(dossier.code).cases == ("so_huu",)
    assert "TP3" in missing_required(store, catalog, dossier.code)  # proof of ownership
    changed = set_cases(store, catalog, dossier.code, ["thue_muon_o_nho"])
    assert changed.cases == ("thue_muon_o_nho",)
    missing = missing_required(store, catalog, dossier.code)
    assert "TP3" not in missing and "TP13" in missing


@pytest.mark.parametrize(
    ("cases", "error"),
    [
        (("khong_co",), ErrorCode.UNKNOWN_CASE),
        (("so_huu", "phuong_tien"), ErrorCode.CASES_CONFLICT),  # one kind of dwelling only
    ],
)
def test_an_unknown_or_conflicting_case_creates_nothing(store, catalog, cases, error) -> None:
    with pytest.raises(StationError) as caught:
        open_dossier(store, catalog, DossierRequest("X-CASE-2", "1.004222", cases=cases))
    assert caught.value.code is error
    assert store.dossiers() == []


def _scanned(store, code: str, component: str | None = None) -> str:
    page = store.add_page(
        code, NewPage(b"P5 1 1 255 \x00", "image/x-portable-anymap", 300, component_code=component)
    )
    return page.id


def test_a_draft_becomes_the_dossier_the_clerk_opens_with_its_pages(store, catalog) -> None:
    draft = draft_dossier(store)
    procedure = catalog.get("1.001193")
    kept = procedure.components[0].code
    pages = [_scanned(store, draft.code, kept), _scanned(store, draft.code, "KQ-OTHER")]
    request = DossierRequest(
        "000.00.14.H05-251122-0007", "1.001193", "Trần Thị B", takes_over=draft.code
    )
    dossier, _ = open_dossier(store, catalog, request)
    assert (dossier.code, dossier.procedure_code) == ("000.00.14.H05-251122-0007", "1.001193")
    assert dossier.received_at == draft.received_at  # when the paper came, not now
    assert [(p.id, p.component_code) for p in store.pages(dossier.code)] == [
        (pages[0], kept),
        (pages[1], None),  # a tag the procedure does not have is dropped
    ]
    with pytest.raises(StationError) as gone:
        store.dossier(draft.code)
    assert gone.value.code is ErrorCode.DOSSIER_NOT_FOUND
    assert len(store.dossiers()) == 1


def test_a_dossier_created_from_its_receipt_gets_its_procedure(store, catalog) -> None:
    code = "000.00.14.H05-251122-0008"
    store.create_dossier(Dossier(code=code, procedure_code="", received_at=utc_now()))
    page = _scanned(store, code)
    dossier, _ = open_dossier(store, catalog, DossierRequest(code, "1.001193", "Lê Văn C"))
    assert (dossier.procedure_code, dossier.applicant_name) == ("1.001193", "Lê Văn C")
    assert [p.id for p in store.pages(code)] == [page]


def test_a_dossier_with_a_procedure_is_never_taken_over(store, catalog) -> None:
    first, _ = open_dossier(store, catalog, DossierRequest("X-9", "1.001193"))
    with pytest.raises(StationError) as again:
        open_dossier(store, catalog, DossierRequest("X-9", "1.001193"))
    assert again.value.code is ErrorCode.DOSSIER_EXISTS
    draft = draft_dossier(store)
    with pytest.raises(StationError) as taken:  # the new code is another dossier's
        open_dossier(store, catalog, DossierRequest("X-9", "1.001193", takes_over=draft.code))
    assert taken.value.code is ErrorCode.DOSSIER_EXISTS
    with pytest.raises(StationError) as twice:  # the holder has its procedure already
        open_dossier(store, catalog, DossierRequest("X-10", "1.001193", takes_over="X-9"))
    assert twice.value.code is ErrorCode.DOSSIER_EXISTS
    assert store.dossier(draft.code).procedure_code == ""
    assert store.dossier("X-9") == first
