"""The station's sync as a separate process: `sohoa sync …` against one SOHOA_HOME.

`sohoa sync run` is started through a two-line shim that shortens the client's read timeout
and backoff before calling the same CLI entry point: the product's values (60 s, up to
10 minutes) are right for a village link and would turn a three-minute soak into an hour.
Nothing else changes; login, configure and status are the installed `sohoa` script itself.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO

RUN_SHIM = """
import functools, sys
import sync.transport, sync.worker
from sync.backoff import Backoff
sync.transport.TIMEOUT = (5.0, {read_timeout})
sync.worker.WorkerOptions = functools.partial(
    sync.worker.WorkerOptions, backoff=Backoff(base=0.2, cap={backoff_cap}), poll_seconds=0.2
)
from ui.cli.main import run
sys.argv = ["sohoa", "sync", "run"] + sys.argv[1:]
run()
"""


class StationProcess:
    def __init__(self, home: Path, logs: Path, read_timeout: float, backoff_cap: float) -> None:
        self.home = home
        self.logs = logs
        self.env = {**os.environ, "SOHOA_HOME": str(home), "PYTHONPATH": str(REPO)}
        self.shim = RUN_SHIM.format(read_timeout=read_timeout, backoff_cap=backoff_cap)
        self.runs = 0
        self._process: subprocess.Popen[bytes] | None = None

    def sohoa(self, *args: str, stdin: str = "") -> dict[str, Any]:
        command = [str(Path(sys.executable).with_name("sohoa")), *args, "--json"]
        done = subprocess.run(
            command, input=stdin.encode(), env=self.env, capture_output=True, timeout=60,
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        return json.loads(done.stdout)

    def start(self, *args: str) -> None:
        self.runs += 1
        log = (self.logs / f"sync-run-{self.runs}.log").open("wb")
        self._process = subprocess.Popen(
            [sys.executable, "-c", self.shim, *args], env=self.env, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()

    def kill(self) -> None:
        """The power cut: SIGKILL, no chance to tidy up."""
        assert self._process is not None
        os.kill(self._process.pid, signal.SIGKILL)
        self._process.wait(10)
        self._process = None

    def wait(self, timeout: float) -> int:
        assert self._process is not None
        code = self._process.wait(timeout)
        self._process = None
        return code

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._process = None

    def log_text(self) -> str:
        return "".join(
            p.read_text(errors="replace") for p in sorted(self.logs.glob("sync-run-*.log"))
        )
