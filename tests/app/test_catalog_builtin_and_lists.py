"""The built-in catalog is named by what it holds and kept, so a dossier opened under it keeps
its rules across an upgrade; a province version is the province's complete list."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import station.catalog_builtin as catalog_builtin
from app.context import AppContext
from station.catalog import bundled_catalog_dir
from station.catalog_bundle import sign_bundle, verify_bundle
from station.catalog_keys import public_key_text
from station.dossiers import DossierRequest, open_dossier
from station.errors import ErrorCode, StationError
from station.workflow.finish import missing_required
from sync.enqueue import build_manifest
from sync.settings import save_settings

PROCEDURE = "1.010041"
OTHER = "1.000656"
HUB_KEY = Ed25519PrivateKey.generate()
EXTRA = {"code": "TP9", "name": "Giấy tờ mới", "kind": "submitted", "required": True}


def _procedure(code: str) -> dict:
    return json.loads((bundled_catalog_dir() / f"{code}.json").read_text(encoding="utf-8"))


def _open(app: AppContext, code: str, procedure: str = PROCEDURE):
    return open_dossier(app.store, app.catalog, DossierRequest(code, procedure))[0]


@pytest.fixture
def app(home):
    context = AppContext(home=home)
    yield context
    context.close()


def test_the_built_in_catalog_is_named_by_its_content_and_dossiers_record_it(app) -> None:
    name = app.catalog.version
    assert name.startswith("builtin-") and len(name) == len("builtin-") + 8
    assert catalog_builtin.built_in_catalog().version == name  # the same files, the same name
    dossier = _open(app, "HS-1")
    assert dossier.catalog_version == name
    manifest = build_manifest(app.store, app.catalog, app.store.dossier("HS-1"), [], "M-1")
    assert manifest["catalog_version"] == name
    assert (app.home / "catalogs" / "builtin" / f"{name}.json").is_file()


def test_a_dossier_opened_under_the_built_in_catalog_keeps_its_rules_after_an_upgrade(
    home, tmp_path, monkeypatch
) -> None:
    before_upgrade = AppContext(home=home)
    try:
        old_name = before_upgrade.catalog.version
        _open(before_upgrade, "HS-1")
    finally:
        before_upgrade.close()
    upgraded = tmp_path / "upgraded"
    shutil.copytree(bundled_catalog_dir(), upgraded)
    changed = _procedure(PROCEDURE)
    changed["components"].insert(1, EXTRA)
    (upgraded / f"{PROCEDURE}.json").write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(catalog_builtin, "bundled_catalog_dir", lambda: upgraded)
    app = AppContext(home=home)
    try:
        assert app.catalog.version not in ("", old_name)
        _open(app, "HS-2")
        assert missing_required(app.store, app.catalog, "HS-1") == ["TP1"]  # as opened
        assert missing_required(app.store, app.catalog, "HS-2") == ["TP1", "TP9"]
    finally:
        app.close()


def test_a_dossier_that_recorded_no_version_follows_the_built_in_catalog(app) -> None:
    unnamed = dataclasses.replace(app.catalog, version="")
    dossier = open_dossier(app.store, unnamed, DossierRequest("HS-1", PROCEDURE))[0]
    assert dossier.catalog_version == ""
    assert missing_required(app.store, app.catalog, "HS-1") == ["TP1"]
    assert app.catalog_for(dossier).get(PROCEDURE).code == PROCEDURE


def test_a_province_version_is_the_complete_list(app) -> None:
    save_settings(app.store, catalog_key=public_key_text(HUB_KEY.public_key()))
    full = [_procedure(p.stem) for p in sorted(bundled_catalog_dir().glob("*.json"))]
    app.catalog_versions().apply(sign_bundle("v1", "2026-12-01", full, HUB_KEY))
    app.reload_catalog()
    before = _open(app, "HS-1", OTHER)
    app.catalog_versions().apply(sign_bundle("v2", "2026-12-02", [_procedure(PROCEDURE)], HUB_KEY))
    catalog = app.reload_catalog()
    assert [p.code for p in catalog] == [PROCEDURE]
    with pytest.raises(StationError) as caught:
        _open(app, "HS-2", OTHER)
    assert caught.value.code is ErrorCode.UNKNOWN_PROCEDURE
    assert before.catalog_version == "v1"
    assert app.catalog_for(before).get(OTHER).code == OTHER  # the open dossier keeps v1


def test_a_province_version_may_not_take_a_built_in_name() -> None:
    document = sign_bundle("builtin-0000aaaa", "2026-12-01", [_procedure(PROCEDURE)], HUB_KEY)
    with pytest.raises(StationError) as caught:
        verify_bundle(document, HUB_KEY.public_key())
    assert caught.value.code is ErrorCode.CATALOG_INVALID
