"""Where the clerk's signing key lives: a PKCS#12 file or a PKCS#11 token (USB token of a
Vietnamese CA, or SoftHSM2), opened as a pyHanko signer; and the certificate's checks."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from asn1crypto import x509
from pyhanko.sign import signers

from station.errors import ErrorCode, StationError

if TYPE_CHECKING:
    import pkcs11


@dataclass(frozen=True)
class Pkcs12Key:
    path: Path
    password: bytes


@dataclass(frozen=True)
class Pkcs11Key:
    module: Path
    token_label: str
    pin: str
    key_label: str | None = None  # None: the token's only signing key


class SigningSession:
    """A pyHanko signer and its certificate; `close` logs out of a token."""

    def __init__(self, signer: signers.Signer, close: Callable[[], object] | None = None) -> None:
        self.signer = signer
        self.certificate: x509.Certificate = signer.signing_cert
        self._close = close

    def subject_name(self) -> str:
        subject = self.certificate.subject.native
        return str(subject.get("common_name") or self.certificate.subject.human_friendly)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> SigningSession:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_session(key: Pkcs12Key | Pkcs11Key) -> SigningSession:
    if isinstance(key, Pkcs12Key):
        return _open_pkcs12(key)
    return _open_pkcs11(key)


def _open_pkcs12(key: Pkcs12Key) -> SigningSession:
    try:
        # pyHanko leaves load_pkcs12 unannotated: it returns a SimpleSigner or None.
        signer = signers.SimpleSigner.load_pkcs12(str(key.path), passphrase=key.password)
    except (OSError, ValueError) as exc:
        raise StationError(ErrorCode.SIGN_PKCS12_UNREADABLE, path=str(key.path)) from exc
    if signer is None:  # pyHanko logs and returns None for a wrong password or a bad file
        raise StationError(ErrorCode.SIGN_PKCS12_UNREADABLE, path=str(key.path))
    return SigningSession(signer)


def _open_pkcs11(key: Pkcs11Key) -> SigningSession:
    import pkcs11  # the token library is loaded only when a token is used
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not key.module.is_file():
        raise StationError(ErrorCode.SIGN_MODULE_MISSING, module=str(key.module))
    try:
        session = open_pkcs11_session(
            str(key.module), token_criteria=TokenCriteria(label=key.token_label), user_pin=key.pin
        )
    except pkcs11.exceptions.PinIncorrect as exc:
        raise StationError(ErrorCode.SIGN_WRONG_PIN, token=key.token_label) from exc
    except pkcs11.exceptions.PinLocked as exc:
        raise StationError(ErrorCode.SIGN_WRONG_PIN, token=key.token_label) from exc
    except (pkcs11.exceptions.PKCS11Error, OSError, RuntimeError) as exc:
        # No such token (pyHanko: "No token with label ..."), or a library that is not PKCS#11.
        if "token" in str(exc).lower() or isinstance(exc, pkcs11.exceptions.NoSuchToken):
            raise StationError(ErrorCode.SIGN_TOKEN_MISSING, token=key.token_label) from exc
        raise StationError(ErrorCode.SIGN_MODULE_MISSING, module=str(key.module)) from exc
    try:
        label = key.key_label or _only_key_label(session)
        signer = PKCS11Signer(session, cert_label=label, key_label=label)
        signer.signing_cert  # noqa: B018 - read now, so a missing certificate fails here
    except StationError:
        session.close()
        raise
    except Exception as exc:  # pyHanko raises plain errors for a missing object
        session.close()
        suffix = f' "{key.key_label}"' if key.key_label else ""
        raise StationError(ErrorCode.SIGN_KEY_MISSING, token=key.token_label, label=suffix) from exc
    return SigningSession(signer, session.close)


def _only_key_label(session: pkcs11.Session) -> str:
    import pkcs11

    keys = session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY})
    # A private key's `label` property is this attribute; the stubs type the objects found
    # as plain Objects, which have no such property.
    labels: list[str] = [k[pkcs11.Attribute.LABEL] for k in keys]
    labels = [label for label in labels if label]
    if not labels:
        raise StationError(ErrorCode.SIGN_KEY_MISSING, token="", label="")
    return labels[0]


_SIGNING_USAGES = {"digital_signature", "non_repudiation"}


def check_certificate(session: SigningSession, clerk_name: str, now: datetime) -> list[str]:
    """Refuses a certificate outside its validity or not meant for signing; returns warnings
    (Vietnamese / English) such as a subject that is not the clerk."""
    cert = session.certificate
    subject = session.subject_name()
    validity = cert["tbs_certificate"]["validity"]
    since, until = validity["not_before"].native, validity["not_after"].native
    if now > until:
        raise StationError(ErrorCode.SIGN_CERT_EXPIRED, subject=subject, until=f"{until:%d/%m/%Y}")
    if now < since:
        raise StationError(
            ErrorCode.SIGN_CERT_NOT_YET_VALID, subject=subject, since=f"{since:%d/%m/%Y}"
        )
    usage = cert.key_usage_value
    if usage is None or not (_SIGNING_USAGES & set(usage.native)):
        raise StationError(ErrorCode.SIGN_CERT_NO_SIGNING_USAGE, subject=subject)
    if clerk_name and _plain(clerk_name) not in _plain(subject):
        return [
            f'Chứng thư số mang tên "{subject}", không phải "{clerk_name}". / '
            f'The certificate names "{subject}", not "{clerk_name}".'
        ]
    return []


def _plain(name: str) -> str:
    """Without diacritics, case or extra spaces: "Nguyễn Thị Lan" matches "NGUYEN THI LAN"."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.casefold().split())
