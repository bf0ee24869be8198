"""A page's text, kept in the station's database beside the page (table `page_text`).

The text is tied to what it was read on: the original's sha256 and the transforms replayed.
A page turned, cropped or analysed again afterwards no longer matches, and is read again.
"""

from __future__ import annotations

import hashlib

from station.model import Page, Transform, utc_now
from station.ocr.model import PageText
from station.store import Store
from station.store.rows import transforms_to_json


def basis_of(sha256: str, transforms: tuple[Transform, ...]) -> str:
    key = sha256 + "\n" + transforms_to_json(transforms)
    return hashlib.sha256(key.encode()).hexdigest()


def page_basis(page: Page) -> str:
    return basis_of(page.original.sha256, page.transforms)


def save_text(store: Store, page_id: str, basis: str, text: PageText) -> None:
    """A title read never replaces a whole read of the same shape (finishing may have read the
    page meanwhile)."""
    with store.database.transaction() as conn:
        if not text.whole:
            rows = conn.execute(
                "SELECT basis, words FROM page_text WHERE page_id = ?", (page_id,)
            ).fetchall()
            if rows and rows[0][0] == basis and PageText.from_json(rows[0][1]).whole:
                return
        conn.execute(
            "INSERT INTO page_text (page_id, basis, words, read_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (page_id) DO UPDATE SET basis = excluded.basis,"
            " words = excluded.words, read_at = excluded.read_at",
            (page_id, basis, text.to_json(), utc_now().isoformat()),
        )


def stored_text(
    store: Store, page_id: str, basis: str | None = None, whole: bool = True
) -> PageText | None:
    """The page's text; with `basis`, only when it was read on exactly that; with `whole`, only
    a read of the whole page (a title read is enough for a suggestion, not for a PDF)."""
    rows = store.database.query("SELECT basis, words FROM page_text WHERE page_id = ?", (page_id,))
    if not rows or (basis is not None and rows[0]["basis"] != basis):
        return None
    text = PageText.from_json(rows[0]["words"])
    return text if text.whole or not whole else None


def texts_of(store: Store, pages: list[Page]) -> dict[str, PageText]:
    """The current text of each page that has one (read on its present transforms), a title
    read's included."""
    found: dict[str, PageText] = {}
    for page in pages:
        text = stored_text(store, page.id, page_basis(page), whole=False)
        if text is not None:
            found[page.id] = text
    return found
