"""The window survives thousands of signals on an interpreter where PySide6 miscounts
references to True/False/None (see ui/application.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from ui.application import pin_singletons

pin_singletons()
app = QCoreApplication([])

class Source(QObject):
    fired = Signal(object)

source = Source()
seen = []
source.fired.connect(seen.append)
for n in range(20000):
    source.fired.emit(None)
    QTimer.singleShot(0, lambda: None)
    source.fired.disconnect(seen.append)
    source.fired.connect(seen.append)
print(len(seen))
"""


def test_many_signals_emitted_from_python_do_not_abort_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "20000"
