"""A clerk's edits to a dossier's pages: tag, reorder, rotate, re-crop, delete and undo, replace.

Every edit is non-destructive: originals never change, deleted pages keep their files, and
each function writes only the fields it changes (see station.store.page_changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from station.errors import ErrorCode, StationError
from station.events import EventKind, PageEvent
from station.model import Page, Transform
from station.pipeline import transforms as tf
from station.store import PageChange, Store


def tag_pages(store: Store, page_ids: Sequence[str], component_code: str | None) -> list[Page]:
    """Tag the pages with a component of the dossier's procedure; None (or "") untags them."""
    ids = _unique(page_ids)
    for page_id in ids:
        live_page(store, page_id)
    code = component_code.strip() if component_code else None
    store.change_pages([PageChange(page_id, component_code=code or None) for page_id in ids])
    return [live_page(store, page_id) for page_id in ids]


def move_pages(
    store: Store, dossier_code: str, page_ids: Sequence[str], before_page_id: str | None
) -> list[Page]:
    """Move the pages, in their current relative order, before `before_page_id` (None: to the
    end). Dropping a block onto one of its own pages leaves it where it is."""
    store.dossier(dossier_code)  # an unknown dossier is reported as such
    pages = store.pages(dossier_code)
    moving = set(_unique(page_ids))
    anchors = [before_page_id] if before_page_id is not None else []
    _require_in_dossier(pages, dossier_code, [*moving, *anchors])
    moved = [p for p in pages if p.id in moving]
    rest = [p for p in pages if p.id not in moving]
    at = len(rest)
    if before_page_id is not None:
        anchor = next(p for p in pages if p.id == before_page_id)
        following = [p for p in rest if p.order >= anchor.order]
        at = rest.index(following[0]) if following else len(rest)
    _renumber(store, [*rest[:at], *moved, *rest[at:]])
    return store.pages(dossier_code)


def rotate_page(store: Store, page_id: str, quarter_turns: int) -> Page:
    """Turn the page clockwise; successive turns merge into one trailing ORIENT step."""
    page = live_page(store, page_id)
    steps = list(page.transforms)
    rotation = 90 * quarter_turns
    if steps and steps[-1].kind == tf.ORIENT:
        rotation += int(steps.pop().params["rotation"])
    if rotation % 360:
        steps.append(tf.orient_transform(rotation))
    store.change_pages([PageChange(page_id, transforms=tuple(steps))])
    return live_page(store, page_id)


def recrop_page(store: Store, page_id: str, box: tuple[int, int, int, int]) -> Page:
    """Crop the page as it now looks to (x, y, w, h), in the processed page's pixels."""
    x, y, w, h = (int(v) for v in box)
    if x < 0 or y < 0 or w < 1 or h < 1:
        raise ValueError(f"a crop box needs x, y >= 0 and a positive size, not {box}")
    page = live_page(store, page_id)
    step = Transform(tf.CROP_BOX, {"box": [x, y, w, h]})
    store.change_pages([PageChange(page_id, transforms=(*page.transforms, step))])
    return live_page(store, page_id)


def reset_processing(store: Store, page_id: str) -> Page:
    """Undo processing: back to the original as scanned, to be analysed again."""
    live_page(store, page_id)
    store.change_pages([PageChange(page_id, transforms=(), analysed_profile=None)])
    return live_page(store, page_id)


def record_analysis(
    store: Store,
    page_id: str,
    transforms: tuple[Transform, ...],
    profile: str,
    analysed: tuple[Transform, ...] | None = None,
) -> Page:
    """Store what the pipeline found under `profile`, so finishing can replay it. A page deleted
    while it was analysed still gets it: an undo brings the page back analysed. `analysed`: the
    transforms the analysis started from; the result is written only if the page still has
    them, in the same transaction (StationError PAGE_EDITED if a clerk's edit came meanwhile)."""
    change = PageChange(page_id, transforms=transforms, analysed_profile=profile)
    if analysed is not None:
        change = replace(change, if_transforms=analysed)
    store.change_pages([change])
    return _existing_page(store, page_id)


def mark_annotated(store: Store, page_id: str, annotated: bool = True) -> Page:
    """The page is the annotated copy of the page after it, its clean scan (TT 01/2023 Điều 8)."""
    live_page(store, page_id)
    store.change_pages([PageChange(page_id, annotated=annotated)])
    return live_page(store, page_id)


