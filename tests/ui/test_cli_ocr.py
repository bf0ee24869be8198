"""`sohoa ocr off|on PROFILE`: the station's reading switch from the command line. With it off,
`sohoa dossier finish` writes PDFs without a text layer; on again, the same pages give their
text. The window's settings dialog shows and sets the same switch."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from station.ocr.switch import profiles_not_read
from station.store import Store
from tests.station.ocr.forms import form_title, virtual_form
from tests.station.workflow.support import CODE, PROCEDURE
from ui.cli.main import main

SECOND = "000.00.14.H05-251122-0002"
SEED = 1  # the scanner's sheet 1 is then a "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"
DPI = 200


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _finished_text(capsys, home: Path, code: str) -> str:
    """A dossier with one virtual form scanned into TP1, finished; its PDF's text."""
    done, _, err = _run(capsys, "dossier", "new", "--code", code, "--procedure", PROCEDURE)
    assert done == 0, err
    done, _, err = _run(
        capsys, "scan", "--device", "virtual", "--paper", "A4", "--dpi", str(DPI),
        "--count", "1", "--option", f"seed={SEED}", "--option", "skew=0",
        "--option", "content=document", "--dossier", code, "--component", "TP1", "--json",
    )  # fmt: skip
    assert done == 0, err
    done, out, err = _run(
        capsys, "dossier", "finish", code, "--profile", "standard", "--workers", "1",
        "--override-reason", "thử", "--json",
    )  # fmt: skip
    assert done == 0, err
    [pdf] = json.loads(out)["files"]
    args = ["pdftotext", "-enc", "UTF-8", str(home / pdf["path"]), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_show_lists_every_profile_read_until_switched_off(capsys, home) -> None:
    code, out, _ = _run(capsys, "ocr", "show", "--json")
    assert code == 0
    reading = json.loads(out)["ocr"]
    assert reading == {**dict.fromkeys(["standard", "jpeg", "lossless", "raw"], True),
                       "card": False}  # fmt: skip  # a card's printed text is never read
    code, out, _ = _run(capsys, "ocr", "off", "card", "jpeg", "--json")
    assert code == 0
    assert [n for n, on in json.loads(out)["ocr"].items() if not on] == ["jpeg", "card"]
    code, out, _ = _run(capsys, "ocr", "show")
    assert "card: không đọc / not read" in out and "standard: đọc / read" in out
    with Store.open(home) as store:
        assert profiles_not_read(store) == {"card", "jpeg"}


def test_an_unknown_profile_is_a_usage_error(capsys, home) -> None:
    code, _, err = _run(capsys, "ocr", "off", "nope")
    assert code == 2 and "nope" in err


def test_off_the_finished_pdf_has_no_text_and_on_again_it_has(capsys, home) -> None:
    title = form_title(virtual_form(SEED, DPI)[1])
    assert title is not None
    code, _, err = _run(capsys, "ocr", "off", "standard")
    assert code == 0, err
    assert _finished_text(capsys, home, CODE).strip() == ""

    code, out, err = _run(capsys, "ocr", "on", "standard", "--json")
    assert code == 0, err
    assert json.loads(out)["ocr"]["standard"] is True
    assert title in _finished_text(capsys, home, SECOND).splitlines()
