"""Turn pixels from a scanner or an import into durable pages of a dossier."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

import numpy as np

from station.model import Dossier, Page, utc_now
from station.png_writer import write_png
from station.store import NewPage, Store

DRAFT_PREFIX = "NHAP"  # "nháp": a holding dossier for pages scanned before a code is known


@dataclass(frozen=True)
class PageOrigin:
    source_device: str
    paper_size: str = ""
    component_code: str | None = None
    dpi_source: str = "device"  # how the dpi was known (see Page.dpi_source)
    file_dpi: int | None = None
    side: str = ""  # see Page.side


def store_pixels(
    store: Store, dossier_code: str, pixels: np.ndarray, dpi: int, origin: PageOrigin
) -> Page:
    """The lossless original is a PNG streamed straight into the store's durable write."""
    new = NewPage(
        data=partial(_encode, pixels=pixels, dpi=dpi),
        media_type="image/png",
        dpi=dpi,
        source_device=origin.source_device,
        paper_size=origin.paper_size,
        component_code=origin.component_code,
        dpi_source=origin.dpi_source,
        file_dpi=origin.file_dpi,
        side=origin.side,
    )
    return store.add_page(dossier_code, new)


def store_encoded(
    store: Store, dossier_code: str, data: bytes, media_type: str, dpi: int, origin: PageOrigin
) -> Page:
    """An imported JPEG or PNG is kept byte for byte as the page's original."""
    new = NewPage(
        data, media_type, dpi, origin.source_device, origin.paper_size, origin.component_code,
        origin.dpi_source, origin.file_dpi, origin.side,
    )  # fmt: skip
    return store.add_page(dossier_code, new)


def _encode(out: BinaryIO, pixels: np.ndarray, dpi: int) -> None:
    write_png(out, pixels, dpi)


def is_draft(dossier_code: str) -> bool:
    return dossier_code.startswith(f"{DRAFT_PREFIX}-")


def draft_dossier(store: Store) -> Dossier:
    """A new holding dossier, for scanning before the one-stop system has issued a code."""
    now = utc_now()
    code = f"{DRAFT_PREFIX}-{now:%y%m%d-%H%M%S%f}"
    dossier = Dossier(
        code=code,
        procedure_code="",
        received_at=now,
        station_id=store.station().id,
        clerk_id=store.default_clerk_id(),
    )
    return store.create_dossier(dossier)
