"""`sohoa hub ...`: the hub's own command, `sohoa-hub ...`, offered under the station's too.

The hub is a separate package whose dependencies (FastAPI, uvicorn) come with the
`sohoa-station[hub]` extra, which a counter PC does not have. So it is imported only when a hub
command runs, and without the extra the command says what to install. This module is the one
place outside `hub/` that may import it (tests/helpers/layering.py).
"""

from __future__ import annotations

import click

from station.errors import ErrorCode, StationError


def _hub_cli() -> click.Group:
    try:
        from hub.cli import hub_group
        from hub.server import serve  # noqa: F401 - the web stack: is the extra installed?
    except ImportError as exc:
        raise StationError(ErrorCode.HUB_NOT_INSTALLED, missing=exc.name or "hub") from exc
    return hub_group


class HubAlias(click.Group):
    """Every subcommand of `sohoa-hub`, looked up when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return _hub_cli().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return _hub_cli().get_command(ctx, cmd_name)


hub_group = HubAlias(
    "hub",
    help="Reference provincial hub (máy chủ tiếp nhận hồ sơ của tỉnh); the same as `sohoa-hub`.",
    short_help="The provincial hub, as `sohoa-hub` (máy chủ tỉnh).",
)
