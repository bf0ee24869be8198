"""One signature check per station at a time: a station sending costly PDFs in parallel takes
one worker, never all of them, so another station's commit is still checked meanwhile."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pikepdf
import pytest
import requests

from tests.helpers.hub import running_hub
from tests.hub.conftest import commit_dossier, connect, manifest_for
from tests.hub.signed_files import signed_component_pdf
from tests.station.pades.support import CaBundle

SLOW_PAGES = 20_000  # several seconds of pyHanko's analysis of what changed after signing


@pytest.fixture(scope="module")
def signed(signing_ca: CaBundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return signed_component_pdf(tmp_path_factory.mktemp("signed"), signing_ca)


def slow_to_verify(signed: Path, pages: int) -> bytes:
    """The signed PDF with an update after signing that adds `pages` pages: refused in the
    end (modified after signing), but only after a long look at every added object."""
    with pikepdf.open(signed) as pdf:
        tree, first = pdf.Root.Pages.objgen[0], pdf.pages[0].objgen[0]
        size = int(pdf.trailer.Size)
    original = signed.read_bytes()
    prev = int(re.findall(rb"startxref\s+(\d+)", original)[-1])
    out = bytearray(original)
    offsets = []
    for number in range(size, size + pages):
        offsets.append(len(out))
        out += b"%d 0 obj <</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842]>> endobj\n" % (
            number,
            tree,
        )
    tree_offset = len(out)
    kids = b" ".join(b"%d 0 R" % n for n in [first, *range(size, size + pages)])
    out += b"%d 0 obj <</Type /Pages /Kids [%s] /Count %d>> endobj\n" % (tree, kids, pages + 1)
    xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n%d %d\n" % (tree, tree_offset, size, pages)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    root = pdf_root(original)
    out += b"trailer <</Size %d /Root %s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (
        size + pages,
        root,
        prev,
        xref,
    )
    return bytes(out)


def pdf_root(data: bytes) -> bytes:
    return re.findall(rb"/Root (\d+ \d+ R)", data)[-1]


def checks_running() -> int:
    """Signature workers (`python -m hub.signatures`) this test process has started."""
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = re.search(r"^PPid:\s+(\d+)", status, re.MULTILINE)
        if parent and int(parent.group(1)) == os.getpid() and b"hub.signatures" in command:
            count += 1
    return count


def test_one_station_gets_one_check_at_a_time_and_another_is_checked_meanwhile(
    tmp_path: Path, signed: Path
) -> None:
    slow = slow_to_verify(signed, SLOW_PAGES)
    good = signed.read_bytes()
    with running_hub(tmp_path / "hub", signature_workers=2) as hub:
        a, b = connect(hub, "ST-A"), connect(hub, "ST-B")
        a.upload(slow, "K-slow1", dossier_code="D-slow1")
        a.upload(slow, "K-slow2", dossier_code="D-slow2")
        b.upload(good, "K-b", dossier_code="D-b")
        finished: list[str] = []
        first: list[requests.Response] = []

        def commit_first() -> None:
            manifest = manifest_for({"K-slow1": slow}, manifest_id="M-slow1", code="D-slow1")
            url = hub.url + "/api/v1/manifests"
            body = {**manifest, "station_id": "ST-A"}
            first.append(requests.post(url, json=body, headers=a.auth, timeout=120))
            finished.append("A1")

        committing = threading.Thread(target=commit_first)
        committing.start()
        deadline = time.monotonic() + 30
        while checks_running() == 0 and committing.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert checks_running() == 1 and committing.is_alive(), "A's first check never started"

        second = commit_dossier(a, "D-slow2", "K-slow2", slow, upload=False)
        assert second.status_code == 503, second.text
        assert second.json() == {"error": "station_busy"}
        assert int(second.headers["Retry-After"]) > 0

        other = commit_dossier(b, "D-b", "K-b", good, upload=False)
        finished.append("B")
        assert other.status_code == 200, other.text
        committing.join(timeout=120)
        assert finished == ["B", "A1"]
        assert first[0].status_code == 422, first[0].text
        assert first[0].json()["files"] == [
            {"file_name": "K-slow1.pdf", "problem": "modified_after_signing"}
        ]
        # The station's turn is free again once its check is over.
        a.upload(good, "K-good", dossier_code="D-good")
        assert commit_dossier(a, "D-good", "K-good", good, upload=False).status_code == 200
