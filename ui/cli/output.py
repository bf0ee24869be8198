"""Printing: JSON for machines, short bilingual lines for people."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from station.errors import StationError
from ui.messages import error_text


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def print_json_line(data: Any, indent: int | None = None) -> None:
    """One JSON object per line, flushed at once so a reader sees each page as it lands."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent, default=_default) + "\n")
    sys.stdout.flush()


def error_payload(error: StationError) -> dict[str, Any]:
    vi, en = error_text(error)
    params = {k: str(v) for k, v in error.params.items()}
    return {
        "ok": False,
        "error": {"code": error.code.value, "params": params, "message_vi": vi, "message_en": en},
    }


def read_secret(prompt: str, confirm: bool = False) -> str:
    """A password or PIN: a hidden prompt on a terminal, otherwise the first line of stdin."""
    if sys.stdin.isatty():
        import click  # the prompt only; output helpers stay click-free otherwise

        return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)
    return sys.stdin.readline().rstrip("\r\n")


def print_warning_line(vi: str, en: str) -> None:
    sys.stderr.write(f"Cảnh báo: {vi} | Warning: {en}\n")


def print_error_line(vi: str, en: str) -> None:
    sys.stderr.write(f"Lỗi: {vi} | Error: {en}\n")
