"""`sohoa catalog check` covers the province's version the station uses, and `sohoa catalog
diff` reads the versions the station keeps, by name or by file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.context import AppContext, province_catalog_dir
from station.catalog import bundled_catalog_dir
from station.catalog_bundle import sign_bundle
from station.catalog_keys import public_key_text
from sync.settings import save_settings
from ui.cli.catalog import catalog_group

HUB_KEY = Ed25519PrivateKey.generate()
DEATH = "1.000656"


def _procedures(**provenance: str) -> list[dict]:
    found = [json.loads(p.read_text("utf-8")) for p in sorted(bundled_catalog_dir().glob("*.json"))]
    for data in found:
        if data["code"] == DEATH:
            data["provenance"].update(provenance)
    return found


def _station(home: Path, *versions: tuple[str, list[dict]]) -> None:
    app = AppContext(home=home)
    try:
        save_settings(app.store, catalog_key=public_key_text(HUB_KEY.public_key()))
        for name, procedures in versions:
            app.catalog_versions().apply(sign_bundle(name, "2026-12-01", procedures, HUB_KEY))
    finally:
        app.close()


def _run(home: Path, *args: str):
    return CliRunner().invoke(catalog_group, list(args), obj=AppContext(home=home))


def test_check_covers_the_province_version_in_use(home: Path) -> None:
    _station(home, ("v1", _procedures(valid_until="2025-06-30")))
    result = _run(home, "check", "--json", "--today", "2026-12-05")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    kept = str(province_catalog_dir(home) / "v1.json")
    assert kept in report["sources"]
    assert [(p["procedure"], p["kind"], p["path"]) for p in report["problems"]] == [
        (DEATH, "expired", kept)
    ]


def test_diff_reads_kept_versions_by_name_and_by_file(home: Path) -> None:
    _station(home, ("v1", _procedures()), ("v2", _procedures(valid_until="2027-06-30")))
    by_name = _run(home, "diff", "v1", "v2", "--json")
    assert by_name.exit_code == 0, by_name.output
    changes = json.loads(by_name.output)["changes"]
    assert [(c["procedure"], c["kind"], c["new"]) for c in changes] == [
        (DEATH, "changed", "2027-06-30")
    ]
    kept = province_catalog_dir(home)
    by_file = _run(home, "diff", str(kept / "v1.json"), str(kept / "v2.json"), "--json")
    assert by_file.exit_code == 0 and json.loads(by_file.output)["changes"] == changes
    against_built_in = _run(home, "diff", "builtin", "v1", "--json")
    assert against_built_in.exit_code == 0 and json.loads(against_built_in.output)["changes"] == []
    unknown = _run(home, "diff", "v1", "v9")
    assert unknown.exit_code != 0


def test_check_reads_a_signed_version_file(home: Path) -> None:
    _station(home, ("v1", _procedures(valid_until="2025-06-30")))
    kept = str(province_catalog_dir(home) / "v1.json")
    result = _run(home, "check", kept, "--json", "--today", "2026-12-05")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["sources"] == [kept]
    assert [(p["procedure"], p["kind"]) for p in report["problems"]] == [(DEATH, "expired")]
