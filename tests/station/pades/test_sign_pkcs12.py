"""PAdES signing with a PKCS#12 file, checked by pyHanko's validator against the test CA."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from station.errors import ErrorCode, StationError
from station.pades.keys import Pkcs12Key, check_certificate, open_session
from station.pades.sign import Stamp, is_signed, sign_pdf
from station.pades.verify import verify_pdf
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file

SCAN_TIME = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def _key(ca: CaBundle, tmp_path: Path, which: str = "clerk") -> Pkcs12Key:
    return Pkcs12Key(pkcs12_file(tmp_path, getattr(ca, which), ca), PASSWORD.encode())


def test_a_signed_file_verifies_against_the_ca_with_signer_and_time(
    ca: CaBundle, tmp_path: Path, unsigned: Path
) -> None:
    with open_session(_key(ca, tmp_path)) as session:
        assert check_certificate(session, CLERK, datetime.now(UTC)) == []
        sign_pdf(unsigned, session, Stamp(session.subject_name(), SCAN_TIME))
    assert is_signed(unsigned)
    result = verify_pdf(unsigned, [ca.root_pem])
    assert (result.signed, result.intact, result.trusted) == (True, True, True)
    assert result.signer == CLERK and not result.modified_after_signing
    assert result.signing_time is not None
    assert abs((datetime.now(UTC) - result.signing_time).total_seconds()) < 120
    assert not [p for p in unsigned.parent.iterdir() if p.name.endswith(".signing")]


def test_without_the_ca_the_signature_is_intact_but_not_trusted(
    ca: CaBundle, tmp_path: Path, unsigned: Path
) -> None:
    with open_session(_key(ca, tmp_path)) as session:
        sign_pdf(unsigned, session, Stamp(CLERK, SCAN_TIME))
    result = verify_pdf(unsigned)
    assert result.intact and not result.trusted


def test_one_byte_changed_after_signing_is_detected(
    ca: CaBundle, tmp_path: Path, unsigned: Path
) -> None:
    with open_session(_key(ca, tmp_path)) as session:
        sign_pdf(unsigned, session, Stamp(CLERK, SCAN_TIME))
    data = bytearray(unsigned.read_bytes())
    spot = data.index(b"/DCTDecode") + 4000  # inside the first page's image
    data[spot] ^= 0x01
    unsigned.write_bytes(bytes(data))
    result = verify_pdf(unsigned, [ca.root_pem])
    assert result.signed and not result.intact


def test_an_update_appended_after_signing_is_reported(
    ca: CaBundle, tmp_path: Path, unsigned: Path
) -> None:
    from pyhanko.pdf_utils.generic import ArrayObject, NumberObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open_session(_key(ca, tmp_path)) as session:
        sign_pdf(unsigned, session, Stamp(CLERK, SCAN_TIME))
    with unsigned.open("rb+") as handle:  # page 1 cut down, in a revision after the signature
        writer = IncrementalPdfFileWriter(handle)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/MediaBox"] = ArrayObject([NumberObject(v) for v in (0, 0, 100, 100)])
        writer.update_container(page)
        writer.write_in_place()
    result = verify_pdf(unsigned, [ca.root_pem])
    assert result.signed and result.intact  # the signed revision itself is untouched
    assert result.modified_after_signing


def test_an_already_signed_pdf_is_refused_and_left_as_it_was(
    ca: CaBundle, tmp_path: Path, unsigned: Path
) -> None:
    with open_session(_key(ca, tmp_path)) as session:
        sign_pdf(unsigned, session, Stamp(CLERK, SCAN_TIME))
        signed = unsigned.read_bytes()
        with pytest.raises(StationError) as caught:
            sign_pdf(unsigned, session, Stamp(CLERK, SCAN_TIME))
    assert caught.value.code is ErrorCode.SIGN_ALREADY_SIGNED
    assert unsigned.read_bytes() == signed
    assert sorted(p.name for p in unsigned.parent.iterdir() if p.suffix != ".p12") == [
        unsigned.name
    ]


def test_a_wrong_password_is_a_clear_error(ca: CaBundle, tmp_path: Path) -> None:
    path = pkcs12_file(tmp_path, ca.clerk, ca)
    with pytest.raises(StationError) as caught:
        open_session(Pkcs12Key(path, b"sai"))
    assert caught.value.code is ErrorCode.SIGN_PKCS12_UNREADABLE


@pytest.mark.parametrize(
    ("which", "code"),
    [
        ("expired", ErrorCode.SIGN_CERT_EXPIRED),
        ("not_yet_valid", ErrorCode.SIGN_CERT_NOT_YET_VALID),
        ("no_signing", ErrorCode.SIGN_CERT_NO_SIGNING_USAGE),
    ],
)
def test_certificates_that_cannot_sign_are_refused(
    ca: CaBundle, tmp_path: Path, which: str, code: ErrorCode
) -> None:
    with open_session(_key(ca, tmp_path, which)) as session, pytest.raises(StationError) as caught:
        check_certificate(session, CLERK, datetime.now(UTC))
    assert caught.value.code is code


def test_a_certificate_of_someone_else_is_a_warning_not_a_refusal(
    ca: CaBundle, tmp_path: Path
) -> None:
    with open_session(_key(ca, tmp_path)) as session:
        assert check_certificate(session, "nguyen thi  LAN", datetime.now(UTC)) == []
        (warning,) = check_certificate(session, "Trần Văn Minh", datetime.now(UTC))
    assert "Trần Văn Minh" in warning and CLERK in warning


def test_an_unsigned_file_verifies_as_unsigned(unsigned: Path) -> None:
    result = verify_pdf(unsigned)
    assert not result.signed and result.problems == ["not signed"]
