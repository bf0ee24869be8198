"""The hub checks the clerk's signature of each PDF at manifest commit."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers.hub import running_hub
from tests.hub.conftest import STATION, connect, manifest_for
from tests.hub.signed_files import signed_component_pdf
from tests.station.pades.conftest import component_pdf
from tests.station.pades.support import CaBundle

CODE = "000.00.14.H05-250101-0001"


@pytest.fixture(scope="module")
def ca(signing_ca: CaBundle) -> CaBundle:
    return signing_ca


@pytest.fixture(scope="module")
def signed(ca: CaBundle, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return signed_component_pdf(tmp_path_factory.mktemp("signed"), ca, pages=2).read_bytes()


def _tampered(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[changed.index(b"/DCTDecode") + 3000] ^= 0x08
    return bytes(changed)


def _commit(station, files: dict[str, bytes]):
    for key, data in files.items():
        station.upload(data, key)
    return station.post("/api/v1/manifests", json=manifest_for(files))


def test_a_signed_pdf_is_accepted(station, signed: bytes) -> None:
    response = _commit(station, {"K-1": signed})
    assert response.status_code == 200, response.text
    folder = station.hub.data_dir / "dossiers" / STATION / CODE
    assert (
        hashlib.sha256((folder / "K-1.pdf").read_bytes()).digest()
        == hashlib.sha256(signed).digest()
    )


def test_a_pdf_changed_after_signing_is_refused_and_nothing_published(
    station, signed: bytes
) -> None:
    response = _commit(station, {"K-1": signed, "K-2": _tampered(signed)})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "signature_invalid"
    assert body["files"] == [{"file_name": "K-2.pdf", "problem": "signature_broken"}]
    assert station.get("/api/v1/dossiers").json() == []


def test_unsigned_files_pass_unless_the_hub_requires_signatures(
    tmp_path: Path, signed: bytes
) -> None:
    plain = component_pdf(1)
    with running_hub(tmp_path / "lenient") as hub:
        assert _commit(connect(hub, STATION), {"K-1": plain}).status_code == 200
    with running_hub(tmp_path / "strict", require_signatures=True) as hub:
        station = connect(hub, STATION)
        response = _commit(station, {"K-1": plain, "K-2": b"not a pdf", "K-3": signed})
        assert response.status_code == 422
        assert response.json()["files"] == [
            {"file_name": "K-1.pdf", "problem": "unsigned"},
            {"file_name": "K-2.pdf", "problem": "unsigned"},
        ]
