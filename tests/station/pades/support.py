"""A test CA with clerk certificates, as PKCS#12 files and on a SoftHSM2 token the test makes.

`make_ca` issues: a valid clerk certificate (digitalSignature + nonRepudiation), an expired one,
a not-yet-valid one and one for key encipherment only. `softhsm_token` initialises a fresh
token in a private directory (SOFTHSM2_CONF) and imports a key and its certificate into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
PASSWORD = "mật-khẩu-p12"
PIN = "246810"
SO_PIN = "13579"
CLERK = "Nguyễn Thị Lan"


@dataclass(frozen=True)
class Issued:
    name: str
    key: rsa.RSAPrivateKey
    cert: x509.Certificate


@dataclass(frozen=True)
class CaBundle:
    root_pem: Path
    root: Issued
    clerk: Issued
    expired: Issued
    not_yet_valid: Issued
    no_signing: Issued


@dataclass(frozen=True)
class Token:
    module: Path
    label: str
    pin: str
    key_label: str


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SoHoa Test CA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _issue(
    common: str,
    issuer: Issued | None,
    since: datetime,
    until: datetime,
    usage: dict[str, bool],
    ca: bool = False,
) -> Issued:
    key = _key()
    signer_key = issuer.key if issuer else key
    issuer_name = issuer.cert.subject if issuer else _name(common)
    flags = dict.fromkeys(
        ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
         "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"),
        False,
    )  # fmt: skip
    flags.update(usage)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(since)
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**flags), critical=True)
    )
    return Issued(common, key, builder.sign(signer_key, hashes.SHA256()))


def make_ca(folder: Path) -> CaBundle:
    now = datetime.now(UTC)
    signing = {"digital_signature": True, "content_commitment": True}
    root = _issue("SoHoa Test Root", None, now - timedelta(days=1), now + timedelta(days=3650),
                  {"key_cert_sign": True, "crl_sign": True}, ca=True)  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.cert.public_bytes(serialization.Encoding.PEM))
    year = timedelta(days=365)
    return CaBundle(
        root_pem,
        root,
        clerk=_issue(CLERK, root, now - timedelta(days=1), now + year, signing),
        expired=_issue(CLERK, root, now - 2 * year, now - timedelta(days=1), signing),
        not_yet_valid=_issue(CLERK, root, now + timedelta(days=10), now + year, signing),
        no_signing=_issue(
            CLERK, root, now - timedelta(days=1), now + year, {"key_encipherment": True}
        ),  # fmt: skip
    )


def pkcs12_file(folder: Path, issued: Issued, ca: CaBundle, password: str = PASSWORD) -> Path:
    path = folder / f"{issued.cert.serial_number}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"clerk", issued.key, issued.cert, [ca.root.cert],
            serialization.BestAvailableEncryption(password.encode("utf-8")),
        )
    )  # fmt: skip
    return path


def softhsm_token(folder: Path, issued: Issued, label: str = "Lan token") -> Token:
    """A fresh SoftHSM2 token holding `issued`'s key and certificate under the label "clerk".
    Sets SOFTHSM2_CONF for this process (and the children it starts)."""
    util = shutil.which("softhsm2-util")
    assert util and SOFTHSM_MODULE.is_file(), "softhsm2 is missing: apt install softhsm2"
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [util, "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", PIN],
        check=True, capture_output=True,
    )  # fmt: skip
    key_pem = folder / "clerk-key.pem"
    key_pem.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [util, "--import", str(key_pem), "--token", label, "--label", "clerk", "--id", "01",
         "--pin", PIN],
        check=True, capture_output=True,
    )  # fmt: skip
    key_pem.unlink()
    _import_certificate(label, issued.cert)
    return Token(SOFTHSM_MODULE, label, PIN, "clerk")


def _import_certificate(label: str, cert: x509.Certificate) -> None:
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    lib = pkcs11.lib(str(SOFTHSM_MODULE))
    token = lib.get_token(token_label=label)
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "clerk",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
