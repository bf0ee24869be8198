"""Entry point of the `sohoa` command; turns every failure into one bilingual line."""

from __future__ import annotations

import multiprocessing
import os
import sys
from functools import partial
from pathlib import Path

import click

from app.context import AppContext
from app.people import attribute_command_line_work
from station import __version__
from station.accounts import AccountError
from station.errors import StationError
from station.store.permissions import set_private_umask
from ui.cli.accounts import problem_text
from ui.cli.lazy_group import LazyGroup
from ui.cli.output import error_payload, print_error_line, print_json, read_secret

# Each command's module, imported when that command runs (see ui.cli.lazy_group); after it, the
# subcommands other modules add to it.
COMMANDS: dict[str, tuple[str, ...]] = {
    "accounts": ("ui.cli.accounts:accounts_group",),
    "catalog": (
        "ui.cli.catalog:catalog_group",
        "ui.cli.catalog_sync:catalog_update_command",
        "ui.cli.catalog_sync:catalog_version_command",
    ),
    "check": ("ui.cli.check:check_command",),
    "codes": ("ui.cli.codes:codes_command",),
    "devices": ("ui.cli.scan:devices_command",),
    "dossier": ("ui.cli.dossier:dossier_group", "ui.cli.results:finish_result_command"),
    "hub": ("ui.cli.hub:hub_group",),
    "import": ("ui.cli.imports:import_command",),
    "ocr": ("ui.cli.ocr:ocr_group",),
    "page": ("ui.cli.page:page_group",),
    "process": ("ui.cli.process:process_command",),
    "results": ("ui.cli.results:results_group",),
    "scan": ("ui.cli.scan:scan_command",),
    "separators": ("ui.cli.separators:separators_command",),
    "signing": ("ui.cli.signing:signing_group",),
    "station": ("ui.cli.station:station_group",),
    "stats": ("ui.cli.stats:stats_command",),
    "stitch": ("ui.cli.stitch:stitch_command",),
    "sync": ("ui.cli.sync:sync_group",),
    "verify": ("ui.cli.signing:verify_command",),
    "watch": ("ui.cli.imports:watch_command",),
}

EXIT_ERROR = 3
EXIT_USAGE = 2
EXIT_INTERNAL = 70


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="sohoa", message="%(prog)s %(version)s")
@click.option(
    "--home",
    type=click.Path(path_type=Path),
    help="Data directory (default: SOHOA_HOME or the user data dir).",
)
@click.option(
    "--clerk",
    envvar="SOHOA_CLERK",
    default="",
    help="Station account the work is recorded under (SOHOA_CLERK); its password is asked "
    "for, or read from SOHOA_CLERK_PASSWORD. Needed once the station has accounts.",
)
@click.option("--debug", is_flag=True, help="Show Python tracebacks.")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, clerk: str, debug: bool) -> None:
    """SoHoa Station — trạm số hóa hồ sơ thủ tục hành chính.

    Without a command, opens the main window.
    """
    app = AppContext(debug=debug) if home is None else AppContext(home=home, debug=debug)
    if ctx.invoked_subcommand not in (None, "gui"):  # the window has its own sign-in
        app.on_store_open = partial(attribute_command_line_work, user=clerk, password=_password)
    ctx.obj = app
    ctx.call_on_close(app.close)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui_command)


@cli.command("gui")
@click.pass_obj
def gui_command(app: AppContext) -> None:
    """Open the main window (cửa sổ chính)."""
    from ui.start import launch  # Qt is imported only when a window is wanted

    raise SystemExit(launch(app))


def _password() -> str:
    return os.environ.get("SOHOA_CLERK_PASSWORD") or read_secret("Mật khẩu / Password")


def _wants_json(argv: list[str]) -> bool:
    return "--json" in argv


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    set_private_umask()  # pages, PDFs and the database: the account's own, never other users'
    try:
        cli.main(args=args, prog_name="sohoa", standalone_mode=False)
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except click.exceptions.Abort:
        print_error_line("Đã hủy.", "Aborted.")
        return 1
    except click.ClickException as exc:
        print_error_line(
            f"Lệnh không hợp lệ: {exc.format_message()}",
            f"Invalid command: {exc.format_message()} (see --help)",
        )
        return EXIT_USAGE
    except AccountError as exc:
        print_error_line(*problem_text(exc))
        return EXIT_ERROR
    except StationError as exc:
        if debug:
            raise
        payload = error_payload(exc)
        if _wants_json(args):
            print_json(payload)
        print_error_line(payload["error"]["message_vi"], payload["error"]["message_en"])
        return EXIT_ERROR
    except Exception as exc:  # the user gets one line, --debug gets the traceback
        if debug:
            raise
        print_error_line(
            f"Lỗi ngoài dự kiến ({type(exc).__name__}: {exc}). Chạy lại với --debug để xem.",
            f"Unexpected error ({type(exc).__name__}: {exc}). Run again with --debug for details.",
        )
        return EXIT_INTERNAL


def run() -> None:
    multiprocessing.freeze_support()  # the driver worker re-enters a frozen build through here
    sys.exit(main())


if __name__ == "__main__":
    run()
