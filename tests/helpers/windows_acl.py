"""Windows as `station.store.permissions` sees it, on this Linux machine: its `os` says "nt"
and names a signed-in user, and its `subprocess` records the icacls command and answers as
icacls would. Only that module's view changes; pathlib and the rest keep the real `os`."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

import station.store.permissions as permissions

USER = "clerk"
DOMAIN = "XA-TANPHU"


class WindowsOs:
    name = "nt"

    def __init__(self, environ: dict[str, str]) -> None:
        self.environ = environ

    def __getattr__(self, attribute: str) -> Any:
        return getattr(os, attribute)  # umask, walk, chmod: the real ones


@dataclass
class FakeIcacls:
    returncode: int = 0
    stderr: bytes = b""
    raises: BaseException | None = None
    calls: list[list[str]] = field(default_factory=list)

    def run(self, command: list[str], **options: Any) -> subprocess.CompletedProcess[bytes]:
        self.calls.append(list(command))
        assert options.get("timeout") and options.get("check") is False
        if self.raises is not None:
            raise self.raises
        return subprocess.CompletedProcess(command, self.returncode, b"", self.stderr)


def pretend_windows(
    monkeypatch: pytest.MonkeyPatch, icacls: FakeIcacls, environ: dict[str, str] | None = None
) -> None:
    env = {"USERNAME": USER, "USERDOMAIN": DOMAIN} if environ is None else environ
    monkeypatch.setattr(permissions, "os", WindowsOs(env))
    fake = SimpleNamespace(run=icacls.run, TimeoutExpired=subprocess.TimeoutExpired)
    monkeypatch.setattr(permissions, "subprocess", fake)


def expected_command(folder: str, account: str = f"{DOMAIN}\\{USER}") -> list[str]:
    return [
        "icacls", folder, "/inheritance:r",
        "/grant:r", f"{account}:(OI)(CI)F",
        "/grant:r", "*S-1-5-32-544:(OI)(CI)F",
    ]  # fmt: skip
