"""`sohoa accounts ...`: local user accounts and their roles (clerk, supervisor).

Passwords come from standard input (a hidden prompt on a terminal, else the first line), and are
never echoed, printed or put in JSON.
"""

from __future__ import annotations

from typing import Any, NoReturn

import click

from app.context import AppContext
from station.accounts import Account, AccountError, AccountProblem, Accounts, Role
from ui.cli.output import print_error_line, print_json, read_secret

EXIT_REFUSED = 3

# code -> (Vietnamese, English); {placeholders} come from the error's params.
PROBLEMS: dict[AccountProblem, tuple[str, str]] = {
    AccountProblem.INVALID_USER_NAME: (
        'Tên đăng nhập "{user}" không hợp lệ: chỉ dùng chữ không dấu, số và . _ - @ (tối đa 64).',
        'Invalid user name "{user}": use letters without accents, digits and . _ - @ (up to 64).',
    ),
    AccountProblem.EMPTY_FULL_NAME: (
        "Họ tên đang trống. Hãy nhập --name.",
        "The full name is empty. Give --name.",
    ),
    AccountProblem.PASSWORD_TOO_SHORT: (
        "Mật khẩu quá ngắn: cần ít nhất {minimum} ký tự.",
        "The password is too short: at least {minimum} characters.",
    ),
    AccountProblem.ACCOUNT_EXISTS: (
        'Tài khoản "{user}" đã có. Đổi mật khẩu bằng: sohoa accounts passwd {user}.',
        'Account "{user}" already exists. Change its password with: sohoa accounts passwd {user}.',
    ),
    AccountProblem.UNKNOWN_ACCOUNT: (
        'Không có tài khoản "{user}". Xem danh sách: sohoa accounts list.',
        'No account "{user}". See the list: sohoa accounts list.',
    ),
    AccountProblem.WRONG_PASSWORD: (
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "Wrong user name or password.",
    ),
    AccountProblem.ACCOUNT_DISABLED: (
        'Tài khoản "{user}" đã bị khóa.',
        'Account "{user}" is disabled.',
    ),
    AccountProblem.NO_SUPERVISOR: (
        "Trạm chưa có tài khoản giám sát. Tạo bằng: sohoa accounts add TÊN --role supervisor.",
        "This station has no supervisor account yet. Create one: sohoa accounts add USER"
        " --role supervisor.",
    ),
    AccountProblem.ROLE_REFUSED: (
        'Tài khoản "{user}" không có quyền này.',
        'Account "{user}" does not have this right.',
    ),
}

ROLE_NAMES = {
    Role.CLERK: ("cán bộ tiếp nhận", "clerk"),
    Role.SUPERVISOR: ("giám sát", "supervisor"),
}


def problem_text(error: AccountError) -> tuple[str, str]:
    vi, en = PROBLEMS[error.code]
    params = {k: str(v) for k, v in error.params.items()}
    return vi.format_map(params), en.format_map(params)


def account_dict(account: Account) -> dict[str, Any]:
    return {
        "user": account.user,
        "full_name": account.full_name,
        "role": account.role.value,
        "active": account.active,
        "has_password": account.has_password,
        "disabled_at": account.disabled_at.isoformat() if account.disabled_at else None,
        "created_at": account.created_at.isoformat() if account.created_at else None,
    }


def _read_password(confirm: bool) -> str:
    return read_secret("Mật khẩu / Password", confirm)


def _accounts(app: AppContext) -> Accounts:
    return Accounts(app.store.database)  # the store's own database, not a second connection


def _refused(error: AccountError, as_json: bool) -> NoReturn:
    vi, en = problem_text(error)
    if as_json:
        params = {k: str(v) for k, v in error.params.items()}
        print_json(
            {
                "ok": False,
                "error": {"code": error.code.value, "params": params,
                          "message_vi": vi, "message_en": en},
            }
        )  # fmt: skip
    print_error_line(vi, en)
    raise SystemExit(EXIT_REFUSED)


def _done(account: Account, as_json: bool, vi: str, en: str) -> None:
    if as_json:
        print_json({"ok": True, "account": account_dict(account)})
    else:
        click.echo(f"{vi} | {en}")


_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.group("accounts")
def accounts_group() -> None:
    """Local accounts and roles (tài khoản và vai trò)."""


@accounts_group.command("add")
@click.argument("user")
@click.option("--name", "full_name", required=True, help="Full name (họ tên).")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default=Role.CLERK.value,
    show_default=True, help="clerk: counter work; supervisor: also the supervisor screen.",
)  # fmt: skip
@_json_option
@click.pass_obj
def add_command(app: AppContext, user: str, full_name: str, role: str, as_json: bool) -> None:
    """Add an account (thêm tài khoản); its password (at least 8 characters) is read from
    stdin."""
    with _accounts(app) as accounts:
        try:
            if any(a.user == user for a in accounts.accounts()):  # before asking for a password
                raise AccountError(AccountProblem.ACCOUNT_EXISTS, user=user)
            account = accounts.add(user, full_name, Role(role), _read_password(confirm=True))
        except AccountError as error:
            _refused(error, as_json)
    vi_role, en_role = ROLE_NAMES[account.role]
    _done(account, as_json, f"Đã tạo tài khoản {user} ({vi_role})",
          f"Account {user} created ({en_role})")  # fmt: skip


@accounts_group.command("list")
@_json_option
@click.pass_obj
def list_command(app: AppContext, as_json: bool) -> None:
    """List the accounts (danh sách tài khoản), never their passwords."""
    with _accounts(app) as accounts:
        found = accounts.accounts()
    if as_json:
        print_json({"ok": True, "accounts": [account_dict(a) for a in found]})
        return
    for account in found:
        state = "" if account.active else "  [khóa / disabled]"
        click.echo(f"{account.user}\t{account.role.value}\t{account.full_name}{state}")


@accounts_group.command("passwd")
@click.argument("user")
@_json_option
@click.pass_obj
def passwd_command(app: AppContext, user: str, as_json: bool) -> None:
    """Set a new password (đổi mật khẩu), read from stdin."""
    with _accounts(app) as accounts:
        try:
            accounts.account(user)  # refuse an unknown user before asking for a password
            accounts.set_password(user, _read_password(confirm=True))
            account = accounts.account(user)
        except AccountError as error:
            _refused(error, as_json)
    _done(account, as_json, f"Đã đổi mật khẩu của {user}", f"Password of {user} changed")


@accounts_group.command("disable")
@click.argument("user")
@_json_option
@click.pass_obj
def disable_command(app: AppContext, user: str, as_json: bool) -> None:
    """Disable an account (khóa tài khoản): it can no longer log in."""
    with _accounts(app) as accounts:
        try:
            account = accounts.disable(user)
        except AccountError as error:
            _refused(error, as_json)
    _done(account, as_json, f"Đã khóa tài khoản {user}", f"Account {user} disabled")


@accounts_group.command("enable")
@click.argument("user")
@_json_option
@click.pass_obj
def enable_command(app: AppContext, user: str, as_json: bool) -> None:
    """Enable a disabled account again (mở khóa tài khoản)."""
    with _accounts(app) as accounts:
        try:
            account = accounts.enable(user)
        except AccountError as error:
            _refused(error, as_json)
    _done(account, as_json, f"Đã mở khóa tài khoản {user}", f"Account {user} enabled")
