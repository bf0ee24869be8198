"""Finishing: build, sign, publish and queue, the one flow of the CLI and the GUI."""

from __future__ import annotations

import pytest

from app.finishing import finish, is_signing_error, signing_context
from station.errors import ErrorCode, StationError
from station.model import DossierState
from station.pades.verify import verify_pdf
from station.workflow.signing import PKCS12, SigningSetup, save_setup
from tests.station.pades.support import CLERK, PASSWORD, pkcs12_file
from tests.station.workflow.support import CODE, new_dossier, scanned_page


def _dossier(store, catalog) -> None:
    new_dossier(store, catalog)
    for component in ("TP1", "KQ1"):
        scanned_page(store, CODE, "A6", component)


def test_unsigned_finish_publishes_and_queues_without_asking_a_secret(store, catalog) -> None:
    _dossier(store, catalog)
    woken = []

    def never() -> str:
        raise AssertionError("no signing is set up: nothing to ask")

    outcome = finish(store, catalog, CODE, secret=never, wake=lambda: woken.append(1),
                     profile="jpeg", workers=1)  # fmt: skip
    assert [f.component_code for f in outcome.receipt.files] == ["TP1", "KQ1"]
    assert outcome.signer is None and outcome.upload.error is None
    assert outcome.upload.files == 2 and outcome.upload.jobs == 3  # and the manifest
    assert woken == [1]
    assert store.dossier(CODE).state is DossierState.FINISHED


def test_signed_finish_signs_every_file(store, catalog, signing_ca, tmp_path) -> None:
    _dossier(store, catalog)
    p12 = pkcs12_file(tmp_path, signing_ca.clerk, signing_ca)
    save_setup(store, SigningSetup(method=PKCS12, pkcs12_path=str(p12)))
    assert signing_context(store, CODE).setup.configured
    outcome = finish(store, catalog, CODE, secret=lambda: PASSWORD, profile="jpeg", workers=1)
    assert outcome.signer and CLERK in outcome.signer
    for file in outcome.receipt.files:
        assert verify_pdf(store.layout.absolute(file.path), [signing_ca.root_pem]).signed


def test_a_wrong_password_finishes_nothing(store, catalog, signing_ca, tmp_path) -> None:
    _dossier(store, catalog)
    p12 = pkcs12_file(tmp_path, signing_ca.clerk, signing_ca)
    save_setup(store, SigningSetup(method=PKCS12, pkcs12_path=str(p12)))
    with pytest.raises(StationError) as refused:
        finish(store, catalog, CODE, secret=lambda: "wrong", profile="jpeg", workers=1)
    assert is_signing_error(refused.value)
    assert store.dossier(CODE).state is DossierState.OPEN


def test_missing_components_need_a_reason(store, catalog) -> None:
    new_dossier(store, catalog)
    scanned_page(store, CODE, "A6", "KQ1")
    with pytest.raises(StationError) as missing:
        finish(store, catalog, CODE, profile="jpeg", workers=1)
    assert missing.value.code is ErrorCode.REQUIRED_COMPONENTS_MISSING
    outcome = finish(store, catalog, CODE, profile="jpeg", workers=1, override_reason="later")
    assert outcome.receipt.missing_required == ("TP1",)
