from __future__ import annotations

import hashlib
import io
import json

import pytest
from PIL import Image

from station.store import Store
from ui.cli.main import main


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, _lines(out), err


def test_devices_lists_sane_test_devices_with_their_area(capsys, home) -> None:
    code = main(["devices", "--json"])
    devices = {d["id"]: d for d in json.loads(capsys.readouterr().out)["devices"]}
    assert code == 0
    assert devices["sane:test:0"]["max_area_mm"] == [200.0, 200.0]
    assert devices["sane:test:0"]["sources"] == ["flatbed", "adf"]
    assert "read-return-value" in devices["sane:test:0"]["options"]


def test_scan_prints_each_stored_page_then_a_summary(capsys, home) -> None:
    code, lines, _ = _run(
        capsys, "scan", "--device", "sane:test:0", "--dpi", "50", "--source", "adf", "--count", "3",
        "--mode", "gray", "--option", "test-picture=Grid", "--json",
    )  # fmt: skip
    assert code == 0
    pages, summary = lines[:-1], lines[-1]
    assert [p["order"] for p in pages] == [1, 2, 3]
    assert all((p["width"], p["height"], p["dpi"]) == (393, 393, 50) for p in pages)
    assert summary == {"event": "summary", "ok": True, "dossier": pages[0]["dossier"], "pages": 3}
    with Store.open(home) as store:
        stored = store.pages(summary["dossier"])
        for line, page in zip(pages, stored, strict=True):
            data = (home / page.original.path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == line["sha256"] == page.sha256
            assert data.startswith(b"\x89PNG")
            # The scanner's resolution, carried as told (never guessed) into the stored file.
            assert (page.dpi, page.dpi_source, page.file_dpi) == (50, "device", None)
            with Image.open(io.BytesIO(data)) as png:
                assert tuple(round(v) for v in png.info["dpi"]) == (50, 50)


def test_scan_into_a_dossier_component(capsys, home) -> None:
    main(["dossier", "new", "--code", "D-1", "--procedure", "1.001193"])
    capsys.readouterr()
    code, lines, _ = _run(
        capsys, "scan", "--device", "sane:test:0", "--dpi", "50", "--dossier", "D-1",
        "--component", "TP1", "--json",
    )  # fmt: skip
    assert code == 0 and lines[-1]["dossier"] == "D-1"
    with Store.open(home) as store:
        assert [p.component_code for p in store.pages("D-1")] == ["TP1"]


@pytest.mark.parametrize(
    ("args", "error_code"),
    [
        (["--component", "NOPE", "--dossier", "D-2"], "unknown_component"),
        (["--paper", "A3"], "paper_too_large"),
        (["--paper", "B9"], "invalid_paper"),
        (["--option", "no-such=1"], "invalid_option"),
        (["--option", "read-return-value=SANE_STATUS_JAMMED"], "scanner_jammed"),
    ],
)
def test_scan_errors_are_typed_and_bilingual(capsys, home, args, error_code) -> None:
    main(["dossier", "new", "--code", "D-2", "--procedure", "1.001193"])
    capsys.readouterr()
    code, lines, err = _run(
        capsys, "scan", "--device", "sane:test:0", "--dpi", "50", *args, "--json"
    )
    assert code == 3
    summary = lines[-1] if lines else json.loads("{}")
    if summary:
        assert summary["ok"] is False and summary["error"]["code"] == error_code
    assert err.startswith("Lỗi: ") and "| Error: " in err


def test_virtual_scanner_is_the_default_and_a_jam_keeps_earlier_pages(capsys, home) -> None:
    code, lines, err = _run(
        capsys, "scan", "--source", "duplex", "--dpi", "100", "--option", "sheets=5",
        "--option", "jam-after=2", "--json",
    )  # fmt: skip
    pages, summary = lines[:-1], lines[-1]
    assert code == 3
    sides = [(p["sheet"], p["side"]) for p in pages]
    assert sides == [(1, "front"), (1, "back"), (2, "front"), (2, "back")]
    assert summary["ok"] is False and summary["pages"] == 4
    assert (
        summary["error"]["code"] == "scanner_jammed" and summary["error"]["params"]["sheet"] == "3"
    )
    assert "Kẹt giấy ở tờ 3" in err and "Paper jam at sheet 3" in err
    with Store.open(home) as store:
        assert len(store.pages(summary["dossier"])) == 4


def test_a3_on_the_a4_virtual_scanner_suggests_large_format(capsys, home) -> None:
    code, lines, err = _run(capsys, "scan", "--paper", "A3", "--json")
    assert code == 3 and lines[-1]["error"]["code"] == "paper_too_large"
    assert "sohoa import" in err and "scan it in parts" in err
