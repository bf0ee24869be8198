"""`sohoa-hub catalog export|import` with spreadsheets: the built-in catalog goes out as an
XLSX workbook or CSV files and comes back equal to the JSON files; an edited workbook is
checked, signed, listed and served to stations as a JSON import is."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import requests
from click.testing import CliRunner, Result

from hub import catalog_key, catalog_store
from hub.catalog_key import key_path
from hub.catalog_sheet_layout import TABLES
from hub.cli import hub_group
from hub.cli_common import database
from station.catalog import Catalog, bundled_catalog_dir, load_catalog
from station.catalog_bundle import verify_bundle
from station.catalog_keys import public_key_from_text
from station.catalog_versions import CatalogVersions
from station.model import Requirement
from tests.conftest import REPO
from tests.helpers.hub import running_hub

RESIDENCE = "1.004222"  # has cases, a case-only alternative and a must-not-request paper


def hub_command(*args: str) -> Result:
    return CliRunner().invoke(hub_group, ["catalog", *args])


def exported(folder: Path, *options: str) -> Path:
    """The built-in catalog as a workbook (default) or CSV files (`--csv`), by the command."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "catalog.xlsx"
    how = list(options) or ["--xlsx", str(target)]
    result = hub_command("export", *how)
    assert result.exit_code == 0, result.output
    return target


def published(data: Path, version: str, *sources: Path, dsn: str = "") -> dict[str, Any]:
    store = ["--dsn", dsn] if dsn else []
    args = ["--data", str(data), *store, "--version", version, "--json"]
    result = hub_command("import", *args, *map(str, sources))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def stored_catalog(data: Path, version: str) -> Catalog:
    """What a station would get: the stored document, its signature checked."""
    document = json.loads(catalog_store.document_text(database(data, None), version) or "null")
    public = catalog_key.public_key(data)
    assert public is not None
    return verify_bundle(document, public).catalog()


def row_of(sheet, **match: str) -> int:
    """The row whose cells under the named headers hold these values."""
    header = {cell.value: cell.column for cell in sheet[1]}
    for row in range(2, sheet.max_row + 1):
        if all(sheet.cell(row, header[k]).value == v for k, v in match.items()):
            return row
    raise AssertionError(f"no row with {match}")


def set_cell(path: Path, sheet_name: str, row: int, column: str, value: Any) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[sheet_name]
    header = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(row, header[column]).value = value
    workbook.save(path)


def test_the_built_in_catalog_comes_back_equal_from_a_workbook(tmp_path) -> None:
    workbook = exported(tmp_path / "out")
    data = tmp_path / "hub"
    published(data, "json", bundled_catalog_dir())
    stored = published(data, "xlsx", workbook)
    assert stored["procedures"] == len(load_catalog([bundled_catalog_dir()]))
    assert stored_catalog(data, "xlsx") == load_catalog([bundled_catalog_dir()])
    # The same version as signed from the JSON files, to the byte of what a station checks.
    assert (
        json.loads(hub_command("diff", "--data", str(data), "json", "xlsx", "--json").output) == []
    )
    versions = json.loads(hub_command("list", "--data", str(data), "--json").output)
    assert versions[0]["digest"] != versions[1]["digest"]  # only the names differ


def test_the_built_in_catalog_comes_back_equal_from_csv_files(tmp_path) -> None:
    folder = tmp_path / "csv"
    exported(tmp_path, "--csv", str(folder))
    files = sorted(folder.glob("*.csv"))
    assert [p.name for p in files] == sorted(f"{t.name}.csv" for t in TABLES)
    assert files[0].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    data = tmp_path / "hub"
    published(data, "csv", *files)
    assert stored_catalog(data, "csv") == load_catalog([bundled_catalog_dir()])


def test_a_published_version_exports_for_editing_and_imports_unchanged(tmp_path) -> None:
    data = tmp_path / "hub"
    published(data, "2026.11.1", bundled_catalog_dir())
    path = tmp_path / "current.xlsx"
    result = hub_command("export", "--data", str(data), "--xlsx", str(path))
    assert result.exit_code == 0 and "14 thủ tục / procedures" in result.output, result.output
    published(data, "2026.11.2", path)
    diff = hub_command("diff", "--data", str(data), "2026.11.1", "2026.11.2", "--json")
    assert json.loads(diff.output) == []
    missing = hub_command("export", "--data", str(data), "--version", "9.9", "--xlsx", str(path))
    assert missing.exit_code != 0 and "no version '9.9'" in missing.output
    nowhere = hub_command("export", "--data", str(data))
    assert nowhere.exit_code == 2 and "cần --xlsx TỆP hoặc --csv THƯ_MỤC" in nowhere.output


def test_csv_files_saved_with_semicolons_import(tmp_path) -> None:
    """Excel with Vietnamese settings separates CSV fields with ";"."""
    folder = tmp_path / "csv"
    exported(tmp_path, "--csv", str(folder))
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
    assert (folder / "procedures.csv").read_text("utf-8-sig").startswith("code;name;")
    data = tmp_path / "hub"
    published(data, "csv", *sorted(folder.glob("*.csv")))
    assert stored_catalog(data, "csv") == load_catalog([bundled_catalog_dir()])


def test_the_workbook_shows_cases_alternatives_and_must_not_request_as_rows(tmp_path) -> None:
    workbook = openpyxl.load_workbook(exported(tmp_path))
    assert workbook.sheetnames == [t.name for t in TABLES]
    components = workbook["components"]
    lease = row_of(components, procedure=RESIDENCE, code="TP13")
    header = {cell.value: cell.column for cell in components[1]}
    assert components.cell(lease, header["required_in"]).value == "thue_muon_o_nho"
    assert components.cell(lease, header["required"]).value == "không"
    birth = row_of(components, procedure=RESIDENCE, code="TP19")
    assert components.cell(birth, header["not_requested"]).value == "có"
    passport = row_of(components, procedure=RESIDENCE, code="TP16")
    group = components.cell(passport, header["alternative"]).value
    alternatives = workbook["alternatives"]
    row = row_of(alternatives, procedure=RESIDENCE, alternative=group)
    header = {cell.value: cell.column for cell in alternatives[1]}
    assert alternatives.cell(row, header["cases"]).value == "viet_kieu"


def test_an_edited_workbook_is_listed_and_served_to_a_station(tmp_path, store) -> None:
    """The administrator adds a case and the paper it requires, with date cells and
    Vietnamese words; a station fetches the version and checks its signature."""
    path = exported(tmp_path)
    workbook = openpyxl.load_workbook(path)
    cases, components = workbook["cases"], workbook["components"]
    cases.append([RESIDENCE, "tam_tru_lau", "Đã tạm trú nhiều năm", None, "cho_o"])
    header = [cell.value for cell in components[1]]
    paper = {"procedure": RESIDENCE, "code": "TP20", "name": "Xác nhận thời gian tạm trú",
             "kind": "nộp", "required": "không", "required_in": "tam_tru_lau"}  # fmt: skip
    components.insert_rows(row_of(components, procedure=RESIDENCE, code="KQ1"))
    row = row_of(components, procedure=RESIDENCE, code="TP19") + 1
    for column, value in paper.items():
        components.cell(row, header.index(column) + 1, value)
    procedures = workbook["procedures"]
    row = row_of(procedures, code=RESIDENCE)
    header = [cell.value for cell in procedures[1]]
    procedures.cell(row, header.index("valid_from") + 1, date(2026, 7, 1))
    workbook.save(path)

    data = tmp_path / "hub"
    dsn = store.get("dsn", "")
    with running_hub(data, **store) as hub:
        secret = hub.add_station("ST-01")
        published(data, "2026.12.1", path, dsn=dsn)
        listed = hub_command("list", "--data", str(data), *(["--dsn", dsn] if dsn else []))
        assert listed.output.splitlines()[0].startswith("* 2026.12.1")
        token = requests.post(
            f"{hub.url}/oauth/token", data={"grant_type": "client_credentials"},
            auth=("ST-01", secret), timeout=10,
        ).json()["access_token"]  # fmt: skip
        headers = {"Authorization": f"Bearer {token}"}
        key = requests.get(f"{hub.url}/api/v1/catalog/key", headers=headers, timeout=10).json()
        document = requests.get(f"{hub.url}/api/v1/catalog", headers=headers, timeout=10).json()

    versions = CatalogVersions(tmp_path / "station" / "catalogs", public_key_from_text(key["key"]))
    catalog = versions.apply(document).catalog()
    assert versions.current() is not None and versions.current().version == "2026.12.1"
    residence = catalog.get(RESIDENCE)
    assert [c.code for c in residence.components][-2:] == ["TP20", "KQ1"]
    assert residence.case("tam_tru_lau").group == "cho_o"
    assert Requirement(("TP20",), ("tam_tru_lau",)) in residence.requirements
    assert residence.provenance.valid_from == date(2026, 7, 1)
    built_in = load_catalog([bundled_catalog_dir()])
    assert {p.code: p for p in catalog if p.code != RESIDENCE} == {
        p.code: p for p in built_in if p.code != RESIDENCE
    }


def test_a_workbook_with_only_the_required_columns_imports(tmp_path) -> None:
    workbook = openpyxl.Workbook()
    procedures = workbook.active
    procedures.title = "procedures"
    procedures.append(["code", "name", "reason"])
    procedures.append(["1.999001", "Thủ tục thử của tỉnh", "Chưa đọc quyết định công bố"])
    components = workbook.create_sheet("components")
    components.append(["procedure", "code", "name", "kind", "required"])
    components.append(["1.999001", "TP1", "Đơn đề nghị", None, "x"])
    components.append(["1.999001", "KQ1", "Giấy xác nhận", "kết quả", None])
    path = tmp_path / "tinh.xlsx"
    workbook.save(path)
    data = tmp_path / "hub"
    assert published(data, "v1", path)["procedures"] == 1
    procedure = stored_catalog(data, "v1").get("1.999001")
    assert [(c.code, c.kind.value, c.required) for c in procedure.components] == [
        ("TP1", "submitted", True), ("KQ1", "result", False)
    ]  # fmt: skip
    assert procedure.result_on_paper and not procedure.provenance.verified
    assert key_path(data).stat().st_mode & 0o777 == 0o600


def test_a_workbook_after_json_files_overrides_their_procedures(tmp_path) -> None:
    workbook = openpyxl.Workbook()
    procedures = workbook.active
    procedures.title = "procedures"
    procedures.append(["code", "name", "reason"])
    procedures.append([RESIDENCE, "Đăng ký thường trú (danh mục của tỉnh)", "Chưa đối chiếu"])
    components = workbook.create_sheet("components")
    components.append(["procedure", "code", "name", "kind", "required"])
    components.append([RESIDENCE, "TP1", "Tờ khai CT01", "submitted", "có"])
    components.append([RESIDENCE, "KQ1", "Thông báo kết quả", "result", "không"])
    path = tmp_path / "tinh.xlsx"
    workbook.save(path)
    data = tmp_path / "hub"
    assert published(data, "v1", bundled_catalog_dir(), path)["procedures"] == 14
    catalog = stored_catalog(data, "v1")
    assert [c.code for c in catalog.get(RESIDENCE).components] == ["TP1", "KQ1"]
    assert catalog.get("1.000656") == load_catalog([bundled_catalog_dir()]).get("1.000656")


def test_the_readme_documents_every_column_of_every_sheet() -> None:
    text = (REPO / "resources" / "catalog" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Spreadsheets", 1)[1].split("\n## ", 1)[0]
    for table in TABLES:
        block = section.split(f"### Sheet `{table.name}`", 1)[1].split("###", 1)[0]
        documented = re.findall(r"^\| `([a-z_]+)` \|", block, flags=re.MULTILINE)
        assert documented == [c.name for c in table.columns], table.name
