"""Check a signed component PDF: is the signature intact and trusted, who signed and when, was
the file changed after signing, and is it the PDF/A it claims to be."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pikepdf
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from station.errors import ErrorCode, StationError

log = logging.getLogger(__name__)
_ALLOWED_AFTER = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)


@dataclass(frozen=True)
class Verification:
    signed: bool
    intact: bool  # the signed bytes are unchanged and the signature matches them
    trusted: bool  # the signer's certificate chains to one of the trust roots
    signer: str
    signing_time: datetime | None
    modified_after_signing: bool
    timestamped: bool
    pdfa_claimed: bool
    pdfa_valid: bool | None  # pikepdf.pdfa's verdict when PDF/A is claimed
    problems: list[str] = field(default_factory=list)
    pdfa_findings: list[str] = field(default_factory=list)


def verify_pdf(path: Path, trust_roots: Sequence[Path] = ()) -> Verification:
    claimed, findings = _pdfa_status(path)
    valid = None if not claimed else not findings
    try:
        with path.open("rb") as handle:
            signatures = PdfFileReader(handle, strict=False).embedded_signatures
            if not signatures:
                return Verification(False, False, False, "", None, False, False, claimed, valid,
                                    ["not signed"], findings)  # fmt: skip
            return replace(_check(signatures[-1], trust_roots, claimed, valid),
                           pdfa_findings=findings)  # fmt: skip
    except (PdfError, ValueError, OSError) as exc:
        raise StationError(ErrorCode.SIGN_PDF_UNREADABLE, path=str(path), detail=str(exc)) from exc


def _check(
    signature: EmbeddedPdfSignature,
    trust_roots: Sequence[Path],
    claimed: bool,
    valid: bool | None,
) -> Verification:
    # pyHanko leaves load_cert_from_pemder unannotated: it returns an asn1crypto Certificate.
    roots = [load_cert_from_pemder(str(p)) for p in trust_roots]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = validate_pdf_signature(signature, context)
    changed = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.modification_level not in _ALLOWED_AFTER or not status.docmdp_ok
    )
    problems = []
    if not status.intact or not status.valid:
        problems.append("signature does not match the signed bytes")
    if changed:
        problems.append("changed after signing")
    if not status.trusted:
        problems.append("signer not trusted (no trusted root given, or another CA)")
    subject = status.signing_cert.subject.native
    return Verification(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer=str(subject.get("common_name") or status.signing_cert.subject.human_friendly),
        signing_time=status.signer_reported_dt,
        modified_after_signing=changed,
        timestamped=status.timestamp_validity is not None,
        pdfa_claimed=claimed,
        pdfa_valid=valid,
        problems=problems,
    )


def _pdfa_status(path: Path) -> tuple[bool, list[str]]:
    """Whether the file claims PDF/A, and pikepdf.pdfa's findings. That validator approves
    only what it knows, and it does not check interactive forms at all, so it flags the form
    every signature lives in; PDF/A-2 (ISO 19005-2 §6.4.3) permits signature fields, so that
    one finding is dropped when every field of the form is a signature."""
    try:
        with pikepdf.open(path) as pdf:
            with pdf.open_metadata() as xmp:
                claimed = xmp.get("pdfaid:part") is not None
            only_signatures = _form_holds_only_signatures(pdf)
    except (pikepdf.PdfError, OSError, ValueError):
        return False, []
    if not claimed:
        return False, []
    from pikepdf import pdfa  # the validator's schemas load only when a file claims PDF/A

    report = pdfa.validate_written(path, "2b")
    return True, [
        str(f)
        for f in report.findings
        if not (only_signatures and f.kind == "unsupported" and "/AcroForm" in f.where)
    ]


def _form_holds_only_signatures(pdf: pikepdf.Pdf) -> bool:
    form = pdf.Root.get("/AcroForm")
    if form is None:
        return False
    return all(field.get("/FT") == pikepdf.Name.Sig for field in form.get("/Fields", []))
