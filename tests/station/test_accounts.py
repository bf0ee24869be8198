"""Local accounts: scrypt hashes with their own salt and cost, logins refused for the right
reasons, and the `sohoa accounts` commands that never show a password."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from station.accounts import (
    AccountError,
    AccountProblem,
    Accounts,
    Role,
    ScryptCost,
    hash_password,
    log_in_supervisor,
    verify_password,
)
from station.accounts.passwords import needs_rehash, parse_hash
from station.store import Store
from ui.cli.main import cli

PASSWORD = "mật khẩu 2026"


@pytest.fixture
def accounts(store: Store):
    with Accounts.open(store.layout.database) as book:
        yield book


def _refused(code: AccountProblem, call, *args) -> AccountError:
    with pytest.raises(AccountError) as caught:
        call(*args)
    assert caught.value.code is code
    return caught.value


# hashes ------------------------------------------------------------------------------------------
def test_equal_passwords_never_give_equal_hashes() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second
    assert parse_hash(first).salt != parse_hash(second).salt
    assert verify_password(PASSWORD, first) and verify_password(PASSWORD, second)


def test_the_hash_keeps_its_cost_and_salt_and_never_the_password() -> None:
    stored = hash_password(PASSWORD, ScryptCost(n=2**12, r=8, p=2))
    scheme, n, r, p, _salt, _key = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "4096", "8", "2")
    assert PASSWORD not in stored and PASSWORD.encode().hex() not in stored
    assert verify_password(PASSWORD, stored)  # verified with the cost it was made with
    assert needs_rehash(stored) and not needs_rehash(hash_password(PASSWORD))


def test_a_vietnamese_password_typed_decomposed_still_matches() -> None:
    stored = hash_password(unicodedata.normalize("NFC", PASSWORD))
    assert verify_password(unicodedata.normalize("NFD", PASSWORD), stored)
    assert not verify_password("mat khau 2026", stored)


@pytest.mark.parametrize(
    "stored",
    ["", "plain-text", "scrypt$16384$8$1$AAAA$AAAA", "scrypt$3$8$1$c2FsdHNhbHQ=$" + "A" * 44,
     "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$" + "A" * 44, "bcrypt$x$y$z$a$b"],
)  # fmt: skip
def test_a_damaged_or_foreign_hash_fails_without_error(stored: str) -> None:
    assert verify_password(PASSWORD, stored) is False


# the account book ----------------------------------------------------------------------------
def test_a_supervisor_logs_in_with_the_right_password(accounts: Accounts) -> None:
    accounts.add("lan", "Nguyễn Thị Lan", Role.SUPERVISOR, PASSWORD)
    account = accounts.authenticate("lan", PASSWORD, Role.SUPERVISOR)
    assert (account.user, account.full_name, account.role) == ("lan", "Nguyễn Thị Lan",
                                                               Role.SUPERVISOR)  # fmt: skip
    assert account.active and account.has_password
    assert accounts.supervisors() == 1
    assert accounts.names() == {"lan": "Nguyễn Thị Lan"}


def test_a_wrong_password_is_refused(accounts: Accounts) -> None:
    accounts.add("lan", "Nguyễn Thị Lan", Role.SUPERVISOR, PASSWORD)
    _refused(AccountProblem.WRONG_PASSWORD, accounts.authenticate, "lan", PASSWORD + "x")
    _refused(AccountProblem.WRONG_PASSWORD, accounts.authenticate, "lan", "")


def test_an_unknown_user_is_refused(accounts: Accounts) -> None:
    error = _refused(AccountProblem.UNKNOWN_ACCOUNT, accounts.authenticate, "ghost", PASSWORD)
    assert error.params == {"user": "ghost"}


def test_a_disabled_account_is_refused_until_enabled(accounts: Accounts) -> None:
    accounts.add("minh", "Trần Văn Minh", Role.SUPERVISOR, PASSWORD)
    assert not accounts.disable("minh").active
    assert accounts.supervisors() == 0
    _refused(AccountProblem.ACCOUNT_DISABLED, accounts.authenticate, "minh", PASSWORD)
    # A wrong password says nothing about the account being disabled.
    _refused(AccountProblem.WRONG_PASSWORD, accounts.authenticate, "minh", "wrong password")
    accounts.enable("minh")
    assert accounts.authenticate("minh", PASSWORD).active


def test_a_clerk_is_refused_where_a_supervisor_is_needed(accounts: Accounts) -> None:
    accounts.add("hoa", "Lê Thị Hoa", Role.CLERK, PASSWORD)
    assert accounts.authenticate("hoa", PASSWORD).role is Role.CLERK  # counter work is fine
    error = _refused(AccountProblem.ROLE_REFUSED, accounts.authenticate, "hoa", PASSWORD,
                     Role.SUPERVISOR)  # fmt: skip
    assert error.params == {"user": "hoa", "role": "clerk"}


def test_a_new_password_replaces_the_old(accounts: Accounts) -> None:
    accounts.add("lan", "Nguyễn Thị Lan", Role.CLERK, PASSWORD)
    accounts.set_password("lan", "một mật khẩu khác")
    _refused(AccountProblem.WRONG_PASSWORD, accounts.authenticate, "lan", PASSWORD)
    assert accounts.authenticate("lan", "một mật khẩu khác").user == "lan"


@pytest.mark.parametrize(
    ("user", "name", "password", "code"),
    [
        ("lan lan", "Lan", PASSWORD, AccountProblem.INVALID_USER_NAME),
        ("lân", "Lan", PASSWORD, AccountProblem.INVALID_USER_NAME),
        ("", "Lan", PASSWORD, AccountProblem.INVALID_USER_NAME),
        ("lan", "  ", PASSWORD, AccountProblem.EMPTY_FULL_NAME),
        ("lan", "Lan", "ngắn", AccountProblem.PASSWORD_TOO_SHORT),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_stored(
    accounts: Accounts, user: str, name: str, password: str, code: AccountProblem
) -> None:
    _refused(code, accounts.add, user, name, Role.CLERK, password)
    assert accounts.accounts() == []


def test_an_account_is_added_once(accounts: Accounts) -> None:
    accounts.add("lan", "Nguyễn Thị Lan", Role.CLERK, PASSWORD)
    _refused(AccountProblem.ACCOUNT_EXISTS, accounts.add, "lan", "Lan", Role.SUPERVISOR, PASSWORD)
    assert accounts.account("lan").role is Role.CLERK


def test_a_raised_cost_rehashes_at_the_next_login(accounts: Accounts, store: Store) -> None:
    accounts.add("lan", "Nguyễn Thị Lan", Role.SUPERVISOR, PASSWORD)
    cheap = hash_password(PASSWORD, ScryptCost(n=2**10))
    conn = sqlite3.connect(store.layout.database)
    with conn:
        conn.execute("UPDATE clerk SET password_hash = ? WHERE id = 'lan'", (cheap,))
    conn.close()
    accounts.authenticate("lan", PASSWORD)
    conn = sqlite3.connect(store.layout.database)
    stored = conn.execute("SELECT password_hash FROM clerk WHERE id = 'lan'").fetchone()[0]
    conn.close()
    assert stored != cheap and not needs_rehash(stored)


# `sohoa accounts` (the command lives in ui/cli/accounts.py) ---------------------------------
def _sohoa(home: Path, *args: str, password: str | None = None):
    stdin = None if password is None else password + "\n"
    return CliRunner().invoke(cli, ["--home", str(home), "accounts", *args], input=stdin)


def test_cli_adds_lists_and_disables_without_ever_showing_the_password(home: Path) -> None:
    added = _sohoa(home, "add", "lan", "--name", "Nguyễn Thị Lan", "--role", "supervisor",
                   "--json", password=PASSWORD)  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["account"]["role"] == "supervisor"
    _sohoa(home, "add", "hoa", "--name", "Lê Thị Hoa", password=PASSWORD)
    assert _sohoa(home, "disable", "hoa").exit_code == 0
    listed = _sohoa(home, "list", "--json")
    accounts = json.loads(listed.output)["accounts"]
    assert [(a["user"], a["role"], a["active"]) for a in accounts] == [
        ("hoa", "clerk", False),
        ("lan", "supervisor", True),
    ]
    for result in (added, listed):
        assert PASSWORD not in result.output and "scrypt" not in result.output
    with Store.open(home) as store, Accounts.open(store.layout.database) as book:
        assert book.authenticate("lan", PASSWORD, Role.SUPERVISOR).full_name == "Nguyễn Thị Lan"


def test_cli_changes_a_password_read_from_stdin(home: Path) -> None:
    _sohoa(home, "add", "lan", "--name", "Lan", password=PASSWORD)
    changed = _sohoa(home, "passwd", "lan", password="mật khẩu mới 1")
    assert changed.exit_code == 0, changed.output
    assert "mật khẩu mới 1" not in changed.output
    with Store.open(home) as store, Accounts.open(store.layout.database) as book:
        assert book.authenticate("lan", "mật khẩu mới 1").user == "lan"


def test_cli_refusals_are_bilingual_with_exit_code_3(home: Path) -> None:
    short = _sohoa(home, "add", "lan", "--name", "Lan", "--json", password="ngắn")
    assert short.exit_code == 3
    assert json.loads(short.stdout)["error"]["code"] == "password_too_short"
    assert "Mật khẩu quá ngắn" in short.stderr and "too short" in short.stderr
    unknown = _sohoa(home, "disable", "ghost")
    assert unknown.exit_code == 3
    assert 'Không có tài khoản "ghost"' in unknown.stderr
    assert _sohoa(home, "add", "x", "--name", "X", "--role", "admin").exit_code == 2


def test_a_station_without_supervisors_says_so_at_login(store: Store) -> None:
    database = store.layout.database
    with pytest.raises(AccountError) as caught:
        log_in_supervisor(database, "thu", PASSWORD)
    assert caught.value.code is AccountProblem.NO_SUPERVISOR
    with Accounts.open(database) as accounts:
        accounts.add("thu", "Phạm Thị Thu", Role.SUPERVISOR, PASSWORD)
    assert log_in_supervisor(database, "thu", PASSWORD).role is Role.SUPERVISOR
    with pytest.raises(AccountError) as caught:
        log_in_supervisor(database, "ghost", PASSWORD)
    assert caught.value.code is AccountProblem.UNKNOWN_ACCOUNT
