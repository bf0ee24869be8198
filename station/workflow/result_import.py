"""An electronic result: the PDF the agency issued, taken in as the dossier's result file.

A PDF that already carries a signature is kept exactly as it came, byte for byte, and is not
signed again. The issuer's signature is the legal proof of the result; an incremental clerk
signature would keep its bytes, but the issuer may have certified the document with DocMDP
"no changes allowed", which any later revision breaks, and some validators flag any revision
after the issuer's. The station attests where the file came from in the manifest instead
(origin "electronic", its sha256). A PDF without any signature is signed like a scanned file
when signing is set up, so that every file the station sends is signed by someone.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pyhanko.pdf_utils.reader import PdfFileReader

from station.catalog import Catalog
from station.errors import ErrorCode, StationError
from station.model import DossierState, FileOrigin, utc_now
from station.pdf import component_file_name
from station.store import Store
from station.workflow.checks import procedure_of
from station.workflow.finish import ComponentFile, Sign
from station.workflow.finished_files import open_batch
from station.workflow.result_manifest import ResultFile
from station.workflow.results import (
    ResultReceipt,
    check_result_component,
    digitized_results,
    next_file_number,
    publish_result,
    refuse_digitized,
)

MAX_BYTES = 200 * 1024 * 1024


def import_result_pdf(
    store: Store,
    catalog: Catalog,
    dossier_code: str,
    path: Path,
    component: str,
    sign: Sign | None = None,
) -> ResultReceipt:
    dossier = store.dossier(dossier_code.strip())
    if dossier.state is DossierState.OPEN:
        raise StationError(ErrorCode.RESULT_DOSSIER_OPEN, code=dossier.code)
    procedure = procedure_of(catalog, dossier)
    check_result_component(procedure, dossier, component)
    data = _read(path)
    pages = pdf_pages(path, data)
    signed_before = has_signature(data)
    if not signed_before and sign is not None:
        data = sign(data, utc_now())
    batch = open_batch(store, dossier.code)
    try:
        done = digitized_results(store, procedure, dossier.code)
        refuse_digitized(dossier.code, component, done, store.results_elsewhere(dossier.code))
        existing = store.dossier_files(dossier.code)
        file_name = component_file_name(
            dossier.code, next_file_number(store, dossier.code, existing)
        )
        staged = batch.stage(file_name, data)
        found = procedure.component(component)
        name = found.name if found is not None else component  # checked above: never None
        file = ComponentFile(
            component, name, file_name, batch.relative(staged), pages, staged.size, staged.sha256
        )
        written = ResultFile(
            component, name, file_name, staged.sha256, staged.size, pages,
            FileOrigin.ELECTRONIC, not signed_before and sign is not None,
        )  # fmt: skip
        return publish_result(store, batch, dossier, existing, [written], [file], [])
    except BaseException:
        batch.discard()
        raise
    finally:
        batch.close()


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise StationError(
                ErrorCode.RESULT_PDF_INVALID, path=str(path), detail=f"{size} bytes > {MAX_BYTES}"
            )
        return path.read_bytes()
    except OSError as exc:
        raise StationError(ErrorCode.IMPORT_NOT_FOUND, path=str(path)) from exc


def pdf_pages(path: Path, data: bytes) -> int:
    """The page count of a readable, unencrypted PDF with at least one page."""
    if not data.startswith(b"%PDF-"):
        raise StationError(ErrorCode.RESULT_PDF_INVALID, path=str(path), detail="not a PDF")
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise StationError(ErrorCode.RESULT_PDF_INVALID, path=str(path), detail="encrypted")
            count = len(pdf.pages)
    except pikepdf.PasswordError as exc:
        raise StationError(
            ErrorCode.RESULT_PDF_INVALID, path=str(path), detail="encrypted"
        ) from exc
    except pikepdf.PdfError as exc:
        raise StationError(ErrorCode.RESULT_PDF_INVALID, path=str(path), detail=str(exc)) from exc
    if count == 0:
        raise StationError(ErrorCode.RESULT_PDF_INVALID, path=str(path), detail="no pages")
    return count


def has_signature(data: bytes) -> bool:
    try:
        return bool(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except Exception:  # a PDF pyHanko cannot parse carries no signature it honours
        return False
