"""Pages encoded ahead of Finish: the background worker keeps each analysed page's encoding in
an owner-only file keyed on what the encoding depends on; an edit makes it stale, Finish takes
the fresh ones as they are (the same PDF pages) and removes them once the PDFs hold them."""

from __future__ import annotations

import stat

import pikepdf

from app.analysis import analyse_pending
from app.finishing import finish, finish_summary
from app.prerender import Prerenderer, RenderCache
from station.model import Transform
from station.workflow.finish import page_job
from tests.station.workflow.support import CODE, new_dossier, scanned_page

PROFILE = "jpeg"


def _analysed(store, catalog) -> list:
    new_dossier(store, catalog)
    pages = [scanned_page(store, CODE, "A6", c) for c in ("TP1", "TP1", "KQ1")]
    analyse_pending(store, PROFILE)
    return [store.page(p.id) for p in pages]


def _rendered_ahead(store, pages) -> RenderCache:
    worker = Prerenderer(store, PROFILE)
    try:
        assert sum(worker.page_analysed(p) for p in pages) == len(pages)
        assert worker.wait(120)
    finally:
        worker.close()
    return worker.cache


def test_analysed_pages_are_kept_owner_only_and_an_edit_makes_one_stale(store, catalog) -> None:
    pages = _analysed(store, catalog)
    cache = _rendered_ahead(store, pages)
    for page in pages:
        job = page_job(store, page, PROFILE)
        assert cache.has(job) and cache.get(job) is not None
        mode = (cache.root / f"{page.id}.enc").stat().st_mode
        assert stat.S_IMODE(mode) == 0o600
    assert stat.S_IMODE(cache.root.stat().st_mode) == 0o700
    turned = store.set_transforms(
        pages[0].id, (*pages[0].transforms, Transform("rotate", {"degrees": 90}))
    )
    assert not cache.has(page_job(store, turned, PROFILE))  # the turn is not in the kept file
    assert cache.has(page_job(store, pages[1], PROFILE))
    assert cache.has(page_job(store, pages[0], "standard")) is False  # another profile
    summary = finish_summary(store, catalog, CODE, PROFILE)
    assert (summary.pages, summary.ready) == (3, 2)
    kept = cache.root / f"{pages[1].id}.enc"
    kept.write_bytes(kept.read_bytes()[:-10])  # torn by a power cut
    assert cache.get(page_job(store, pages[1], PROFILE)) is None  # encoded again, not used


def test_finish_takes_the_pages_encoded_ahead_and_drops_them(store, catalog, tmp_path) -> None:
    pages = _analysed(store, catalog)
    cache = _rendered_ahead(store, pages)
    ahead = {p.id: cache.get(page_job(store, p, PROFILE)) for p in pages}
    # Page 1's file made to hold page 2's encoding: the PDF shows which one Finish used.
    cache.put(page_job(store, pages[0], PROFILE), ahead[pages[1].id])
    outcome = finish(store, catalog, CODE, profile=PROFILE, workers=1, override_reason="kiểm tra")
    files = outcome.receipt.files
    assert [(f.component_code, f.pages) for f in files] == [("TP1", 2), ("KQ1", 1)]
    with pikepdf.open(store.layout.absolute(files[0].path)) as pdf:
        images = [next(iter(page.get_images().values())) for page in pdf.pages]
        data = [bytes(image.read_raw_bytes()) for image in images]
    assert data == [ahead[pages[1].id].layers[0].image.data] * 2  # taken as kept, not redone
    assert not any(cache.root.glob("*.enc"))  # the PDFs hold them now
