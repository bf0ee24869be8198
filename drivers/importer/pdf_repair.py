"""Damaged PDFs: keep the pages that arrived whole, hand PDFium a copy qpdf has rebuilt.

PDFium refuses a PDF whose cross-reference table is gone (any truncated file) and renders a page
whose image never arrived as blank paper without a word. qpdf rebuilds the table and resolves
every object lost with the tail of the file to null, so a page is whole when nothing its content
needs resolves to null and every stream it uses reads back.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

# Keys that point away from the page's own content (up the tree, to other pages, to actions).
_NOT_CONTENT = frozenset({"/Parent", "/P", "/Dest", "/D", "/A", "/Next", "/Prev", "/Popup"})
_CONTENT_KEYS = ("/Contents", "/Resources")
_TAIL_BYTES = 2048


def inherited(page: pikepdf.Dictionary, key: str) -> object:
    """A page attribute, looked up the page tree when the page does not set it itself."""
    node: object = page
    for _ in range(64):  # the depth of any sane page tree
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def missing_part(page: pikepdf.Dictionary, seen: set[tuple[int, int]]) -> str | None:
    """What the page's content lacks, or None when it is whole. `seen` spans the document so a
    font shared by 200 pages is read once."""
    if inherited(page, "/MediaBox") is None:
        return "/MediaBox missing"
    pending: list[tuple[str, object]] = []
    for key in _CONTENT_KEYS:
        if key in page:
            pending.append((key, page[key]))
        elif key == "/Resources" and inherited(page, key) is not None:
            pending.append((key, inherited(page, key)))
    while pending:
        where, obj = pending.pop()
        if obj is None:
            return f"{where} missing"
        if not isinstance(obj, pikepdf.Object):
            continue  # a number, name or string: nothing further to check
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            try:
                obj.read_raw_bytes()
            except pikepdf.PdfError as error:
                return f"{where} unreadable ({error})"
            entries = obj.stream_dict.items()
        elif isinstance(obj, pikepdf.Dictionary):
            if obj.get("/Type") == "/Page":
                continue  # another page: checked in its own turn
            entries = obj.items()
        elif isinstance(obj, pikepdf.Array):
            pending.extend((where, value) for value in obj)
            continue
        else:
            continue
        pending.extend((key, value) for key, value in entries if key not in _NOT_CONTENT)
    return None


def ends_cleanly(path: Path) -> bool:
    """A whole PDF ends with %%EOF (perhaps followed by a newline or some junk)."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - _TAIL_BYTES))
        return b"%%EOF" in f.read()


def salvage(pdf: pikepdf.Pdf, path: Path, target: Path) -> str | None:
    """Write the whole pages before the first damaged one to `target`; say what was lost."""
    seen: set[tuple[int, int]] = set()
    damage = None
    kept = 0
    for number, page in enumerate(pdf.pages, start=1):
        problem = missing_part(page.obj, seen)
        if problem is not None:
            damage = f"page {number}: {problem}"
            break
        kept = number
    if damage is None and not ends_cleanly(path):
        damage = f"file cut off after page {kept}"
    del pdf.pages[kept:]
    pdf.save(target)
    return damage
