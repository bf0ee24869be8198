"""A data directory the clerk's account cannot write to gets a clear message and keeps its data."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

from station.model import Dossier, utc_now
from station.store import Store
from ui.cli.main import main

NOBODY = 65534

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and fork")


def _run_cli_without_write_access(args: list[str], out: Path) -> int:
    """Run the CLI in a child that cannot write to the data dir (drops root to nobody)."""
    pid = os.fork()
    if pid == 0:  # child
        code = 99
        try:
            if os.geteuid() == 0:  # root ignores permission bits: become an ordinary user
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            sys.stdout = sys.stderr = open(out, "w", encoding="utf-8")  # noqa: SIM115
            code = main(args)
            sys.stdout.flush()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def readonly_home():
    base = Path(tempfile.mkdtemp(prefix="sohoa-perm-"))
    base.chmod(0o755)  # reachable by the unprivileged child
    home = base / "home"
    with Store.open(home) as store:
        store.create_dossier(Dossier(code="D-1", procedure_code="1.001193", received_at=utc_now()))
    for path in [home, *home.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    out = base / "out.txt"
    out.touch()
    out.chmod(0o666)
    yield home, out
    for path in [home, *home.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _digest(home: Path) -> dict[str, str]:
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file()
    }


def test_unwritable_data_dir_gets_a_bilingual_error_and_loses_nothing(readonly_home) -> None:
    home, out = readonly_home
    before = _digest(home)
    code = _run_cli_without_write_access(["--home", str(home), "dossier", "list", "--json"], out)
    text = out.read_text(encoding="utf-8")
    assert code == 3, text
    payload = json.loads(text[: text.rindex("}") + 1])
    assert payload["error"]["code"] == "data_dir_not_writable"
    assert (
        "Không ghi được vào thư mục dữ liệu" in text
        and "Cannot write to the data directory" in text
    )
    assert "Traceback" not in text
    assert _digest(home) == before


def test_data_dir_under_an_unwritable_parent_is_reported(readonly_home) -> None:
    home, out = readonly_home
    code = _run_cli_without_write_access(["--home", str(home / "new"), "check"], out)
    text = out.read_text(encoding="utf-8")
    assert code == 3, text
    assert text.startswith("Lỗi: Không ghi được vào thư mục dữ liệu") and "| Error: " in text
    assert text.count("\n") == 1  # one line
