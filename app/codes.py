"""Codes read off files and stored pages, and what the counter takes from them: the applicant
from a CCCD's QR (the name and ID number only; the QR's text is never stored or logged).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType

import cv2
import numpy as np

from drivers.importer import import_file
from station.capture import draft_dossier
from station.codes import (
    CodeKind,
    DossierCode,
    FoundCode,
    IdCard,
    ReadingCopy,
    read_codes,
    read_copy,
    reading_copy,
)
from station.codes.model import to_stored
from station.errors import ErrorCode, StationError
from station.id_number import check_id_number, normalize_id_number
from station.model import Dossier, DossierState, Page, utc_now
from station.store import Store

log = logging.getLogger(__name__)
# Pages of a command-line batch whose codes are read side by side with the batch: zxing-cpp and
# OpenCV let go of the GIL, so threads share the cores without a process pool's start-up.
CODE_READERS = 2


class CardProblem(StrEnum):
    UNREADABLE = "unreadable"  # a QR shaped like a card's (fields split by `|`) that does not parse
    BAD_NUMBER = "bad_number"  # parsed, but the ID number fails station.id_number's check


def codes_in_file(path: Path, pdf_dpi: int = 300) -> list[tuple[int, FoundCode]]:
    """(page number, code) for every code in the file; top-level and picklable, for a process
    pool. Raises StationError(IMPORT_*) when the file cannot be read."""
    found = []
    for page in import_file(Path(path), pdf_dpi=pdf_dpi):
        found += [(page.index, code) for code in read_codes(page.pixels, dpi=page.dpi)]
    return found


def page_codes(store: Store, page: Page, thorough: bool = True) -> list[FoundCode]:
    """The codes on a stored page's original, their positions kept with the page (the text
    only where it is no personal data: station.codes.model.to_stored). Not `thorough`: the
    page is looked at once (station.codes.read_copy), as every page of a batch is."""
    data = store.read_image(page.original)
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if pixels is None:
        raise StationError(ErrorCode.IMAGE_UNREADABLE, path=page.original.path, detail="decode")
    return copy_codes(store, page, reading_copy(pixels), thorough)


def copy_codes(
    store: Store, page: Page, copy: ReadingCopy, thorough: bool = False
) -> list[FoundCode]:
    """page_codes on the reading copy the page's analysis made of its original. A page's
    analysis reads it once, not `thorough`: second looks on a page without codes would take
    longer than the analysis itself, and the clerk waits for that."""
    found = read_copy(copy, dpi=page.dpi, thorough=thorough)
    store.set_page_codes(page.id, [to_stored(code) for code in found])
    return found


class BatchCodes:
    """The codes of each page a command-line batch stores (a scan or an import, which analyse
    nothing), read on background threads while the batch goes on and kept with the page; each
    page is looked at once, as a page's analysis does (copy_codes).
    `listening(listener)` wraps the batch's listener; leaving the `with` block waits for every
    read. A page whose read fails keeps no codes and is logged by its id: the batch goes on."""

    def __init__(self, store: Store, workers: int = CODE_READERS) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="codes")
        self._reads: list[Future[list[FoundCode]]] = []

    def listening(self, listener: Callable[[object], None]) -> Callable[[object], None]:
        """The listener, told every event as before; an event that carries a stored page
        (PageCaptured, PageImported) has that page's codes read too."""

        def told(event: object) -> None:
            listener(event)
            page = getattr(event, "page", None)
            if isinstance(page, Page):
                self.add(page)

        return told

    def add(self, page: Page) -> None:
        self._reads.append(self._pool.submit(page_codes, self.store, page, thorough=False))

    def close(self) -> None:
        for read in self._reads:
            error = read.exception()
            if error is not None:
                log.warning("reading the codes of a page failed: %s", type(error).__name__)
        self._pool.shutdown(wait=True)

    def __enter__(self) -> BatchCodes:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def card_on_page(codes: list[FoundCode]) -> IdCard | CardProblem | None:
    """The citizen ID card among the codes, what is wrong with it, or None for no card."""
    for code in codes:
        if code.kind is CodeKind.ID_CARD and isinstance(code.fields, IdCard):
            return (
                code.fields if check_id_number(code.fields.id_number).ok else CardProblem.BAD_NUMBER
            )
    if any(code.format == "QRCode" and code.text.count("|") >= 3 for code in codes):
        return CardProblem.UNREADABLE
    return None


def keep_applicant(store: Store, dossier_code: str, name: str, id_number: str) -> Dossier:
    """What the dossier needs of the card, once the clerk has confirmed it: the name (NFC,
    spaces folded) and the ID number; nothing else of the card is kept."""
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    return store.set_applicant(dossier_code, clean, normalize_id_number(id_number))


# What a receipt (giấy tiếp nhận) carries the dossier code in; a plain page is read for these only.
RECEIPT_FORMATS = ("QRCode", "Code128", "Code39", "DataMatrix", "PDF417")


@dataclass(frozen=True)
class ReceiptRead:
    """A batch with no dossier began with a page naming one: the batch goes into it."""

    dossier_code: str
    created: bool  # new to the station (no procedure yet), rather than taken up again


def first_page_dossier(
    store: Store, pixels: np.ndarray, listener: Callable[[object], None], drafts: bool
) -> str | None:
    """Where a batch given no dossier goes, from its first page: the dossier the receipt names
    (the listener is told, with a ReceiptRead), else a new draft; None with `drafts` off."""
    receipt = receipt_dossier(store, pixels)
    if receipt is not None:
        listener(receipt)
        return receipt.dossier_code
    return draft_dossier(store).code if drafts else None


def receipt_dossier(store: Store, pixels: np.ndarray) -> ReceiptRead | None:
    """The open dossier the page's dossier code names, created when the station has none of
    that code; None when the page names no dossier, or only a finished one."""
    codes = read_codes(pixels, RECEIPT_FORMATS)
    named = [c.fields for c in codes if isinstance(c.fields, DossierCode)]
    if not named:
        return None
    code = named[0].code
    try:
        found = store.dossier(code)
    except StationError as exc:
        if exc.code is not ErrorCode.DOSSIER_NOT_FOUND:
            raise
        created = Dossier(
            code=code,
            procedure_code="",  # chosen later at the counter, as for a draft
            received_at=utc_now(),
            station_id=store.station().id,
            clerk_id=store.default_clerk_id(),
        )
        store.create_dossier(created)
        return ReceiptRead(code, created=True)
    return ReceiptRead(code, created=False) if found.state is DossierState.OPEN else None
