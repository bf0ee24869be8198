"""Import and the hot folder: the one import loop, into one dossier."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from app.imports import ImportFailed, ImportSession, PageImported
from drivers.importer import HotFolder
from tests.app.support import Recorder
from tests.station.workflow.support import CODE, new_dossier


def _png(path: Path, value: int = 200) -> Path:
    buffer = io.BytesIO()
    Image.fromarray(np.full((60, 40, 3), value, np.uint8)).save(buffer, "PNG", dpi=(300, 300))
    path.write_bytes(buffer.getvalue())
    return path


def test_files_go_into_a_draft_dossier_and_a_bad_file_does_not_stop_the_rest(
    store, tmp_path
) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    events = Recorder()
    session = ImportSession(store, listener=events)
    failed = session.import_paths([_png(tmp_path / "a.png"), broken, _png(tmp_path / "b.png", 90)])
    assert [f.path.name for f in failed] == ["broken.jpg"]
    assert [type(e) for e in events] == [PageImported, ImportFailed, PageImported]
    pages = store.pages(session.dossier_code)
    assert [p.id for p in pages] == [p.id for p in session.pages]
    assert pages[0].original.media_type == "image/png"  # kept byte for byte
    assert pages[0].source_device == "import:a.png"


def test_imported_pages_are_tagged_with_the_component(store, catalog, tmp_path) -> None:
    new_dossier(store, catalog)
    session = ImportSession(store, CODE, "KQ1")
    session.import_paths([_png(tmp_path / "a.png")])
    assert [p.component_code for p in store.pages(CODE)] == ["KQ1"]


def test_the_hot_folder_imports_settled_files_and_moves_them(store, tmp_path) -> None:
    hot = tmp_path / "hot"
    hot.mkdir()
    _png(hot / "scan-1.png")
    (hot / "scan-2.jpg").write_bytes(b"not an image")
    session = ImportSession(store)
    session.watch(HotFolder(hot, settle_seconds=0.05), lambda error: error.code.value, once=True,
                  sleep=lambda _s: None)  # fmt: skip
    assert len(session.pages) == 1 and len(session.failed) == 1
    assert (hot / "done" / "scan-1.png").exists()
    assert (hot / "failed" / "scan-2.jpg").exists()


def test_a_guessed_dpi_is_kept_with_the_page(store, tmp_path) -> None:
    a4 = np.full((3508, 2480), 255, np.uint8)  # A4 at 300 dpi, the file says nothing
    a4[600:700, 300:2000] = 0
    path = tmp_path / "no-dpi.png"
    Image.fromarray(a4).save(path)
    session = ImportSession(store)
    session.import_paths([_png(tmp_path / "with-dpi.png"), path])
    told, guessed = store.pages(session.dossier_code)
    assert (told.dpi_source, told.dpi_guessed) == ("file", False)
    assert (guessed.dpi, guessed.dpi_source, guessed.paper_size) == (300, "inferred", "A4")
    assert guessed.dpi_guessed
