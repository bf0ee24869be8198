"""`sohoa dossier new` warns when a case group is left undecided and says how to choose;
`sohoa dossier cases` chooses; `sohoa dossier finish` refuses an undecided group."""

from __future__ import annotations

import json

from station.store import Store
from tests.station.workflow.support import tiny_page
from ui.cli.main import main

RESIDENCE = "1.004222"
CODE = "000.00.14.H05-251204-0020"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _tag(home, *components: str) -> None:
    with Store.open(home) as store:
        for component in components:
            tiny_page(store, CODE, component)


def test_a_new_dossier_without_its_dwelling_warns_in_both_languages(capsys, home) -> None:
    code, out, err = _run(capsys, "dossier", "new", "--code", CODE, "--procedure", RESIDENCE)
    assert code == 0 and out.startswith("Đã tạo hồ sơ / Dossier created")
    assert err.count("\n") == 1 and err.startswith("Cảnh báo: ") and " | Warning: " in err
    vi, en = err.removeprefix("Cảnh báo: ").split(" | Warning: ")
    assert "nhóm cho_o (so_huu, ve_o_voi_gia_dinh" in vi and "group cho_o (so_huu" in en
    assert f"sohoa dossier cases {CODE} --case so_huu" in vi
    assert f"sohoa dossier cases {CODE} --case so_huu" in en


def test_the_warning_is_in_the_json_and_absent_once_a_case_is_chosen(capsys, home) -> None:
    code, out, _ = _run(
        capsys, "dossier", "new", "--code", CODE, "--procedure", RESIDENCE, "--json"
    )
    warnings = json.loads(out)["warnings"]
    assert [(w["code"], w["groups"]) for w in warnings] == [("cases_undecided", ["cho_o"])]
    assert (
        "chưa chọn" in warnings[0]["message_vi"]
        and "cannot be finished" in warnings[0]["message_en"]
    )
    code, out, err = _run(
        capsys, "dossier", "new", "--code", "000.00.14.H05-251204-0021", "--procedure", RESIDENCE,
        "--case", "thue_muon_o_nho", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["warnings"] == [] and err == ""
    code, out, err = _run(
        capsys, "dossier", "new", "--code", "000.00.14.H05-251204-0022", "--procedure", "1.001193"
    )
    assert code == 0 and err == ""  # khai sinh has no case group


def test_finish_refuses_an_undecided_dwelling_until_the_case_is_chosen(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", CODE, "--procedure", RESIDENCE)
    _tag(home, "TP1")
    code, out, err = _run(capsys, "dossier", "finish", CODE, "--workers", "1", "--json")
    assert code == 3
    error = json.loads(out)["error"]
    assert error["code"] == "cases_undecided" and error["params"]["groups"].startswith("cho_o (")
    assert err.count("\n") == 1 and err.startswith("Lỗi: ") and " | Error: " in err
    assert "chưa chọn trường hợp trong nhóm cho_o" in err
    assert "has no case chosen in group cho_o" in err

    code, out, _ = _run(capsys, "dossier", "show", CODE, "--json")
    assert json.loads(out)["undecided_groups"] == ["cho_o"]
    code, out, err = _run(capsys, "dossier", "cases", CODE, "--case", "thue_muon_o_nho", "--json")
    assert code == 0 and err == ""
    assert json.loads(out)["dossier"]["cases"] == ["thue_muon_o_nho"]

    code, out, _ = _run(capsys, "dossier", "finish", CODE, "--workers", "1", "--json")
    error = json.loads(out)["error"]
    assert (code, error["code"], error["params"]["components"]) == (
        3,
        "required_components_missing",
        "TP13, TP14",  # the lease and the floor-area proof
    )
    _tag(home, "TP13", "TP14")
    code, out, err = _run(capsys, "dossier", "finish", CODE, "--workers", "1", "--json")
    assert code == 0, err
    assert [f["component_code"] for f in json.loads(out)["files"]] == ["TP1", "TP13", "TP14"]


def test_finish_with_a_reason_records_the_undecided_group(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", CODE, "--procedure", RESIDENCE)
    _tag(home, "TP1")
    code, out, err = _run(
        capsys, "dossier", "finish", CODE, "--workers", "1",
        "--override-reason", "Công dân chưa xác định chỗ ở",
    )  # fmt: skip
    assert code == 0, err
    assert "undecided:" not in out
    assert "  Thiếu / Missing:\n    - chưa chọn trường hợp / no case chosen (cho_o): " in out
    assert "  Lý do / Reason: Công dân chưa xác định chỗ ở" in out
    assert "  Danh mục / Catalog: mặc định / built-in (builtin-" in out


def test_the_receipt_names_the_cases_and_the_papers_missing(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", CODE, "--procedure", RESIDENCE,
         "--case", "thue_muon_o_nho")  # fmt: skip
    _tag(home, "TP1")
    code, out, err = _run(
        capsys, "dossier", "finish", CODE, "--workers", "1", "--override-reason", "Bổ sung sau",
    )  # fmt: skip
    assert code == 0, err
    assert "  Thủ tục / Procedure: 1.004222 — " in out
    assert "  Trường hợp / Cases: " in out and "(thue_muon_o_nho)" in out
    missing = out.split("  Thiếu / Missing:\n", 1)[1].splitlines()
    assert missing[0].startswith("    - TP13 ") and missing[1].startswith("    - TP14 ")
    assert len(missing[0]) > len("    - TP13 ") + 10  # the paper's name, not its code alone


def test_choosing_an_unknown_case_is_refused_and_changes_nothing(capsys, home) -> None:
    _run(capsys, "dossier", "new", "--code", CODE, "--procedure", RESIDENCE, "--case", "so_huu")
    code, out, err = _run(capsys, "dossier", "cases", CODE, "--case", "thue_nha")
    assert code == 3 and 'không có trường hợp "thue_nha"' in err
    code, out, err = _run(capsys, "dossier", "cases", CODE)  # no case: the dwelling undecided
    assert code == 0 and "Trường hợp / Cases of" in out and "cho_o" in err
