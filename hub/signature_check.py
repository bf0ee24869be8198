"""Signature checks of a commit's PDFs, in a worker process with a size, time and memory cap.

Parsing a PDF is the costliest thing a station can make the hub do, so it never runs inside
a database transaction nor in the hub's own process: a few workers at a time, each under
setrlimit, killed at its deadline. The deadline is one per commit, however many files it has
(500 components of slow files must not hold a worker 500 times as long), and a station whose
check overran rests before its next one. A commit waits for a free worker a few seconds at
most, then gets 503 with Retry-After. It waits for the verdicts holding no lock.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hub
from hub.context import Hub
from hub.signatures import has_signature_dictionary
from hub.uploads import Upload

_HUB_ROOT = str(Path(hub.__file__).resolve().parents[1])


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    timeout: float
    memory: int


def signature_problems(
    hub_state: Hub, station: str, names: list[str], files: list[Upload]
) -> list[dict[str, Any]]:
    """One {file_name, problem} per refused file; raises Busy (hub/check_slots.py) when the
    station's own check is still running or no worker came free in time."""
    config = hub_state.config
    limits = Limits(config.signature_max_bytes, config.signature_timeout, config.signature_memory)
    problems: dict[str, str] = {}
    to_check: list[tuple[str, Path]] = []
    with hub_state.signature_slots.station_turn(station):
        for name, upload in zip(names, files, strict=True):
            path = config.upload_file(station, upload.upload_id)
            if not has_signature_dictionary(path):
                if config.require_signatures:
                    problems[name] = "unsigned"
            elif path.stat().st_size > limits.max_bytes:
                problems[name] = "too_large_to_verify"
            else:
                to_check.append((name, path))
        if to_check:
            with hub_state.signature_slots.worker(config.signature_slot_wait):
                verdicts, overran = _run_worker(
                    [p for _, p in to_check], config.require_signatures, limits
                )
            if overran:
                hub_state.signature_slots.rest(station, config.signature_overrun_rest)
            for (name, _), found in zip(to_check, verdicts, strict=True):
                if found:
                    problems[name] = found
    return [{"file_name": name, "problem": problems[name]} for name in names if name in problems]


def _run_worker(paths: list[Path], required: bool, limits: Limits) -> tuple[list[str], bool]:
    """Verdicts in order, and whether the worker ran past its deadline; "unverifiable" for
    every file when the worker fails or overruns."""
    request = json.dumps([[str(path), required] for path in paths])
    search_path = [_HUB_ROOT, os.environ.get("PYTHONPATH", "")]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, search_path)),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # The worker sets its own rlimits first thing (hub.signatures.main): no preexec_fn, which
    # is unsafe in a process with threads.
    seconds = limits.timeout  # for the whole commit
    overran = False
    command = [sys.executable, "-m", "hub.signatures", str(limits.memory), str(seconds)]
    try:
        done = subprocess.run(
            command,
            input=request,
            capture_output=True,
            text=True,
            timeout=seconds,
            env=env,
            check=False,
        )
        verdicts = json.loads(done.stdout) if done.returncode == 0 else None
        overran = done.returncode == -signal.SIGXCPU  # its CPU time cap, a little later
    except subprocess.TimeoutExpired:
        verdicts, overran = None, True
    except json.JSONDecodeError:
        verdicts = None
    if not isinstance(verdicts, list) or len(verdicts) != len(paths):
        return ["unverifiable"] * len(paths), overran
    return [str(v) for v in verdicts], overran
