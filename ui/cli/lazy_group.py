"""A command group whose commands are imported only when one is run or listed.

Each command's module brings its own stack (signing brings pyHanko and fontTools, dossiers the
finishing and catalogue code), and importing all of them cost every `sohoa` call about 0.6 s
and 50 MB before it did anything: `sohoa process` on an A0 sheet held them beside the sheet.
"""

from __future__ import annotations

import importlib
from typing import Any

import click


class LazyGroup(click.Group):
    """`lazy` maps a command's name to "module:attribute" of the command, then of any commands
    another module adds to it (a group's subcommand defined elsewhere)."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, ...]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._lazy:
            self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, name: str) -> None:
        paths = self._lazy[name]
        command, *extra = (_imported(path) for path in paths)  # a failed import is tried again
        if not isinstance(command, click.Command) or command.name != name:
            raise TypeError(f"{paths[0]} is not the command {name!r}")
        for path, sub in zip(paths[1:], extra, strict=True):
            if not isinstance(command, click.Group) or not isinstance(sub, click.Command):
                raise TypeError(f"{path} cannot be added to the command {name!r}")
            command.add_command(sub)
        self.add_command(command)
        del self._lazy[name]


def _imported(path: str) -> object:
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)
