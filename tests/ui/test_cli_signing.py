"""`sohoa signing setup|status`, `sohoa verify`, and `sohoa dossier finish` signing every file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from station.store import Store
from tests.station.pades.support import (
    CLERK,
    PASSWORD,
    CaBundle,
    pkcs12_file,
)
from tests.station.workflow.support import CODE, PROCEDURE, scanned_page
from ui.cli.main import main


@pytest.fixture(scope="module")
def ca(signing_ca: CaBundle) -> CaBundle:
    return signing_ca


def _run(capsys, monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _dossier(capsys, monkeypatch, home: Path) -> None:
    code, _, err = _run(capsys, monkeypatch, "dossier", "new", "--code", CODE, "--procedure",
                        PROCEDURE)  # fmt: skip
    assert code == 0, err
    with Store.open(home) as store:
        for component in ("TP1", "TP1", "KQ1"):
            scanned_page(store, CODE, "A6", component)


def _finish(capsys, monkeypatch, stdin: str) -> tuple[int, str, str]:
    return _run(capsys, monkeypatch, "dossier", "finish", CODE, "--profile", "jpeg",
                "--workers", "1", "--json", stdin=stdin)  # fmt: skip


def _outbox_files(home: Path) -> list[Path]:
    return sorted(p for p in (home / "finished").rglob("*") if p.is_file())


def test_pkcs12_setup_then_finish_signs_every_file_and_verify_says_so(
    capsys, monkeypatch, home, ca, tmp_path
) -> None:
    p12 = pkcs12_file(tmp_path, ca.clerk, ca)
    code, out, err = _run(capsys, monkeypatch, "signing", "setup", "--pkcs12", str(p12),
                          "--trust", str(ca.root_pem), "--clerk-name", CLERK, "--json",
                          stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, err
    setup = json.loads(out)
    assert setup["configured"] and setup["signer"] == CLERK and setup["warnings"] == []
    code, out, _ = _run(capsys, monkeypatch, "signing", "status", "--json")
    assert json.loads(out)["method"] == "pkcs12" and PASSWORD not in out

    _dossier(capsys, monkeypatch, home)
    code, out, err = _finish(capsys, monkeypatch, PASSWORD + "\n")
    assert code == 0, err
    receipt = json.loads(out)
    assert receipt["signed"] is True and len(receipt["files"]) == 2
    for f in receipt["files"]:
        path = home / f["path"]
        code, out, err = _run(capsys, monkeypatch, "verify", str(path), "--json")
        assert code == 0, err
        verdict = json.loads(out)
        assert verdict["intact"] and verdict["trusted"] and verdict["signer"] == CLERK
        assert not verdict["modified_after_signing"]


def test_a_wrong_pin_at_finish_leaves_the_dossier_open_and_nothing_queued(
    capsys, monkeypatch, home, hsm_token
) -> None:
    token = hsm_token
    code, _, err = _run(capsys, monkeypatch, "signing", "setup", "--pkcs11", str(token.module),
                        "--token", token.label, stdin=token.pin + "\n")  # fmt: skip
    assert code == 0, err
    _dossier(capsys, monkeypatch, home)
    code, out, err = _finish(capsys, monkeypatch, "999999\n")
    assert code == 3
    assert json.loads(out)["error"]["code"] == "sign_wrong_pin"
    assert "PIN" in err
    assert _outbox_files(home) == []
    code, out, _ = _run(capsys, monkeypatch, "dossier", "show", CODE, "--json")
    assert json.loads(out)["dossier"]["state"] == "open"
    code, out, err = _finish(capsys, monkeypatch, token.pin + "\n")  # the right PIN: it goes
    assert code == 0, err
    assert json.loads(out)["signed"] is True


def test_an_expired_certificate_cannot_be_set_up(capsys, monkeypatch, home, ca, tmp_path) -> None:
    p12 = pkcs12_file(tmp_path, ca.expired, ca)
    code, out, err = _run(capsys, monkeypatch, "signing", "setup", "--pkcs12", str(p12), "--json",
                          stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 3 and json.loads(out)["error"]["code"] == "sign_cert_expired"
    code, out, _ = _run(capsys, monkeypatch, "signing", "status", "--json")
    assert json.loads(out)["configured"] is False


def test_verify_exits_3_for_a_file_changed_after_signing(
    capsys, monkeypatch, home, ca, tmp_path
) -> None:
    from datetime import UTC, datetime

    from station.pades.keys import Pkcs12Key, open_session
    from station.pades.sign import Stamp, sign_pdf
    from tests.station.pades.conftest import component_pdf

    path = tmp_path / "x.pdf"
    path.write_bytes(component_pdf(1))
    with open_session(Pkcs12Key(pkcs12_file(tmp_path, ca.clerk, ca), PASSWORD.encode())) as s:
        sign_pdf(path, s, Stamp(CLERK, datetime.now(UTC)))
    data = bytearray(path.read_bytes())
    data[data.index(b"/DCTDecode") + 3000] ^= 0x10
    path.write_bytes(bytes(data))
    code, out, _ = _run(capsys, monkeypatch, "verify", str(path), "--json")
    assert code == 3 and json.loads(out)["intact"] is False


def test_signing_can_be_turned_off(capsys, monkeypatch, home, ca, tmp_path) -> None:
    p12 = pkcs12_file(tmp_path, ca.clerk, ca)
    _run(capsys, monkeypatch, "signing", "setup", "--pkcs12", str(p12), stdin=PASSWORD + "\n")
    code, out, _ = _run(capsys, monkeypatch, "signing", "setup", "--off", "--json")
    assert code == 0 and json.loads(out)["configured"] is False
    _dossier(capsys, monkeypatch, home)
    code, out, err = _finish(capsys, monkeypatch, "")
    assert code == 0, err
    assert json.loads(out)["signed"] is False
