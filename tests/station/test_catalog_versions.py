"""Signed catalog versions: only what the hub's key signed is applied, a station keeps its
version when an update is refused, and old versions stay readable for old dossiers."""

from __future__ import annotations

import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.catalog import bundled_catalog_dir
from station.catalog_bundle import sign_bundle, verify_bundle
from station.catalog_versions import CatalogVersions
from station.errors import ErrorCode, StationError

HUB_KEY = Ed25519PrivateKey.generate()


def _procedures() -> list[dict]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(bundled_catalog_dir().glob("*.json"))
    ]


def _signed(
    version: str,
    rename: str = "",
    key: Ed25519PrivateKey = HUB_KEY,
    issued: str = "2026-12-01T08:00:00+07:00",
) -> dict:
    procedures = _procedures()
    if rename:
        procedures[0]["name"] = rename
    return sign_bundle(version, issued, procedures, key)


def test_a_signed_version_verifies_and_becomes_a_catalog() -> None:
    bundle = verify_bundle(_signed("2026.12.1"), HUB_KEY.public_key())
    catalog = bundle.catalog()
    assert bundle.version == "2026.12.1" and len(catalog) == len(_procedures())
    assert catalog.get("1.001193").components


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["procedures"][0].update(name="Thủ tục giả"),
        lambda d: d["procedures"][1]["components"].pop(),
        lambda d: d.update(version="2026.12.2"),
        lambda d: d["signature"].update(value="AAAA"),
        lambda d: d.pop("signature"),
    ],
)
def test_any_change_breaks_the_signature(tamper) -> None:
    document = copy.deepcopy(_signed("2026.12.1"))
    tamper(document)
    with pytest.raises(StationError) as caught:
        verify_bundle(document, HUB_KEY.public_key())
    assert caught.value.code is ErrorCode.CATALOG_SIGNATURE_INVALID


def test_another_key_is_not_the_hub() -> None:
    with pytest.raises(StationError) as caught:
        verify_bundle(_signed("2026.12.1", key=Ed25519PrivateKey.generate()), HUB_KEY.public_key())
    assert caught.value.code is ErrorCode.CATALOG_SIGNATURE_INVALID


def test_a_tampered_update_is_refused_and_the_station_keeps_its_version(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    assert versions.current() is None
    versions.apply(_signed("2026.11.1"))
    forged = _signed("2026.12.1", rename="Đăng ký khai sinh (sửa)")
    forged["procedures"][0]["name"] = "Sửa sau khi ký"
    with pytest.raises(StationError):
        versions.apply(forged)
    assert versions.current().version == "2026.11.1"
    assert versions.versions() == ["2026.11.1"]


def test_a_new_version_becomes_current_and_the_old_one_stays(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    old = versions.apply(_signed("2026.11.1"))
    new = versions.apply(_signed("2026.12.1", rename="Tên mới"))
    assert versions.current().digest == new.digest
    assert versions.get("2026.11.1").digest == old.digest
    assert versions.versions() == ["2026.11.1", "2026.12.1"]
    again = versions.apply(_signed("2026.12.1", rename="Tên mới"))  # fetched twice: no change
    assert again.digest == new.digest


def test_a_version_issued_before_the_one_in_use_is_refused_and_nothing_changes(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    versions.apply(_signed("2026.11.1", issued="2026-11-01T08:00:00+07:00"))
    versions.apply(_signed("2026.12.1", rename="Tên mới", issued="2026-12-01T08:00:00+07:00"))
    replayed = _signed("2026.10.5", rename="Tên cũ", issued="2026-10-05")  # a date alone
    with pytest.raises(StationError) as caught:
        versions.apply(replayed)
    assert caught.value.code is ErrorCode.CATALOG_OLDER
    assert caught.value.params == {
        "version": "2026.10.5",
        "issued_at": "2026-10-05",
        "current": "2026.12.1",
        "current_issued_at": "2026-12-01T08:00:00+07:00",
    }
    with pytest.raises(StationError) as again:  # a kept one served again is no newer either
        versions.apply(_signed("2026.11.1", issued="2026-11-01T08:00:00+07:00"))
    assert again.value.code is ErrorCode.CATALOG_OLDER
    assert versions.current_name() == "2026.12.1"
    assert versions.versions() == ["2026.11.1", "2026.12.1"]  # the refused one is not kept
    # One hour later in UTC than the version in use, though its clock reads earlier: newer.
    later = versions.apply(_signed("2026.12.2", issued="2026-12-01T03:00:00+01:00"))
    assert versions.current_name() == later.version == "2026.12.2"


def test_a_published_version_is_never_rewritten(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    versions.apply(_signed("2026.12.1"))
    with pytest.raises(StationError) as caught:
        versions.apply(_signed("2026.12.1", rename="Khác"))
    assert caught.value.code is ErrorCode.CATALOG_INVALID
    assert (
        versions.current().catalog().get(_procedures()[0]["code"]).name == _procedures()[0]["name"]
    )


def test_a_file_changed_on_disk_is_not_trusted(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    versions.apply(_signed("2026.12.1"))
    path = tmp_path / "catalogs" / "2026.12.1.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Tờ khai", "Tờ khaj"), "utf-8")
    with pytest.raises(StationError) as caught:
        versions.current()
    assert caught.value.code is ErrorCode.CATALOG_SIGNATURE_INVALID


@pytest.mark.parametrize("version", ["../evil", "", "a" * 65, ".hidden", "v 1"])
def test_a_bad_version_name_is_refused(tmp_path, version) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    with pytest.raises(StationError) as caught:
        versions.apply(_signed(version))
    assert caught.value.code is ErrorCode.CATALOG_INVALID
    assert not (tmp_path / "evil.json").exists()


def test_a_kept_version_is_checked_against_the_key_it_was_accepted_under(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    versions.apply(_signed("v1"))
    new_key = Ed25519PrivateKey.generate()
    after_login = CatalogVersions(tmp_path / "catalogs", new_key.public_key())
    assert after_login.current().version == "v1" and after_login.get("v1").key_id
    after_login.apply(_signed("v2", key=new_key))
    assert [after_login.get(v).version for v in ("v1", "v2")] == ["v1", "v2"]
    with pytest.raises(StationError) as caught:  # a key never accepted verifies nothing
        after_login.apply(_signed("v3", key=Ed25519PrivateKey.generate()))
    assert caught.value.code is ErrorCode.CATALOG_SIGNATURE_INVALID


def test_versions_kept_before_the_keyring_keep_the_key_pinned_before_a_new_one(tmp_path) -> None:
    versions = CatalogVersions(tmp_path / "catalogs", HUB_KEY.public_key())
    versions.apply(_signed("v1"))
    (tmp_path / "catalogs" / "keys").unlink()  # as a station of the previous release left it
    assert versions.remember_kept(HUB_KEY.public_key()) == ["v1"]
    after_login = CatalogVersions(tmp_path / "catalogs", Ed25519PrivateKey.generate().public_key())
    assert after_login.get("v1").version == "v1"
