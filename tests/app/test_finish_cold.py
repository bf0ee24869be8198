"""Finish pressed before the background caught up: a page the background worker is encoding at
that moment is waited for, not encoded a second time; the pages Finish encodes itself are
claimed, so the background worker leaves them; and a page read in the background is not read
again. Encodings and reads are counted, not timed."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from app.analysis import analyse_pending
from app.finishing import finish
from app.prerender import Prerenderer, RenderCache
from station.ocr.switch import set_profiles_not_read
from station.workflow import finish_pages
from station.workflow.finish import page_job
from tests.station.workflow.support import CODE, new_dossier, scanned_page

PROFILE = "jpeg"

# Plays the background worker (app.prerender.render_into) for one page, held at one point:
# the page's claim taken, its encoding not started until a line comes on stdin.
BACKGROUND = """
import sys
from pathlib import Path
from app.prerender import RenderCache, encode_claimed
from station.store import Store
from station.workflow.finish import page_job

home, page_id, profile = sys.argv[1:]
with Store.open(Path(home)) as store:
    job = page_job(store, store.page(page_id), profile)
cache = RenderCache(Path(home))
assert cache.claim(page_id)
print("claimed", flush=True)
sys.stdin.readline()
try:
    encode_claimed(cache, job)
finally:
    cache.release([page_id])
"""


def _analysed(store, catalog, papers=("A6", "A5", "A6")) -> list:
    new_dossier(store, catalog)
    pages = [scanned_page(store, CODE, paper, "TP1") for paper in papers]
    analyse_pending(store, PROFILE)
    return [store.page(p.id) for p in pages]


def _counting_encodes(monkeypatch) -> list[str]:
    """The page ids Finish encodes in this process (workers=1 keeps them here)."""
    encoded: list[str] = []
    render_page = finish_pages.render_page

    def counted(job):
        encoded.append(job.page_id)
        return render_page(job)

    monkeypatch.setattr(finish_pages, "render_page", counted)
    return encoded


def test_a_page_the_background_is_encoding_is_waited_for_not_encoded_again(
    store, catalog, monkeypatch
) -> None:
    set_profiles_not_read(store, [PROFILE])  # encodings only
    pages = _analysed(store, catalog)
    busy = pages[1]
    background = subprocess.Popen(
        [sys.executable, "-c", BACKGROUND, str(store.layout.home), busy.id, PROFILE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=sys.path[0] or None,
    )  # fmt: skip
    try:
        assert background.stdout is not None and background.stdout.readline() == "claimed\n"
        encoded = _counting_encodes(monkeypatch)
        outcomes: list = []
        finishing = threading.Thread(
            target=lambda: outcomes.append(
                finish(store, catalog, CODE, profile=PROFILE, workers=1, override_reason="x")
            )
        )
        finishing.start()
        deadline = time.monotonic() + 60
        others = [pages[2].id, pages[0].id]  # done first: the background's page comes last
        while encoded != others and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.5)  # Finish is now at the page the background holds
        assert encoded == others and finishing.is_alive()  # waiting, not encoding it
        assert background.stdin is not None
        background.stdin.write("go\n")
        background.stdin.flush()
        finishing.join(120)
        assert background.wait(60) == 0
    finally:
        background.kill()
    assert encoded == others  # the background's page encoded once, by the background
    [outcome] = outcomes
    assert [f.pages for f in outcome.receipt.files] == [3]
    assert not any(RenderCache(store.layout.home).root.iterdir())  # claims and files gone


def test_the_background_leaves_the_pages_finish_has_claimed(store, catalog) -> None:
    pages = _analysed(store, catalog)
    cache = RenderCache(store.layout.home)
    assert cache.claim(pages[0].id)  # as Finish does for every page it encodes itself
    worker = Prerenderer(store, PROFILE)
    try:
        assert all(worker.page_analysed(p) for p in pages)  # queued: the worker decides
        assert worker.wait(120)
    finally:
        worker.close()
    kept = [cache.has(page_job(store, p, PROFILE)) for p in pages]
    assert kept == [False, True, True]
    cache.release([pages[0].id])
    assert not cache.claimed(pages[0].id)


def test_a_page_read_in_the_background_is_not_read_again(store, catalog, monkeypatch) -> None:
    pages = _analysed(store, catalog, ("A6", "A5"))
    from app.reading import read_stored_page

    assert read_stored_page(store, pages[0].id, PROFILE) is not None  # the window's reader
    read: list[str] = []
    read_rendered = finish_pages.read_rendered

    def counted(job, transforms):
        read.append(job.page_id)
        return read_rendered(job, transforms)

    monkeypatch.setattr(finish_pages, "read_rendered", counted)
    finish(store, catalog, CODE, profile=PROFILE, workers=1, override_reason="x")
    assert read == [pages[1].id]
