"""Leptonica's console messages are off once the reading engine starts (checked in a fresh
process: the setting is global to the process)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

SCRIPT = textwrap.dedent(
    """
    import ctypes, sys
    import tesserocr
    from station.ocr.quiet import leptonica_library
    from station.ocr.engine import _engine

    library = ctypes.CDLL(leptonica_library(tesserocr.__file__))
    library.pixGetWidth(None)  # Leptonica complains on stderr: no image
    sys.stderr.write("--- engine ---\\n")
    sys.stderr.flush()
    _engine()
    library.pixGetWidth(None)  # the same complaint, now kept quiet
    """
)


def test_leptonica_is_quiet_once_the_engine_starts() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    before, after = done.stderr.split("--- engine ---")
    assert "Error in pixGetWidth" in before
    assert "Error in" not in after
