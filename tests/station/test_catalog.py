from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from station.catalog import (
    LEGACY_UNVERIFIED,
    bundled_catalog_dir,
    load_catalog,
    procedure_from_dict,
    procedure_to_dict,
)
from station.catalog_audit import ChangeKind, ProblemKind, Severity, check_catalog, diff_catalogs
from station.errors import ErrorCode, StationError
from station.model import AdminLevel, ComponentKind, SourceKind
from station.workflow.checks import missing_components


def test_bundled_catalog_has_at_least_ten_real_procedures(catalog) -> None:
    assert len(catalog) >= 10
    levels = {level for p in catalog for level in p.levels}
    assert {AdminLevel.COMMUNE, AdminLevel.PROVINCE} <= levels


@pytest.mark.parametrize("path", sorted(bundled_catalog_dir().glob("*.json")), ids=lambda p: p.stem)
def test_each_procedure_is_complete(path: Path) -> None:
    (procedure,) = load_catalog([_only(path)]).procedures.values()
    assert path.stem == procedure.code
    submitted = [c for c in procedure.components if c.kind is ComponentKind.SUBMITTED]
    results = [c for c in procedure.components if c.kind is ComponentKind.RESULT]
    assert submitted and procedure.requirements, (
        "needs at least one requirement on submitted papers"
    )
    assert results, "needs at least one result component"
    for component in procedure.components:
        assert component.name == unicodedata.normalize("NFC", component.name)
    assert procedure.sources


def _only(path: Path) -> Path:
    """A directory holding just this file (load_catalog reads whole directories)."""
    import tempfile

    directory = Path(tempfile.mkdtemp())
    (directory / path.name).write_bytes(path.read_bytes())
    return directory