def delete_pages(store: Store, page_ids: Sequence[str]) -> list[str]:
    """Soft delete: the pages leave the dossier, their files stay. Returns the ids to undo."""
    return _soft_delete(store, page_ids, EventKind.PAGE_DELETED)


def skip_blank_backs(store: Store, page_ids: Sequence[str]) -> list[str]:
    """The station leaves back sides found blank out of their dossier: soft-deleted like a
    delete, but recorded as skipped (not the clerk's delete), so the figures leave them out and
    the dossier can count and restore them after a restart. Returns the ids skipped."""
    return _soft_delete(store, page_ids, EventKind.BLANK_BACK_SKIPPED)


def _soft_delete(store: Store, page_ids: Sequence[str], kind: EventKind) -> list[str]:
    ids = _unique(page_ids)
    for page_id in ids:
        live_page(store, page_id)
    store.change_pages(
        [PageChange(page_id, deleted=True) for page_id in ids],
        [PageEvent(kind, page_id) for page_id in ids],
    )
    return ids


def restore_pages(store: Store, page_ids: Sequence[str]) -> list[Page]:
    """Undo deletes: each page goes back to the place it had. Pages deleted last are put back
    first, as undoing the deletes one by one would."""
    ids = _unique(page_ids)
    pages = [_existing_page(store, page_id) for page_id in ids]
    deleted = [p for p in pages if p.deleted_at is not None]
    for dossier_code in sorted({p.dossier_code for p in deleted}):
        _put_back(store, dossier_code, [p for p in deleted if p.dossier_code == dossier_code])
    return [_existing_page(store, page_id) for page_id in ids]


def replace_page(store: Store, page_id: str, new_page_id: str) -> Page:
    """Rescan and replace: the new page takes the old one's place, component and annotated
    flag; the old one is soft-deleted (and can be restored)."""
    old = live_page(store, page_id)
    if new_page_id == page_id:
        return old
    pages = store.pages(old.dossier_code)
    _require_in_dossier(pages, old.dossier_code, [new_page_id])
    new = next(p for p in pages if p.id == new_page_id)
    ordered = [new if p.id == page_id else p for p in pages if p.id != new_page_id]
    changes = [PageChange(page_id, deleted=True)]
    changes += [PageChange(p.id, order=i) for i, p in enumerate(ordered, 1) if p.order != i]
    changes.append(
        PageChange(new_page_id, component_code=old.component_code, annotated=old.annotated)
    )
    store.change_pages(changes, [PageEvent(EventKind.PAGE_RESCANNED, page_id)])
    return live_page(store, new_page_id)


def live_page(store: Store, page_id: str) -> Page:
    """The page, unless it does not exist or was deleted."""
    page = store.page(page_id)
    if page is None or page.deleted_at is not None:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    return page


def _existing_page(store: Store, page_id: str) -> Page:
    page = store.page(page_id)
    if page is None:
        raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
    return page


def _put_back(store: Store, dossier_code: str, deleted: list[Page]) -> None:
    ordered = store.pages(dossier_code)
    # A deleted page kept the order it had; the newest deletion is undone first.
    for page in sorted(deleted, key=_undo_rank):
        ordered.insert(min(max(page.order, 1), len(ordered) + 1) - 1, page)
    restored = {p.id for p in deleted}
    changes = [
        PageChange(p.id, order=i, deleted=False) if p.id in restored else PageChange(p.id, order=i)
        for i, p in enumerate(ordered, 1)
        if p.id in restored or p.order != i
    ]
    store.change_pages(changes, [PageEvent(EventKind.PAGE_RESTORED, p.id) for p in deleted])


def _undo_rank(page: Page) -> tuple[float, int]:
    assert page.deleted_at is not None
    return (-page.deleted_at.timestamp(), page.order)


def _renumber(store: Store, ordered: list[Page]) -> None:
    changes = [PageChange(p.id, order=i) for i, p in enumerate(ordered, 1) if p.order != i]
    if changes:
        store.change_pages(changes)


def _require_in_dossier(pages: list[Page], dossier_code: str, page_ids: Sequence[str]) -> None:
    known = {p.id for p in pages}
    for page_id in page_ids:
        if page_id not in known:
            raise StationError(ErrorCode.PAGE_NOT_IN_DOSSIER, page=page_id, code=dossier_code)


def _unique(page_ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(page_ids))
