"""Bad catalog spreadsheets: each problem is one line naming the file, sheet, row and column,
in Vietnamese then in English, and nothing is published (no version, no signing key)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from hub.catalog_key import key_path
from station.catalog import bundled_catalog_dir
from station.catalog_audit import ProblemKind
from station.catalog_problem_text import PROBLEM_TEXT
from tests.hub.test_catalog_sheet import RESIDENCE, exported, hub_command, row_of, set_cell

DEATH = "1.000656"  # TP1 required, TP2|TP3 one of


@pytest.fixture(scope="module")
def built_in_workbook(tmp_path_factory) -> Path:
    return exported(tmp_path_factory.mktemp("export"))


@pytest.fixture
def workbook(built_in_workbook, tmp_path) -> Path:
    return Path(shutil.copy(built_in_workbook, tmp_path / "catalog.xlsx"))


def refused(tmp_path: Path, *sources: Path, problems: int) -> list[str]:
    """The problem lines of an import that must publish nothing."""
    data = tmp_path / "hub"
    result = hub_command("import", "--data", str(data), "--version", "v1", *map(str, sources))
    assert result.exit_code != 0
    lines = result.output.splitlines()
    assert lines[-1] == f"Error: {problems} lỗi, không phát hành / errors, nothing published"
    assert json.loads(hub_command("list", "--data", str(data), "--json").output) == []
    assert not key_path(data).exists()
    return lines[:-1]


def said(lines: list[str], vietnamese: str, english: str) -> None:
    """One line says both, Vietnamese first."""
    found = [line for line in lines if vietnamese in line and english in line]
    assert found, "\n".join(lines)
    line = found[0]
    assert line.index(vietnamese) < line.index(" / ") < line.index(english)


def rows(path: Path, sheet: str, **match: str) -> int:
    return row_of(openpyxl.load_workbook(path)[sheet], **match)


def test_wrong_columns_are_named(workbook, tmp_path) -> None:
    set_cell(workbook, "components", 1, "required", "bat_buoc")
    set_cell(workbook, "procedures", 1, "name", "ten")
    lines = refused(tmp_path, workbook, problems=3)
    said(
        lines,
        "catalog.xlsx, trang tính components, dòng 1, cột F (bat_buoc): cột “bat_buoc” không có",
        "catalog.xlsx, sheet components, row 1, column F (bat_buoc): column “bat_buoc” is not in",
    )
    said(
        lines,
        "trang tính procedures, dòng 1, cột B (ten): cột “ten” không có trong định dạng",
        "sheet procedures, row 1, column B (ten): column “ten” is not in the format",
    )
    said(
        lines,
        "trang tính procedures, dòng 1, cột name: thiếu cột name",
        "sheet procedures, row 1, column name: column name is missing",
    )


def test_a_component_of_an_unknown_procedure_is_refused(workbook, tmp_path) -> None:
    row = rows(workbook, "components", procedure=RESIDENCE, code="TP13")
    set_cell(workbook, "components", row, "procedure", "9.999999")
    said(
        refused(tmp_path, workbook, problems=1),
        f"trang tính components, dòng {row}, cột A (procedure): mã thủ tục 9.999999 không có"
        " trong trang procedures",
        f"sheet components, row {row}, column A (procedure): procedure code 9.999999 is not in"
        " sheet procedures",
    )


def test_a_component_code_given_twice_is_refused(workbook, tmp_path) -> None:
    first = rows(workbook, "components", procedure=RESIDENCE, code="TP13")
    second = rows(workbook, "components", procedure=RESIDENCE, code="TP14")
    set_cell(workbook, "components", second, "code", "TP13")
    said(
        refused(tmp_path, workbook, problems=1),
        f"dòng {second}, cột B (code): mã thành phần trùng với dòng {first} của cùng thủ tục",
        f"row {second}, column B (code): the component code repeats row {first} of the same",
    )


def test_a_case_used_but_not_declared_is_refused(workbook, tmp_path) -> None:
    row = rows(workbook, "components", procedure=RESIDENCE, code="TP13")
    set_cell(workbook, "components", row, "required_in", "thue_nha")
    group = rows(workbook, "alternatives", procedure=RESIDENCE, alternative="A2")
    set_cell(workbook, "alternatives", group, "cases", "viet_kieu; nguoi_nuoc_ngoai")
    lines = refused(tmp_path, workbook, problems=2)
    said(
        lines,
        f"trang tính components, dòng {row}, cột G (required_in): trường hợp “thue_nha” chưa"
        " được khai báo trong trang cases",
        f"sheet components, row {row}, column G (required_in): case “thue_nha” is not declared"
        " in sheet cases",
    )
    said(
        lines,
        f"trang tính alternatives, dòng {group}, cột C (cases): trường hợp “nguoi_nuoc_ngoai”",
        f"sheet alternatives, row {group}, column C (cases): case “nguoi_nuoc_ngoai” is not",
    )


def test_a_note_case_must_be_declared_and_a_group_needs_a_component(workbook, tmp_path) -> None:
    """The family case's proof, or the clerk's note that the relationship is on record: the
    note must be a declared case, and a group of notes with no component is no requirement."""
    group = rows(workbook, "alternatives", procedure=RESIDENCE, alternative="A2")
    set_cell(workbook, "alternatives", group, "or_cases", "da_co_trong_csdl")
    proof = rows(workbook, "components", procedure=RESIDENCE, code="TP11")
    set_cell(workbook, "components", proof, "alternative", "")
    lines = refused(tmp_path, workbook, problems=2)
    said(
        lines,
        f"trang tính alternatives, dòng {group}, cột D (or_cases): trường hợp “da_co_trong_csdl”",
        f"sheet alternatives, row {group}, column D (or_cases): case “da_co_trong_csdl” is not",
    )
    said(
        lines,
        f"trang tính alternatives, dòng {group}, cột B (alternative): không thành phần nào"
        " thuộc nhóm thay thế A2",
        f"sheet alternatives, row {group}, column B (alternative): no component belongs to"
        " alternative group A2",
    )


def test_a_damaged_workbook_is_refused(built_in_workbook, tmp_path) -> None:
    data = built_in_workbook.read_bytes()
    damaged = tmp_path / "catalog.xlsx"
    damaged.write_bytes(data[: len(data) // 2])
    said(
        refused(tmp_path, damaged, problems=1),
        "catalog.xlsx: không đọc được như tệp XLSX (hỏng, hoặc không phải XLSX)",
        "catalog.xlsx: cannot be read as an XLSX workbook (damaged, or not XLSX)",
    )


def test_an_old_excel_file_is_refused_with_what_to_do(tmp_path) -> None:
    old = tmp_path / "danh-muc.xls"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))  # an OLE2 header
    said(
        refused(tmp_path, old, problems=1),
        "danh-muc.xls: định dạng .xls không đọc được; hãy lưu lại thành Excel Workbook (.xlsx)",
        "danh-muc.xls: the .xls format cannot be read; save it again as an Excel Workbook",
    )


def test_a_csv_file_not_in_utf8_is_refused_at_its_first_bad_byte(tmp_path) -> None:
    procedures = tmp_path / "procedures.csv"
    procedures.write_text("code,name,reason\n1.999001,Thủ tục thử,Chưa đọc\n", "utf-8-sig")
    components = tmp_path / "components.csv"
    text = (
        "procedure,code,name,kind,required\n"
        "1.999001,TP1,Don de nghi,submitted,có\n"
        "1.999001,KQ1,Giay xac nhan,result,không\n"
    )
    components.write_bytes(text.encode("cp1252"))  # what an old "Save as CSV" gives
    said(
        refused(tmp_path, procedures, components, problems=1),
        "components.csv, trang tính components, dòng 2, cột E (required): không phải UTF-8"
        " (byte 0xF3); hãy lưu lại với kiểu “CSV UTF-8”",
        "components.csv, sheet components, row 2, column E (required): not UTF-8 (byte 0xF3);"
        " save it again as “CSV UTF-8”",
    )


def test_the_station_check_runs_and_points_at_the_cell(workbook, tmp_path) -> None:
    """Problems only the catalog check finds (as for JSON files), at the row and column."""
    row = rows(workbook, "components", procedure=DEATH, code="TP1")
    set_cell(workbook, "components", row, "not_requested", "có")
    procedure = rows(workbook, "procedures", code=DEATH)
    set_cell(workbook, "procedures", procedure, "reason", None)
    lines = refused(tmp_path, workbook, problems=2)
    said(
        lines,
        f"trang tính components, dòng {row}, cột I (not_requested): thành phần không được yêu"
        " cầu lại bị bắt buộc (TP1)",
        f"sheet components, row {row}, column I (not_requested): a must-not-request component"
        " is required (TP1)",
    )
    said(
        lines,
        f"trang tính procedures, dòng {procedure}, cột K (reason): chưa kiểm chứng mà không nêu",
        f"sheet procedures, row {procedure}, column K (reason): unverified without a reason",
    )


def test_cells_that_are_not_what_their_column_holds_are_refused(workbook, tmp_path) -> None:
    procedure = rows(workbook, "procedures", code=DEATH)
    set_cell(workbook, "procedures", procedure, "code", 1.000656)  # typed into a General cell
    set_cell(workbook, "procedures", procedure, "valid_until", "31/02/2027")
    row = rows(workbook, "components", procedure=RESIDENCE, code="TP13")
    set_cell(workbook, "components", row, "required", "có lẽ")
    set_cell(workbook, "components", row, "kind", "bản sao")
    lines = refused(tmp_path, workbook, problems=8)
    said(
        lines,
        f"dòng {procedure}, cột A (code): mã đang ở dạng số (1.000656); định dạng cột là Văn bản",
        f"row {procedure}, column A (code): the code is a number (1.000656); format the column",
    )
    said(lines, "cột M (valid_until): “31/02/2027” không phải ngày", "is not a date")
    said(lines, f"dòng {row}, cột F (required): “có lẽ” không phải có/không", "is not yes/no")
    said(lines, f"dòng {row}, cột E (kind): giá trị “bản sao” không hợp lệ", "is not allowed")
    # its rows in the other four sheets now name no procedure: said once per sheet
    unknown = [line for line in lines if "mã thủ tục 1.000656 không có" in line]
    assert [line.split(",")[1] for line in unknown] == [
        " trang tính components", " trang tính cases", " trang tính alternatives",
        " trang tính documents",
    ]  # fmt: skip


def test_a_misnamed_sheet_is_named_and_the_missing_one_too(workbook, tmp_path) -> None:
    book = openpyxl.load_workbook(workbook)
    book["components"].title = "thanh_phan"
    book.save(workbook)
    lines = refused(tmp_path, workbook, problems=2)
    said(
        lines,
        "catalog.xlsx, trang tính thanh_phan: trang tính không có trong định dạng (các trang:"
        " procedures, components, cases, alternatives, documents)",
        "catalog.xlsx, sheet thanh_phan: sheet not in the format",
    )
    said(lines, "trang tính components: thiếu trang tính components", "sheet components is missing")


def test_a_mistyped_alternative_group_leaves_two_groups_of_one(workbook, tmp_path) -> None:
    row = rows(workbook, "components", procedure=DEATH, code="TP2")
    other = rows(workbook, "components", procedure=DEATH, code="TP3")
    set_cell(workbook, "components", row, "alternative", "A7")
    lines = refused(tmp_path, workbook, problems=2)
    said(
        lines,
        f"dòng {row}, cột H (alternative): nhóm thay thế A7 chỉ có một thành phần",
        f"row {row}, column H (alternative): alternative group A7 has one component",
    )
    said(lines, f"dòng {other}, cột H (alternative): nhóm thay thế A1", "group A1 has one")


def test_problems_in_json_files_are_worded_in_both_languages_too(tmp_path) -> None:
    folder = Path(shutil.copytree(bundled_catalog_dir(), tmp_path / "json"))
    path = folder / f"{DEATH}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["alternatives"] = [{"any_of": ["TP2", "TP9"]}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    said(
        refused(tmp_path, folder, problems=1),
        f"{path} ({DEATH}): phương án thay thế nêu thành phần không có (TP9)",
        "alternative names a missing component (TP9) [alternative_unknown_component]",
    )
    assert set(PROBLEM_TEXT) == set(ProblemKind)
