"""PAdES-B-T: with a timestamp server set up, the signature carries an RFC 3161 timestamp.
The server is a real HTTP server on 127.0.0.1 answering with pyHanko's DummyTimeStamper."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper

from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf
from station.pades.verify import verify_pdf
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file


def _tsa(ca: CaBundle) -> DummyTimeStamper:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SoHoa Test TSA")]))
        .issuer_name(ca.root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca.root.key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return DummyTimeStamper(
        asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        keys.PrivateKeyInfo.load(der_key),
    )


@pytest.fixture
def tsa_url(ca: CaBundle) -> Iterator[str]:
    stamper = _tsa(ca)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            answer = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()


def test_with_a_timestamp_server_the_signature_is_timestamped(
    ca: CaBundle, tmp_path: Path, unsigned: Path, tsa_url: str
) -> None:
    key = Pkcs12Key(pkcs12_file(tmp_path, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(unsigned, session, Stamp(CLERK, datetime.now(UTC)), timestamp_url=tsa_url)
    result = verify_pdf(unsigned, [ca.root_pem])
    assert result.intact and result.trusted and result.timestamped


def test_without_one_the_signature_is_b_b(ca: CaBundle, tmp_path: Path, unsigned: Path) -> None:
    key = Pkcs12Key(pkcs12_file(tmp_path, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(unsigned, session, Stamp(CLERK, datetime.now(UTC)))
    assert not verify_pdf(unsigned, [ca.root_pem]).timestamped


def test_an_unreachable_timestamp_server_fails_cleanly(
    ca: CaBundle, tmp_path: Path, unsigned: Path
) -> None:
    from station.errors import ErrorCode, StationError

    original = unsigned.read_bytes()
    key = Pkcs12Key(pkcs12_file(tmp_path, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session, pytest.raises(StationError) as caught:
        sign_pdf(unsigned, session, Stamp(CLERK, datetime.now(UTC)), "http://127.0.0.1:9/tsa")
    assert caught.value.code is ErrorCode.SIGN_FAILED
    assert unsigned.read_bytes() == original