def test_a_province_file_overrides_the_bundled_procedure(tmp_path: Path) -> None:
    (tmp_path / "override.json").write_text(
        json.dumps(
            {
                "code": "1.001193",
                "name": "Đăng ký khai sinh (tỉnh X)",
                "components": [{"code": "TP1", "name": "Tờ khai", "required": True}],
            }
        ),
        encoding="utf-8",
    )
    catalog = load_catalog([bundled_catalog_dir(), tmp_path])
    assert catalog.get("1.001193").name == "Đăng ký khai sinh (tỉnh X)"
    assert len(catalog) == len(load_catalog([bundled_catalog_dir()]))


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"code": "x", "name": "y", "components": []}', '{"name": "no code"}'],
)
def test_invalid_catalog_file_names_the_file(tmp_path: Path, content: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(StationError) as caught:
        load_catalog([tmp_path])
    assert caught.value.code is ErrorCode.CATALOG_INVALID
    assert caught.value.params["path"].endswith("bad.json")


def test_unknown_procedure_code_is_an_error(catalog) -> None:
    with pytest.raises(StationError) as caught:
        catalog.get("9.999999")
    assert caught.value.code is ErrorCode.UNKNOWN_PROCEDURE


TODAY = date(2026, 12, 4)


def _entry(**changes) -> dict:
    """A minimal valid format-2 entry."""
    data = {
        "format": 2,
        "code": "9.000001",
        "name": "Thủ tục thử",
        "cases": [{"code": "thue", "name": "Thuê nhà", "group": "cho_o"}],
        "components": [
            {"code": "TP1", "name": "Tờ khai", "required": True},
            {"code": "TP2", "name": "Giấy A"},
            {"code": "TP3", "name": "Giấy B", "required_in": ["thue"]},
            {"code": "KQ1", "name": "Kết quả", "required": True, "kind": "result"},
        ],
        "alternatives": [{"any_of": ["TP2", "TP3"]}],
        "provenance": {"verified": False, "reason": "not read here"},
    }
    data.update(changes)
    return data


def _write(directory: Path, *entries: dict, names: list[str] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for index, entry in enumerate(entries):
        name = names[index] if names else f"{entry['code']}.json"
        (directory / name).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    return directory


def _kinds(directory: Path, today: date = TODAY) -> list[ProblemKind]:
    return [p.kind for p in check_catalog([directory], today)]


def test_every_bundled_entry_passes_the_catalog_check() -> None:
    problems = check_catalog([bundled_catalog_dir()], date.today())
    assert [(p.procedure, p.kind, p.detail) for p in problems] == []


@pytest.mark.parametrize("path", sorted(bundled_catalog_dir().glob("*.json")), ids=lambda p: p.stem)
def test_a_bundled_entry_claims_a_start_date_only_from_a_text_in_force_that_was_read(
    path: Path,
) -> None:
    """valid_from says the rows are those of a text in force from that day: 1.001612 once
    claimed 2025-07-01, the day the decree its rows follow was replaced."""
    (procedure,) = load_catalog([path]).procedures.values()
    start = procedure.provenance.valid_from
    if start is None:
        return
    assert any(d.effective == start and d.read_on for d in procedure.provenance.documents)


def test_the_business_household_entry_follows_decree_168_of_2025() -> None:
    """NĐ 168/2025 Điều 99.2 replaced NĐ 01/2021 Điều 87 on 2025-07-01: the application, and the
    family members' notarised authorisation when they register together. It was read in an
    unofficial copy only, so the entry stays unverified and says so."""
    (procedure,) = load_catalog([bundled_catalog_dir() / "1.001612.json"]).procedures.values()
    provenance = procedure.provenance
    assert provenance.valid_from == date(2025, 7, 1) and not provenance.verified
    assert "NĐ 168/2025" in provenance.reason and "SUPERSEDED" not in provenance.reason
    components = {c.code: c for c in procedure.components}
    assert {"TP1", "TP2", "TP3", "TP4", "TP5", "KQ1"} <= components.keys()  # codes kept
    submitted = [c for c in procedure.components if c.kind is ComponentKind.SUBMITTED]
    assert all("NĐ 168/2025" in c.basis for c in submitted)
    assert components["TP3"].not_requested  # the family meeting minutes left the dossier
    assert "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH" in components["TP1"].title_phrases
    assert missing_components(procedure, []) == ["TP1"]
    assert missing_components(procedure, [], ["thanh_vien_ho_gia_dinh"]) == ["TP1", "TP4"]
    assert missing_components(procedure, [], ["gian_doan_csdl_dan_cu"]) == ["TP1", "TP2"]
    assert missing_components(procedure, [], ["uy_quyen_to_chuc"]) == ["TP1", "TP6", "TP7"]


@pytest.mark.parametrize("path", sorted(bundled_catalog_dir().glob("*.json")), ids=lambda p: p.stem)
def test_bundled_entries_are_unverified_with_a_reason_unless_a_primary_text_was_read(
    path: Path,
) -> None:
    (procedure,) = load_catalog([path]).procedures.values()
    provenance = procedure.provenance
    read = [
        d
        for d in provenance.documents
        if d.kind in (SourceKind.PRIMARY, SourceKind.ANNOUNCING) and d.read_on
    ]
    if provenance.verified:
        assert read and provenance.verified_on and provenance.verified_by
    else:
        assert provenance.reason and provenance.reason != LEGACY_UNVERIFIED
    assert procedure.code_verified is provenance.verified


def test_thuong_tru_names_the_papers_of_its_cases() -> None:
    procedure = load_catalog([bundled_catalog_dir()]).get("1.004222")
    cases = {c.code: c for c in procedure.cases}
    assert {"so_huu", "ve_o_voi_gia_dinh", "thue_muon_o_nho", "viet_kieu"} <= cases.keys()
    rented = {c.code for c in procedure.components if "thue_muon_o_nho" in c.required_in}
    assert rented == {"TP13", "TP14"}
    assert any("quan hệ nhân thân" in c.name for c in procedure.components)


def test_a_first_format_file_still_loads_and_counts_as_unverified(tmp_path: Path) -> None:
    legacy = {
        "code": "9.000002",
        "name": "Thủ tục cũ",
        "components": [{"code": "TP1", "name": "Tờ khai", "required": True}],
        "sources": ["https://example.invalid/a"],
        "code_verified": True,
    }
    _write(tmp_path, legacy)
    procedure = load_catalog([tmp_path]).get("9.000002")
    assert (procedure.code_verified, procedure.provenance.reason) == (False, LEGACY_UNVERIFIED)
    assert procedure.sources == ("https://example.invalid/a",)
    assert ProblemKind.LEGACY_FORMAT in _kinds(tmp_path)


def test_format_two_round_trips_through_its_dictionary() -> None:
    procedure = procedure_from_dict(_entry())
    assert procedure_from_dict(procedure_to_dict(procedure)) == procedure


def test_a_clean_entry_has_no_problems(tmp_path: Path) -> None:
    assert _kinds(_write(tmp_path, _entry())) == []


def test_an_alternative_may_be_met_by_a_flag_case_but_not_by_a_grouped_one(
    tmp_path: Path,
) -> None:
    cases = [
        {"code": "thue", "name": "Thuê nhà", "group": "cho_o"},
        {"code": "da_co_trong_csdl", "name": "Cán bộ đã kiểm tra: đã có trong CSDL"},
    ]
    noted = _entry(cases=cases, alternatives=[{"any_of": ["TP2", "da_co_trong_csdl"]}])
    assert _kinds(_write(tmp_path / "flag", noted)) == []
    grouped = _entry(cases=cases, alternatives=[{"any_of": ["TP2", "thue"]}])
    assert _kinds(_write(tmp_path / "group", grouped)) == [
        ProblemKind.ALTERNATIVE_UNKNOWN_COMPONENT
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"alternatives": [{"any_of": ["TP2", "TP9"]}]}, ProblemKind.ALTERNATIVE_UNKNOWN_COMPONENT),
        ({"alternatives": [{"any_of": ["TP2", "KQ1"]}]}, ProblemKind.ALTERNATIVE_RESULT_COMPONENT),
        (
            {"alternatives": [{"any_of": ["TP2", "TP3"], "cases": ["muon"]}]},
            ProblemKind.UNKNOWN_CASE,
        ),
        ({"provenance": {"verified": False}}, ProblemKind.UNVERIFIED_WITHOUT_REASON),
        ({"provenance": {"verified": True, "reason": "x"}}, ProblemKind.VERIFIED_WITHOUT_PRIMARY),
        (
            {"provenance": {"reason": "x", "valid_until": "2025-06-30"}},
            ProblemKind.EXPIRED,
        ),
        ({"requried": True}, ProblemKind.UNKNOWN_FIELD),
        ({"components": "TP1"}, ProblemKind.INVALID),
    ],
)
def test_the_check_finds(tmp_path: Path, changes: dict, expected: ProblemKind) -> None:
    problems = check_catalog([_write(tmp_path, _entry(**changes))], TODAY)
    assert expected in [p.kind for p in problems]
    assert any(p.severity is Severity.ERROR for p in problems)


