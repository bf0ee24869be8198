from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
from PIL import Image

from station.store import Store
from ui.cli.main import main


def _png(path: Path, value: int = 200) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((60, 40, 3), value, np.uint8)).save(buffer, "PNG", dpi=(300, 300))
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_import_keeps_originals_and_reports_each_bad_file(capsys, home, tmp_path) -> None:
    good = _png(tmp_path / "a.png")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    code, lines, err = _run(
        capsys, "import", str(tmp_path / "a.png"), str(tmp_path / "broken.jpg"),
        str(tmp_path / "missing.pdf"), "--json",
    )  # fmt: skip
    assert code == 3
    events = [line["event"] for line in lines]
    assert events == ["page", "error", "error", "summary"]
    assert [line["error"]["code"] for line in lines if line["event"] == "error"] == [
        "import_corrupt",
        "import_not_found",
    ]
    summary = lines[-1]
    assert (summary["pages"], summary["failed_files"], summary["ok"]) == (1, 2, False)
    assert lines[0]["sha256"] == hashlib.sha256(good).hexdigest()  # stored byte for byte
    assert err.count("Lỗi: ") == 2
    with Store.open(home) as store:
        (page,) = store.pages(summary["dossier"])
        assert (home / page.original.path).read_bytes() == good and page.dpi == 300


def test_import_into_a_component(capsys, home, tmp_path) -> None:
    main(["dossier", "new", "--code", "D-3", "--procedure", "2.000815"])
    capsys.readouterr()
    _png(tmp_path / "b.png")
    code, lines, _ = _run(
        capsys,
        "import",
        str(tmp_path / "b.png"),
        "--dossier",
        "D-3",
        "--component",
        "TP1",
        "--json",
    )
    assert code == 0 and lines[-1]["dossier"] == "D-3"
    with Store.open(home) as store:
        assert [p.component_code for p in store.pages("D-3")] == ["TP1"]


def test_watch_once_imports_settled_files_and_sorts_them(capsys, home, tmp_path) -> None:
    folder = tmp_path / "hot"
    folder.mkdir()
    _png(folder / "map-1.png")
    (folder / "map-2.tif").write_bytes(b"II*\x00garbage")
    code, lines, _ = _run(capsys, "watch", str(folder), "--once", "--settle", "0.1", "--json")
    assert code == 0
    assert [line["event"] for line in lines] == ["page", "error", "summary"]
    assert (folder / "done" / "map-1.png").exists()
    assert (folder / "failed" / "map-2.tif").exists()
    reason = (folder / "failed" / "map-2.tif.error.txt").read_text(encoding="utf-8")
    assert "hỏng" in reason and "damaged" in reason
