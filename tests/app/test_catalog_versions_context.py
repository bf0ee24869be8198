"""The station's catalog: built-in, the province's current version on top, and the procedures
the station's own folder adds; a dossier is checked against the version it was opened under."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.context import AppContext, province_catalog_dir
from station.catalog import bundled_catalog_dir
from station.catalog_bundle import sign_bundle
from station.catalog_keys import public_key_text
from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode, StationError
from station.workflow.finish import missing_required
from sync.enqueue import build_manifest
from sync.settings import save_settings

PROCEDURE = "1.010041"
HUB_KEY = Ed25519PrivateKey.generate()
EXTRA = {"code": "TP9", "name": "Giấy tờ mới", "kind": "submitted", "required": True}


def _signed(version: str, extra_paper: bool) -> dict:
    procedures = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(bundled_catalog_dir().glob("*.json"))
    ]
    if extra_paper:
        wanted = next(p for p in procedures if p["code"] == PROCEDURE)
        wanted["components"].insert(1, EXTRA)
    return sign_bundle(version, "2026-12-01T08:00:00+07:00", procedures, HUB_KEY)


@pytest.fixture
def app(home):
    context = AppContext(home=home)
    save_settings(context.store, catalog_key=public_key_text(HUB_KEY.public_key()))
    yield context
    context.close()


def _open(app: AppContext, code: str):
    return open_dossier(app.store, app.catalog, DossierRequest(code, PROCEDURE))[0]


def test_without_a_province_version_the_built_in_catalog_is_used(home) -> None:
    app = AppContext(home=home)
    try:
        assert app.catalog.version.startswith("builtin-") and app.catalog_versions() is None
        dossier = _open(app, "HS-1")
        assert dossier.catalog_version == app.catalog.version
        assert app.catalog_for(dossier) is app.catalog
    finally:
        app.close()


def test_an_old_dossier_keeps_the_checks_of_its_version(app) -> None:
    versions = app.catalog_versions()
    versions.apply(_signed("v1", extra_paper=False))
    before = _open(app, "HS-1")
    versions.apply(_signed("v2", extra_paper=True))
    app.reload_catalog()
    after = _open(app, "HS-2")
    assert (before.catalog_version, after.catalog_version) == ("v1", "v2")
    assert missing_required(app.store, app.catalog, "HS-1") == ["TP1"]
    assert missing_required(app.store, app.catalog, "HS-2") == ["TP1", "TP9"]
    assert [c.code for c in app.catalog_for(before).get(PROCEDURE).components] == ["TP1", "KQ1"]
    assert app.store.dossier("HS-1").catalog_version == "v1"


def test_a_dossier_opened_before_any_update_is_checked_against_the_built_in_one(app) -> None:
    before = _open(app, "HS-1")
    app.catalog_versions().apply(_signed("v2", extra_paper=True))
    app.reload_catalog()
    assert before.catalog_version.startswith("builtin-")
    assert missing_required(app.store, app.catalog, "HS-1") == ["TP1"]


def _own_file(home, code: str, name: str, extra_paper: bool = False) -> None:
    own = json.loads((bundled_catalog_dir() / f"{PROCEDURE}.json").read_text(encoding="utf-8"))
    own["code"], own["name"] = code, name
    if extra_paper:
        own["components"].insert(1, EXTRA)
    (home / "catalog").mkdir(parents=True, exist_ok=True)
    (home / "catalog" / f"{code}.json").write_text(json.dumps(own), encoding="utf-8")


def test_an_own_file_naming_a_province_procedure_is_ignored_and_listed(app, home) -> None:
    app.catalog_versions().apply(_signed("v2", extra_paper=True))
    _own_file(home, PROCEDURE, "Tên riêng của trạm")
    catalog = app.reload_catalog()
    assert catalog.version == "v2" and catalog.get(PROCEDURE).name == "Xác nhận thông tin về cư trú"
    assert [(f.code, f.path) for f in catalog.ignored] == [
        (PROCEDURE, str(home / "catalog" / f"{PROCEDURE}.json"))
    ]
    assert catalog.local == () and _open(app, "HS-1").catalog_version == "v2"
    assert missing_required(app.store, app.catalog, "HS-1") == ["TP1", "TP9"]


def test_an_own_file_cannot_replace_a_built_in_procedure_either(home) -> None:
    _own_file(home, PROCEDURE, "Tên riêng của trạm")
    app = AppContext(home=home)
    try:
        assert app.catalog.get(PROCEDURE).name == "Xác nhận thông tin về cư trú"
        assert [f.code for f in app.catalog.ignored] == [PROCEDURE]
    finally:
        app.close()


def test_a_dossier_of_an_added_procedure_records_the_local_file_it_followed(app, home) -> None:
    app.catalog_versions().apply(_signed("v2", extra_paper=False))
    _own_file(home, "1.010041.H05", "Thủ tục riêng của tỉnh")
    catalog = app.reload_catalog()
    assert catalog.get("1.010041.H05").name == "Thủ tục riêng của tỉnh" and catalog.ignored == ()
    (own,) = catalog.local
    opened = open_dossier(app.store, catalog, DossierRequest("HS-1", "1.010041.H05"))[0]
    assert opened.catalog_version == f"v2+local:{own.sha8}" and len(own.sha8) == 8
    assert app.store.dossier("HS-1").catalog_version == f"v2+local:{own.sha8}"
    assert _open(app, "HS-2").catalog_version == "v2"  # a province procedure: no mark
    manifest = build_manifest(app.store, catalog, app.store.dossier("HS-1"), [], "M-1")
    assert manifest["catalog_version"] == f"v2+local:{own.sha8}"


def test_editing_an_own_file_leaves_the_dossiers_opened_under_it_alone(app, home) -> None:
    _own_file(home, "1.010041.H05", "Thủ tục riêng của tỉnh")
    before = open_dossier(app.store, app.catalog, DossierRequest("HS-1", "1.010041.H05"))[0]
    _own_file(home, "1.010041.H05", "Thủ tục riêng của tỉnh", extra_paper=True)
    catalog = app.reload_catalog()
    after = open_dossier(app.store, catalog, DossierRequest("HS-2", "1.010041.H05"))[0]
    built_in = app.catalog.version
    assert before.catalog_version.startswith(f"{built_in}+local:")
    assert after.catalog_version.startswith(f"{built_in}+local:")
    assert before.catalog_version != after.catalog_version
    assert missing_required(app.store, catalog, "HS-1") == ["TP1"]
    assert missing_required(app.store, catalog, "HS-2") == ["TP1", "TP9"]
    (home / "catalog" / "1.010041.H05.json").unlink()  # gone from the folder: still kept
    fresh = AppContext(home=home)
    try:
        assert missing_required(fresh.store, fresh.catalog, "HS-1") == ["TP1"]
        assert missing_required(fresh.store, fresh.catalog, "HS-2") == ["TP1", "TP9"]
    finally:
        fresh.close()


def test_a_damaged_kept_version_is_refused_not_silently_replaced(app) -> None:
    versions = app.catalog_versions()
    versions.apply(_signed("v1", extra_paper=False))
    _open(app, "HS-1")
    versions.apply(_signed("v2", extra_paper=True))
    path = province_catalog_dir(app.home) / "v1.json"
    path.write_text(path.read_text(encoding="utf-8").replace("TP1", "TP7"), encoding="utf-8")
    with pytest.raises(StationError) as caught:
        missing_required(app.store, app.reload_catalog(), "HS-1")
    assert caught.value.code is ErrorCode.CATALOG_SIGNATURE_INVALID