def test_a_must_not_request_component_may_not_be_required(tmp_path: Path) -> None:
    entry = _entry()
    entry["components"][1]["not_requested"] = True  # TP2, which the alternative names
    assert ProblemKind.NOT_REQUESTED_REQUIRED in _kinds(_write(tmp_path, entry))


def test_a_primary_text_read_and_dated_verifies_an_entry(tmp_path: Path) -> None:
    provenance = {
        "verified": True,
        "verified_on": "2026-12-04",
        "verified_by": "Nguyễn Thị Lan",
        "documents": [
            {"title": "Quyết định công bố", "kind": "announcing", "read_on": "2026-12-04"}
        ],
    }
    assert _kinds(_write(tmp_path, _entry(provenance=provenance))) == []


def test_two_files_with_one_code_in_a_directory_are_a_duplicate(tmp_path: Path) -> None:
    _write(tmp_path, _entry(), _entry(), names=["9.000001.json", "copy.json"])
    kinds = _kinds(tmp_path)
    assert ProblemKind.DUPLICATE_CODE in kinds and ProblemKind.FILE_NAME in kinds


def test_an_override_directory_is_not_a_duplicate_of_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "1.001193.json").write_bytes((bundled_catalog_dir() / "1.001193.json").read_bytes())
    assert check_catalog([bundled_catalog_dir(), tmp_path], date.today()) == []


def test_the_diff_names_added_removed_and_changed_items(tmp_path: Path) -> None:
    old = _write(tmp_path / "old", _entry(), _entry(code="9.000003"))
    changed = _entry()
    changed["components"][2]["required_in"] = []
    changed["components"].insert(3, {"code": "TP4", "name": "Giấy C"})
    changed["provenance"]["valid_until"] = "2027-01-01"
    new = _write(tmp_path / "new", changed, _entry(code="9.000004"))

    changes = diff_catalogs(load_catalog([old]), load_catalog([new]))
    found = {(c.procedure, c.kind, c.item) for c in changes}
    assert (("9.000003", ChangeKind.REMOVED, "")) in found
    assert (("9.000004", ChangeKind.ADDED, "")) in found
    assert ("9.000001", ChangeKind.ADDED, "components[TP4]") in found
    assert ("9.000001", ChangeKind.REMOVED, "components[TP3].required_in") in found
    assert ("9.000001", ChangeKind.CHANGED, "provenance.valid_until") in found
    assert diff_catalogs(load_catalog([old]), load_catalog([old])) == []
