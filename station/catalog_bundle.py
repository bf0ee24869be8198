"""A version of the province's catalog as its hub publishes it: the procedures, a version name,
and the hub's Ed25519 signature over their canonical JSON.

The document is plain JSON (`format`, `version`, `issued_at`, `procedures`, `signature`), so an
administrator can read what the stations received. The signature covers every field but itself,
serialised with sorted keys and no spaces, so any change to any procedure breaks it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from station.catalog import Catalog, procedure_from_dict
from station.errors import ErrorCode, StationError
from station.model import Procedure

FORMAT = "sohoa-catalog/1"
ALGORITHM = "Ed25519"
MAX_VERSION_LENGTH = 64
BUILT_IN_PREFIX = "builtin-"  # station/catalog_builtin.py: never a province version's name


@dataclass(frozen=True)
class CatalogBundle:
    version: str
    issued_at: str
    procedures: tuple[Procedure, ...]
    key_id: str  # which hub key signed it (see `key_id`)
    digest: str  # sha256 of the signed bytes: what a dossier records as its catalog

    def catalog(self) -> Catalog:
        return Catalog({p.code: p for p in self.procedures})


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its sha256."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def canonical(payload: dict[str, Any]) -> bytes:
    """The signed bytes: every field but the signature, keys sorted, no spaces, UTF-8."""
    unsigned = {k: v for k, v in payload.items() if k != "signature"}
    text = json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def sign_bundle(
    version: str, issued_at: str, procedures: list[dict[str, Any]], private_key: Ed25519PrivateKey
) -> dict[str, Any]:
    """The document a hub serves for one catalog version."""
    payload: dict[str, Any] = {
        "format": FORMAT,
        "version": version,
        "issued_at": issued_at,
        "procedures": sorted(procedures, key=lambda p: str(p.get("code", ""))),
    }
    signature = private_key.sign(canonical(payload))
    payload["signature"] = {
        "alg": ALGORITHM,
        "key_id": key_id(private_key.public_key()),
        "value": base64.b64encode(signature).decode("ascii"),
    }
    return payload


def verify_bundle(document: Any, public_key: Ed25519PublicKey) -> CatalogBundle:
    """The bundle, if `public_key` signed exactly this document; else CATALOG_SIGNATURE_INVALID
    (or CATALOG_INVALID for a document that is not a catalog at all)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _invalid("not a SoHoa catalog version")
    signature = document.get("signature")
    if not isinstance(signature, dict) or signature.get("alg") != ALGORITHM:
        raise StationError(ErrorCode.CATALOG_SIGNATURE_INVALID, version=_version_of(document))
    try:
        value = base64.b64decode(str(signature.get("value", "")), validate=True)
        public_key.verify(value, canonical(document))
    except (InvalidSignature, ValueError):
        raise StationError(
            ErrorCode.CATALOG_SIGNATURE_INVALID, version=_version_of(document)
        ) from None
    return _bundle(document, str(signature.get("key_id", "")))


def _bundle(document: dict[str, Any], signer: str) -> CatalogBundle:
    version = document.get("version")
    if not isinstance(version, str) or not _is_version(version):
        raise _invalid("version must be 1-64 letters, digits, '.', '-' or '_'")
    if version.startswith(BUILT_IN_PREFIX):
        raise _invalid(f"'{BUILT_IN_PREFIX}' names the station's built-in catalogs")
    procedures = document.get("procedures")
    if not isinstance(procedures, list) or not procedures:
        raise _invalid("no procedures")
    try:
        parsed = tuple(procedure_from_dict(p) for p in procedures)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _invalid(str(exc)) from exc
    if len({p.code for p in parsed}) != len(parsed):
        raise _invalid("a procedure code appears twice")
    digest = hashlib.sha256(canonical(document)).hexdigest()
    return CatalogBundle(version, str(document.get("issued_at", "")), parsed, signer, digest)


def _is_version(text: str) -> bool:
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
    return 0 < len(text) <= MAX_VERSION_LENGTH and set(text) <= allowed and text[0] != "."


def _version_of(document: dict[str, Any]) -> str:
    version = document.get("version")
    return version[:MAX_VERSION_LENGTH] if isinstance(version, str) else "?"


def _invalid(detail: str) -> StationError:
    return StationError(ErrorCode.CATALOG_INVALID, path="(hub)", detail=detail)
