"""`sohoa signing ...` and `sohoa verify`: the clerk's digital signature on digitized files."""

from __future__ import annotations

import click


@click.group("signing")
def signing_group() -> None:
    """Digital signature set-up (chữ ký số)."""


@click.command("verify")
@click.argument("pdf", type=click.Path(dir_okay=False))
def verify_command(pdf: str) -> None:
    """Check a signed PDF (kiểm tra chữ ký số)."""
