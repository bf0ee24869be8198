"""Options and helpers every `sohoa-hub` command shares."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from hub.config import HubConfig
from hub.db import Database, open_database

DATA = click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Hub data directory (thư mục dữ liệu của máy chủ).",
)
DSN = click.option("--dsn", default=None, help="postgresql://... (default: SQLite in --data).")


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def database(data_dir: Path, dsn: str | None) -> Database:
    config = HubConfig(data_dir=data_dir, dsn=dsn)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return open_database(config.dsn, config.sqlite_path)
