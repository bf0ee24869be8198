"""Shared fixtures: every test gets its own data directory; Qt runs offscreen; SANE sees `test`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SANE_CONFIG_DIR", str(TESTS / "sane"))
# As `sohoa` does first thing (station.store.permissions.set_private_umask): what the tests
# write in a data directory is as private as what the station writes there.
os.umask(0o077)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "sohoa-home"
    monkeypatch.setenv("SOHOA_HOME", str(data))
    return data


@pytest.fixture
def store(home: Path):
    from station.store import Store

    opened = Store.open(home)
    yield opened
    opened.close()


@pytest.fixture
def catalog():
    from station.catalog import bundled_catalog_dir, load_catalog

    return load_catalog([bundled_catalog_dir()])


@pytest.fixture(scope="session")
def signing_ca(tmp_path_factory: pytest.TempPathFactory):
    """One test CA for the session: a root and clerk certificates (tests/station/pades)."""
    from tests.station.pades.support import make_ca

    return make_ca(tmp_path_factory.mktemp("signing-ca"))


@pytest.fixture(scope="session")
def hsm_token(signing_ca, tmp_path_factory: pytest.TempPathFactory):
    """One SoftHSM2 token for the session: SoftHSM reads its configuration once per process,
    so every test that signs with PKCS#11 shares this token."""
    from tests.station.pades.support import softhsm_token

    return softhsm_token(tmp_path_factory.mktemp("softhsm"), signing_ca.clerk)
