"""Page workers keep freed page buffers for the next page instead of faulting them in again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from station.pipeline import heap
from station.pipeline.heap import release_freed_pages

REPO = Path(__file__).resolve().parents[3]

# Three "pages": each holds four 24 MB working copies (an A4 colour page at 300 dpi is 26 MB)
# at once, touches them and frees them all; prints the minor page faults of the last two pages.
_ROUNDS = """
import json, resource, sys
import numpy as np
from station.pipeline.heap import keep_freed_pages
kept = keep_freed_pages() if sys.argv[1] == "keep" else False
def page():
    return [np.ones(24 * 2**20, np.uint8) for _ in range(4)]
page()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(2):
    page()
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(json.dumps({"kept": kept, "faults": faults}))
"""


def _rounds(mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _ROUNDS, mode], cwd=REPO, capture_output=True, text=True, check=True
    )
    result: dict = json.loads(done.stdout)
    return result


def test_a_freed_page_buffer_is_reused_without_faulting_its_pages_in_again() -> None:
    plain, kept = _rounds("plain"), _rounds("keep")
    assert kept["kept"]
    # Faults count 4 KB or 2 MB (transparent huge) pages, so the two runs are compared.
    assert plain["faults"] > 50  # glibc gave the buffers back and faulted them in again
    assert kept["faults"] < plain["faults"] // 10


def test_the_allocator_is_tuned_without_starting_a_process(monkeypatch) -> None:
    """A child forked from a page worker counts the worker's sheet as its own memory until it
    has exec'd, so finding the C library must not run a program (find_library runs ldconfig)."""
    started: list[object] = []

    def no_process(*args: object, **kwargs: object) -> None:
        started.append(args)
        raise OSError("no process may start")

    monkeypatch.setattr(subprocess, "Popen", no_process)
    heap._libc.cache_clear()
    try:
        release_freed_pages()
        libc = heap._libc()
    finally:
        heap._libc.cache_clear()
    assert started == []
    assert (libc is not None) == sys.platform.startswith("linux")  # found all the same
