"""`sohoa-hub users ...`, `sohoa-hub station ...` and `sohoa-hub access-log`: who may use the
hub, and who read what."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from hub import access_log, accounts, clock, stations
from hub.cli_common import DATA, DSN, database, print_json
from hub.db import Database
from hub.principal import ACCOUNT_ROLES, Role

T = TypeVar("T")

_PASSWORD_STDIN = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of stdin (default: make a random one).",
)


def _password(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    try:
        accounts.check_password(line)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--password-stdin") from exc
    return line


def _show_password(username: str, password: str, made: bool) -> None:
    if made:
        click.echo(f"Mật khẩu / password for {username}: {password}")
        click.echo("Chỉ hiện một lần / shown only once.")
    else:
        click.echo(f"{username}: đã đặt mật khẩu / password set")


@click.group("users")
def users_group() -> None:
    """People's accounts: supervisors and administrators (tài khoản người dùng)."""


@users_group.command("add")
@DATA
@DSN
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in ACCOUNT_ROLES]))
@click.option("--unit", "unit_code", default="", help="A unit supervisor's unit code.")
@_PASSWORD_STDIN
def users_add(
    data_dir: Path, dsn: str | None, username: str, role: str, unit_code: str, password_stdin: bool
) -> None:
    """Add an account; prints its password unless one is given on stdin."""
    given = _password(password_stdin)
    try:
        password = accounts.add_account(
            database(data_dir, dsn), username, Role(role), unit_code, given
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    except accounts.AccountExists as exc:
        raise click.ClickException(f"account {exc} already exists (tài khoản đã có)") from exc
    _show_password(username, password, given is None)


@users_group.command("list")
@DATA
@DSN
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def users_list(data_dir: Path, dsn: str | None, as_json: bool) -> None:
    """List accounts with their role and unit."""
    found = accounts.list_accounts(database(data_dir, dsn))
    rows = [
        {"username": a.username, "role": a.role.value, "unit_code": a.unit_code,
         "disabled": a.disabled}
        for a in found
    ]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = "disabled" if row["disabled"] else "active"
        click.echo(f"{row['username']}\t{row['role']}\t{row['unit_code'] or '-'}\t{state}")


@users_group.command("disable")
@DATA
@DSN
@click.argument("username")
@click.option("--enable", is_flag=True, help="Enable the account again.")
def users_disable(data_dir: Path, dsn: str | None, username: str, enable: bool) -> None:
    """Disable an account (its tokens stop working at once)."""
    try:
        accounts.set_disabled(database(data_dir, dsn), username, not enable)
    except accounts.UnknownAccount as exc:
        raise click.ClickException(f"no account {exc} (không có tài khoản)") from exc
    click.echo(f"{username}: {'enabled' if enable else 'disabled'}")


@users_group.command("passwd")
@DATA
@DSN
@click.argument("username")
@_PASSWORD_STDIN
def users_passwd(data_dir: Path, dsn: str | None, username: str, password_stdin: bool) -> None:
    """Set a new password (its tokens stop working); prints it unless given on stdin."""
    given = _password(password_stdin)
    try:
        password = accounts.set_password(database(data_dir, dsn), username, given)
    except accounts.UnknownAccount as exc:
        raise click.ClickException(f"no account {exc} (không có tài khoản)") from exc
    _show_password(username, password, given is None)


@click.group("station")
def station_group() -> None:
    """A registered station's credentials (thông tin đăng nhập của trạm)."""


def _station_step(
    step: Callable[[Database, str], T], data_dir: Path, dsn: str | None, client_id: str
) -> T:
    try:
        return step(database(data_dir, dsn), client_id)
    except stations.UnknownStation as exc:
        raise click.ClickException(f"station {exc} is not registered (trạm chưa đăng ký)") from exc


@station_group.command("rotate-secret")
@DATA
@DSN
@click.argument("client_id")
def station_rotate(data_dir: Path, dsn: str | None, client_id: str) -> None:
    """Give the station a new secret; the old one and its tokens stop working."""
    secret = _station_step(stations.rotate_secret, data_dir, dsn, client_id)
    click.echo(f"Mật khẩu mới / new client secret: {secret}")
    click.echo("Chỉ hiện một lần, hãy chép sang trạm ngay / shown only once: copy it now.")


@station_group.command("disable")
@DATA
@DSN
@click.argument("client_id")
@click.option("--enable", is_flag=True, help="Enable the station again.")
def station_disable(data_dir: Path, dsn: str | None, client_id: str, enable: bool) -> None:
    """Stop (or allow again) the station's tokens; its data stays."""
    _station_step(
        lambda db, cid: stations.set_disabled(db, cid, not enable), data_dir, dsn, client_id
    )
    click.echo(f"{client_id}: {'enabled' if enable else 'disabled'}")


@station_group.command("remove")
@DATA
@DSN
@click.argument("client_id")
def station_remove(data_dir: Path, dsn: str | None, client_id: str) -> None:
    """Forget the station's credentials; its dossiers and figures stay on the hub."""
    _station_step(stations.remove_station, data_dir, dsn, client_id)
    click.echo(f"{client_id}: removed")


@click.command("access-log")
@DATA
@DSN
@click.option("--since", default=None, help="Only entries at or after this time (ISO-8601).")
@click.option("--actor", default=None, help="Only this station or account.")
@click.option("--station", default=None, help="Only reads of this station's data.")
@click.option("--limit", default=access_log.MAX_ENTRIES, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def access_log_command(
    data_dir: Path,
    dsn: str | None,
    since: str | None,
    actor: str | None,
    station: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Who read which personal data, newest first (nhật ký truy cập dữ liệu cá nhân)."""
    try:
        since_text = clock.to_text(clock.parse(since)) if since else None
    except ValueError as exc:
        raise click.BadParameter(
            "ISO-8601, e.g. 2026-12-01T00:00:00+07:00", param_hint="--since"
        ) from exc
    found = access_log.entries(database(data_dir, dsn), since_text, actor, station, limit)
    if as_json:
        print_json([entry.to_dict() for entry in found])
        return
    for e in found:
        fields = (e.at, f"{e.actor_kind}:{e.actor}", e.action, e.station_id, e.target, e.address)
        click.echo("\t".join(shown(field) for field in fields))


def shown(text: str) -> str:
    """`text` for a terminal line: a character that is not printable (an escape, a carriage
    return or tab, a bidi override) is written as its Python escape, and so is a backslash, so
    that what a station stored can neither move the cursor nor pass for another entry."""
    return "".join(
        c if c.isprintable() and c != "\\" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )
