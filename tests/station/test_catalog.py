from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from station.catalog import bundled_catalog_dir, load_catalog
from station.errors import ErrorCode, StationError
from station.model import AdminLevel, ComponentKind


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
    assert any(c.required for c in submitted), "needs at least one required submitted component"
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
