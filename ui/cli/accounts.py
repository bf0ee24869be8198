"""`sohoa accounts ...`: local user accounts and their roles (clerk, supervisor)."""

from __future__ import annotations

import click


@click.group("accounts")
def accounts_group() -> None:
    """Local accounts and roles (tài khoản và vai trò)."""
