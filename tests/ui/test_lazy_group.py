"""The command line's lazily imported commands: loaded on first use, with the subcommands other
modules add, and a module that fails to import is tried again the next time."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ui.cli.lazy_group import LazyGroup

MODULE = '''
import click

@click.group("files")
def files_group():
    """Files."""

@files_group.command("ls")
def ls_command():
    click.echo("listed")

@click.command("rm")
def rm_command():
    click.echo("removed")

@click.command("other-name")
def misnamed_command():
    """Registered under another name."""
'''


@pytest.fixture
def commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("lazy_demo_commands", "lazy_demo_later"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    (tmp_path / "lazy_demo_commands.py").write_text(MODULE, encoding="utf-8")
    return tmp_path


def _group(lazy: dict[str, tuple[str, ...]]) -> click.Group:
    @click.group(cls=LazyGroup, lazy=lazy)
    def root() -> None:
        """Root."""

    return root


def test_a_command_and_the_subcommand_another_module_adds_load_when_run(commands) -> None:
    root = _group({"files": ("lazy_demo_commands:files_group", "lazy_demo_commands:rm_command")})
    assert "lazy_demo_commands" not in sys.modules
    assert root.list_commands(click.Context(root)) == ["files"]
    assert "lazy_demo_commands" not in sys.modules  # listing names imports nothing
    runner = CliRunner()
    assert runner.invoke(root, ["files", "ls"]).output == "listed\n"
    assert runner.invoke(root, ["files", "rm"]).output == "removed\n"
    assert "lazy_demo_commands" in sys.modules


def test_a_module_that_fails_to_import_is_tried_again(commands) -> None:
    root = _group({"later": ("lazy_demo_later:later_command",)})
    context = click.Context(root)
    with pytest.raises(ModuleNotFoundError):
        root.get_command(context, "later")
    assert root.list_commands(context) == ["later"]
    (commands / "lazy_demo_later.py").write_text(
        "import click\n\n@click.command('later')\ndef later_command():\n    click.echo('late')\n",
        encoding="utf-8",
    )
    importlib.invalidate_caches()  # the folder's listing, read when the import failed
    assert CliRunner().invoke(root, ["later"]).output == "late\n"


def test_a_command_registered_under_another_name_is_refused(commands) -> None:
    root = _group({"misnamed": ("lazy_demo_commands:misnamed_command",)})
    with pytest.raises(TypeError, match="is not the command 'misnamed'"):
        root.get_command(click.Context(root), "misnamed")
